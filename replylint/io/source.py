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
        raw: IO[bytes] = sys.stdin.buffer
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


def has_undecodable(text: str) -> bool:
    """True when ``text`` holds bytes that were not valid UTF-8."""
    return bool(_UNDECODABLE.search(text))


def undecodable_message(text: str) -> str:
    match = _UNDECODABLE.search(text)
    byte = ord(match.group()) - 0xDC00
    return f"not valid UTF-8 (byte 0x{byte:02x}); re-encode the file as UTF-8"


def first_undecodable_line(text: str) -> int:
    """The 1-based line of ``text`` holding its first invalid byte."""
    match = _UNDECODABLE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
