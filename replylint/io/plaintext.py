"""Plain text: replies separated by blank lines, and one-reply files (.txt, .md)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from replylint.errors import InputError
from replylint.io.fields import build_record
from replylint.io.record import Item
from replylint.io.source import (display_name, has_undecodable, open_text, read_whole,
                                 undecodable_message)


def read_blocks(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    """One Record per block of non-blank lines; its id is ``file:line``."""
    source = display_name(path)
    with open_text(path) as stream:
        block, start = [], None
        for line_no, line in enumerate(stream, 1):
            if line.strip():
                if start is None:
                    start = line_no
                block.append(line)
            elif block:
                yield _block_record(block, source, start, defaults)
                block, start = [], None
        if block:
            yield _block_record(block, source, start, defaults)


def _block_record(lines, source, start, defaults) -> Item:
    text = "".join(lines).rstrip("\n")
    if has_undecodable(text):
        return InputError(undecodable_message(text), source, start)
    values = dict(defaults or {})
    values["text"] = text
    try:
        return build_record(values, source, start, literal_lines=True)
    except ValueError as error:
        return InputError(str(error), source, start)


def read_whole_file(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    """The whole file is one reply (a template in a folder of .txt/.md macros)."""
    source = display_name(path)
    text = read_whole(path)
    if isinstance(text, InputError):
        yield text
        return
    values = dict(defaults or {})
    values.update({"text": text.rstrip("\n"), "id": Path(source).stem if source != "<stdin>" else source})
    try:
        yield build_record(values, source, 1, literal_lines=True)
    except ValueError as error:
        yield InputError(str(error), source, 1)
