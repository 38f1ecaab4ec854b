"""Opening inputs as text: files, ``.gz`` files and ``-`` for stdin.

Bytes are decoded as UTF-8 (a leading BOM is dropped, as Excel writes one). Invalid
bytes are kept as lone surrogates (``surrogateescape``) instead of stopping the whole
file, so a reader can turn just the record holding them into an InputError that
names the file and line, and go on with the next record.
"""
from __future__ import annotations

import gzip
import io
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

_UNDECODABLE = re.compile("[\udc80-\udcff]")
STDIN = "-"


def display_name(path: "str | Path") -> str:
    """How a source is named in locations and errors."""
    return "<stdin>" if str(path) == STDIN else str(path)


def inner_suffix(path: "str | Path") -> str:
    """The extension that says the format, looking through a trailing ``.gz``."""
    name = Path(str(path)).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


@contextmanager
def open_text(path: "str | Path", newline: "str | None" = None) -> Iterator[IO[str]]:
    """Open ``path`` (or stdin for ``-``) as UTF-8 text, gunzipping ``*.gz``.

    Raises OSError for missing or unreadable files; callers report it as an
    InputError for the whole source.
    """
    if str(path) == STDIN:
        raw: IO[bytes] = stdin_bytes()
        closing = False
    elif str(path).lower().endswith(".gz"):
        raw = gzip.open(path, "rb")
        closing = True
    else:
        raw = open(path, "rb")
        closing = True
    stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape",
                              newline=newline)
    try:
        yield stream
    finally:
        if closing:
            stream.close()
        else:
            stream.detach()  # leave the process's stdin open


# The first line of stdin, read to tell its format, waits here to be read again:
# a pipe cannot seek back. Keyed by the stdin object it came from.
_stdin_pushback: "tuple[object, bytes] | None" = None


def peek_stdin_line(limit: int = 65536) -> bytes:
    """The first line of stdin (up to ``limit`` bytes), left for the reader to read."""
    global _stdin_pushback
    if _stdin_pushback is None or _stdin_pushback[0] is not sys.stdin:
        _stdin_pushback = (sys.stdin, sys.stdin.buffer.readline(limit))
    return _stdin_pushback[1]


class _PushbackReader(io.RawIOBase):
    """Peeked bytes first, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size], self.head = self.head[:size], self.head[size:]
            return size
        data = self.rest.read1(len(buffer)) if hasattr(self.rest, "read1") else self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes, starting with any line peeked to tell its format."""
    global _stdin_pushback
    if _stdin_pushback is not None and _stdin_pushback[0] is sys.stdin:
        head, _stdin_pushback = _stdin_pushback[1], None
        return io.BufferedReader(_PushbackReader(head, sys.stdin.buffer))
    return sys.stdin.buffer


def has_undecodable(text: str) -> bool:
    """True when ``text`` holds bytes that were not valid UTF-8."""
    # isascii() is O(1) in CPython: most values of most inputs skip the search.
    return not text.isascii() and _UNDECODABLE.search(text) is not None


def undecodable_message(text: str) -> str:
    match = _UNDECODABLE.search(text)
    byte = ord(match.group()) - 0xDC00
    return f"not valid UTF-8 (byte 0x{byte:02x}); re-encode the file as UTF-8"


def first_undecodable_line(text: str) -> int:
    """The 1-based line of ``text`` holding its first invalid byte."""
    match = _UNDECODABLE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def read_whole(path: "str | Path"):
    """The file's text, or the InputError naming the line of its first invalid byte."""
    from replylint.errors import InputError

    with open_text(path) as stream:
        text = stream.read()
    if has_undecodable(text):
        return InputError(undecodable_message(text), display_name(path), first_undecodable_line(text))
    return text
