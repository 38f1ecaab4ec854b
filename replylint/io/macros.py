"""Macro (canned reply) exports in JSON or YAML.

Accepted shapes: a list of objects with a text field, ``{"macros": [...]}`` (any one
top-level key holding such a list), or a mapping of macro name to text or to an
object. Macro exports are small, so the file is parsed whole; the id of a macro is
its ``id`` field, else its name, else its position.
"""
from __future__ import annotations

import json
from typing import Iterator

from replylint.errors import InputError
from replylint.io.fields import FieldMap
from replylint.io.record import Item
from replylint.io.source import display_name, inner_suffix, read_whole


def read_macros(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    source = display_name(path)
    content = read_whole(path)
    if isinstance(content, InputError):
        yield content
        return
    try:
        data = _parse(content, inner_suffix(path))
    except ValueError as error:
        yield InputError(str(error), source, getattr(error, "line", None))
        return
    entries = list(_entries(data)) if isinstance(data, (list, dict)) else []
    if not entries and data not in ([], {}, None):
        yield InputError("expected a list of macros or a mapping of name to macro", source, None)
        return
    for position, (name, row) in enumerate(entries, 1):
        if isinstance(row, str):
            row = {"text": row}
        if not isinstance(row, dict):
            yield InputError(f"macro {name or position}: expected text or an object", source, None)
            continue
        # Macros of one export can differ in shape (plain text next to objects), so
        # fields are detected per macro; the first choice is reported.
        field_map = FieldMap.resolve(row.keys(), mapping)
        if position == 1 and notify:
            notify(source, field_map)
        defaults_here = dict(defaults or {})
        defaults_here["id"] = name or f"{source}#{position}"
        item = field_map.to_record(row, source, None, defaults_here)
        if isinstance(item, InputError):
            item = InputError(f"macro {name or position}: {item.message}", source, None)
        yield item


def _parse(content: str, suffix: str):
    if suffix == ".json":
        try:
            return json.loads(content)
        except json.JSONDecodeError as error:
            problem = ValueError(f"invalid JSON ({error.msg.removesuffix(' at')}, column {error.colno})")
            problem.line = error.lineno
            raise problem from None
    import yaml  # only macro files need it

    try:
        return yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = ValueError(f"invalid YAML: {getattr(error, 'problem', None) or error}")
        problem.line = mark.line + 1 if mark is not None else None
        raise problem from None


def _entries(data):
    """``(name or None, macro)`` pairs from any accepted shape."""
    if isinstance(data, list):
        for row in data:
            yield None, row
    elif isinstance(data, dict):
        if _is_single_macro(data):
            yield None, data
            return
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(data) == 1 and lists:
            yield from _entries(lists[0])
        elif any(isinstance(v, str) for v in data.values()) or all(isinstance(v, dict) for v in data.values()):
            for name, row in data.items():
                yield str(name), row


def _is_single_macro(data: dict) -> bool:
    """One macro object (``{"title": ..., "text": ...}``), not a mapping of macros."""
    if any(isinstance(v, (dict, list)) for v in data.values()):
        return False
    return "text" in FieldMap.resolve(data.keys()).fields
