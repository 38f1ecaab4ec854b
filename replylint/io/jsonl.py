"""JSON Lines: one reply per line, fields mapped with ``--map`` or detected."""
from __future__ import annotations

import json
from typing import Iterator

from replylint.errors import InputError
from replylint.io.fields import map_rows
from replylint.io.record import Item
from replylint.io.source import display_name, has_undecodable, open_text, undecodable_message


def iter_json_objects(path, what: str = "reply") -> Iterator["tuple[int, dict] | InputError"]:
    """Yield ``(line, object)`` per non-blank line, or an InputError for a bad line."""
    source = display_name(path)
    with open_text(path) as stream:
        for line_no, line in enumerate(stream, 1):
            if not line.strip():
                continue
            if has_undecodable(line):
                yield InputError(undecodable_message(line), source, line_no)
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield InputError(f"invalid JSON ({error.msg.removesuffix(' at')}, column {error.colno})",
                                 source, line_no)
                continue
            if not isinstance(row, dict):
                yield InputError(f"expected a JSON object (one {what} per line), "
                                 f"got {type(row).__name__}", source, line_no)
                continue
            yield line_no, row


def read_jsonl(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    """One Record per JSON object line; fields detected from the first object."""
    yield from map_rows(iter_json_objects(path), display_name(path), mapping, defaults, notify)
