"""Choosing a reader per input and chaining them: the one entry point of the package.

The format comes from the extension (looking through ``.gz``), or ``--input-format``;
``.jsonl`` and ``.csv`` are sniffed from their first line to tell conversations from
replies and the Twitter layout from a plain table.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from replylint.errors import InputError
from replylint.io.conversations import is_conversation, read_conversations
from replylint.io.jsonl import read_jsonl
from replylint.io.macros import read_macros
from replylint.io.plaintext import read_blocks, read_whole_file
from replylint.io.record import Item
from replylint.io.source import STDIN, display_name, inner_suffix, open_text, peek_stdin_line
from replylint.io.table import read_csv
from replylint.io.twitter import is_twitter_header, read_twitter_csv

READERS = {
    "jsonl": read_jsonl,
    "conversations": read_conversations,
    "csv": read_csv,
    "twitter": read_twitter_csv,
    "text": read_blocks,
    "reply": read_whole_file,
    "macros": read_macros,
}
FORMATS = tuple(READERS)

_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".json": "macros", ".yaml": "macros", ".yml": "macros",
    ".md": "reply", ".markdown": "reply",
}


def detect_format(path, text_format: str = "text") -> str:
    """The reader for ``path``. ``.txt`` means ``text_format``: blank-line separated
    replies for ``audit``, one reply per file for ``check``."""
    if str(path) == STDIN:
        return _sniff_stdin() if text_format == "text" else text_format
    suffix = inner_suffix(path)
    base = text_format if suffix == ".txt" else _BY_SUFFIX.get(suffix, text_format)
    if base in ("jsonl", "csv"):
        return _sniff(path, base)
    return base


def _sniff_stdin() -> str:
    """What an audit's stdin holds, from its first buffered bytes (nothing is consumed):
    JSON Lines (replies or conversations), the Twitter CSV layout, else plain text."""
    try:
        first = peek_stdin_line().decode("utf-8", "replace").lstrip("\ufeff").strip()
    except (AttributeError, OSError, ValueError):
        return "text"
    if first.startswith("{"):
        try:
            row = json.loads(first)
        except ValueError:
            return "jsonl"
        return "conversations" if isinstance(row, dict) and is_conversation(row) else "jsonl"
    import csv

    return "twitter" if is_twitter_header(next(csv.reader([first]), [])) else "text"


def _sniff(path, base: str) -> str:
    try:
        with open_text(path, newline="" if base == "csv" else None) as stream:
            first = next((line for line in stream if line.strip()), "")
    except (OSError, EOFError, gzip.BadGzipFile):
        return base  # the reader reports the problem
    if base == "csv":
        import csv

        header = next(csv.reader([first]), [])
        return "twitter" if is_twitter_header(header) else "csv"
    try:
        row = json.loads(first)
    except ValueError:
        return "jsonl"
    return "conversations" if isinstance(row, dict) and is_conversation(row) else "jsonl"


def read_inputs(paths: Iterable, input_format: Optional[str] = None, mapping=None,
                defaults=None, notify: Optional[Callable] = None,
                text_format: str = "text") -> Iterator[Item]:
    """Every Record (or InputError) of every input, in order.

    ``notify(source, description)`` is called once per source with the field
    mapping in force (a FieldMap or a sentence), so the caller can print it.
    """
    for path in paths:
        fmt = input_format or detect_format(path, text_format)
        if fmt not in READERS:
            raise ValueError(f"unknown input format {fmt!r}; expected one of: {', '.join(FORMATS)}")
        yield from _guarded(READERS[fmt](path, mapping, defaults, notify), path)


class SourceError(InputError):
    """A whole input could not be read (missing, unreadable, corrupt), not one record."""


def _guarded(items: Iterator[Item], path) -> Iterator[Item]:
    """A source that cannot be opened or ends corrupt becomes one SourceError, not a crash."""
    source = display_name(path)
    try:
        yield from items
    except FileNotFoundError:
        yield SourceError("no such file", source)
    except IsADirectoryError:
        yield SourceError("is a directory", source)
    except PermissionError:
        yield SourceError("permission denied", source)
    except (gzip.BadGzipFile, EOFError) as error:
        yield SourceError(f"not a readable gzip file ({error or 'truncated'})", source)
    except OSError as error:
        yield SourceError(f"cannot read: {error.strerror or error}", source)


def expand_paths(paths: Iterable[str], suffixes: Iterable[str]) -> list:
    """Files as given, and for a directory its files with one of ``suffixes``, sorted."""
    wanted = tuple(suffixes)
    expanded = []
    for path in paths:
        if path != STDIN and Path(path).is_dir():
            expanded.extend(str(p) for p in sorted(Path(path).rglob("*"))
                            if p.is_file() and p.name.lower().endswith(wanted))
        else:
            expanded.append(path)
    return expanded
