"""CSV (and TSV): one reply per row, quoted fields may hold newlines and quotes."""
from __future__ import annotations

import csv
import sys
from typing import Iterator

from replylint.errors import InputError
from replylint.io.fields import map_rows
from replylint.io.record import Item
from replylint.io.source import display_name, inner_suffix, open_text

# A reply can be long (a pasted log); the csv module's 128 KiB default would turn it
# into an error.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def iter_rows(path) -> Iterator["tuple[int, dict] | tuple[int, list] | InputError"]:
    """Yield ``(line, header)`` once, then ``(line, row dict)`` per row or an InputError.

    ``line`` is where the row starts (rows may span lines).
    """
    source = display_name(path)
    delimiter = "\t" if inner_suffix(path) in (".tsv", ".tab") else ","
    with open_text(path, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        header = None
        end = 0
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield InputError(f"malformed CSV: {error}", source, start)
                if reader.line_num == end:  # the reader cannot move on
                    return
                end = reader.line_num
                continue
            end = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if header is None:
                header = [name.strip() for name in row]
                yield start, header
                continue
            if len(row) != len(header):
                yield InputError(f"expected {len(header)} fields as in the header, "
                                 f"found {len(row)}", source, start)
                continue
            yield start, dict(zip(header, row))


def read_csv(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    """One Record per row; the header names the fields."""
    yield from map_rows(iter_rows(path), display_name(path), mapping, defaults, notify,
                        header_first=True, literal_lines=True)
