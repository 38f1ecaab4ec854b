"""Mapping the fields of an input row to a Record: ``--map KEY=FIELD`` and detection.

Exports name the reply text ``reply``, ``body``, ``message``..., the agent ``author``
or ``agent_name``. Without ``--map``, the first row's field names are matched against
the common names below; the choice is kept in ``FieldMap.describe()`` so the CLI can
print it, because a wrong guess would otherwise lint the wrong column silently.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterable, Mapping, Optional

from replylint.errors import InputError
from replylint.io.record import Record
from replylint.io.source import has_undecodable, undecodable_message
from replylint.model import CHANNELS, Context

KEYS = (
    "text", "id", "conversation", "agent", "team", "company", "channel",
    "customer_name", "customer_handle", "agent_name", "inbound", "timestamp", "public",
)

# Tried in order; the first field name present (case-insensitive) wins.
COMMON_NAMES = {
    "text": ("text", "reply", "body", "message", "content", "response", "agent_reply",
             "reply_text", "message_text"),
    "id": ("id", "ticket_id", "reply_id", "message_id", "record_id", "tweet_id", "uid",
           "name", "title", "macro", "slug"),
    "conversation": ("conversation", "conversation_id", "thread", "thread_id", "ticket",
                     "dialog_id", "case_id"),
    # A sign-off (``^SG``, ``-Anwar``) identifies the agent but is not a name to check
    # the reply against, so it feeds ``agent``, not ``agent_name``.
    "agent": ("agent", "agent_id", "author", "agent_email", "assignee", "user",
              "agent_signature", "signature"),
    "team": ("team", "group", "queue", "department"),
    "company": ("company", "brand", "account", "organization"),
    "channel": ("channel", "medium", "via"),
    "customer_name": ("customer_name", "customer", "requester", "requester_name"),
    "customer_handle": ("customer_handle", "handle", "customer_name_or_handle",
                        "screen_name"),
    "agent_name": ("agent_name", "signed_by"),
    "inbound": ("inbound", "customer_message", "inbound_text", "question", "request"),
    "timestamp": ("timestamp", "ts", "created_at", "date", "time", "sent_at", "datetime"),
    "public": ("public", "is_public"),
}

_TRUE = {"true", "yes", "1", "public", "y", "t"}
_FALSE = {"false", "no", "0", "private", "n", "f"}


def parse_map_options(options: Iterable[str]) -> dict:
    """``["text=reply", "id=ticket"]`` -> ``{"text": "reply", "id": "ticket"}``.

    Raises ValueError with a message fit for a usage error.
    """
    mapping = {}
    for option in options:
        key, sep, field_name = option.partition("=")
        key, field_name = key.strip().lower(), field_name.strip()
        if not sep or not key or not field_name:
            raise ValueError(f"--map expects KEY=FIELD, got {option!r}")
        if key not in KEYS:
            raise ValueError(f"--map: unknown key {key!r}; expected one of: {', '.join(KEYS)}")
        mapping[key] = field_name
    return mapping


@dataclass
class FieldMap:
    """Which input field feeds which Record key, for one source."""

    fields: dict              # key -> field name in the input
    explicit: frozenset = frozenset()   # keys given with --map (not guessed)

    @classmethod
    def resolve(cls, available: Iterable[str], explicit: "Mapping[str, str] | None" = None) -> "FieldMap":
        """Keep the explicit choices and guess the rest from ``available`` field names."""
        explicit = dict(explicit or {})
        by_lower = {}
        for name in available:
            by_lower.setdefault(str(name).strip().lower(), name)
        fields = dict(explicit)
        taken = set(explicit.values())
        for key in KEYS:
            if key in fields:
                continue
            for candidate in COMMON_NAMES[key]:
                name = by_lower.get(candidate)
                if name is not None and name not in taken:
                    fields[key] = name
                    taken.add(name)
                    break
        return cls(fields=fields, explicit=frozenset(explicit))

    @cached_property
    def _pairs(self) -> tuple:
        """``(key, field name)`` of every mapped key, in KEYS order (once per source)."""
        return tuple((key, self.fields[key]) for key in KEYS if key in self.fields)

    def describe(self) -> str:
        """One line naming each mapping, guessed ones marked, for the CLI to print."""
        parts = []
        for key in KEYS:
            if key in self.fields:
                mark = "" if key in self.explicit else " (detected)"
                parts.append(f"{key}={self.fields[key]}{mark}")
        return ", ".join(parts) if parts else "no known fields"

    def get(self, row: Mapping[str, Any], key: str) -> Any:
        name = self.fields.get(key)
        if name is None:
            return None
        return row.get(name)

    def to_record(self, row: Mapping[str, Any], source: str, line: Optional[int],
                  defaults: "Mapping[str, Any] | None" = None,
                  literal_lines: bool = False) -> "Record | InputError":
        """Build a Record from one row, or the InputError that says why it cannot be."""
        if "text" not in self.fields:
            return InputError("no text field: name it with --map text=FIELD "
                              f"(fields here: {', '.join(map(str, row.keys())) or 'none'})",
                              source, line)
        for value in row.values():
            # isascii() first: O(1), and an ASCII value cannot hold an invalid byte.
            if isinstance(value, str) and not value.isascii() and has_undecodable(value):
                return InputError(undecodable_message(value), source, line)
        text = row.get(self.fields["text"])
        if text is None:
            return InputError(f"missing text field {self.fields['text']!r}", source, line)
        if not isinstance(text, str):
            return InputError(f"text field {self.fields['text']!r} is not a string", source, line)
        values = dict(defaults) if defaults else {}
        for key, name in self._pairs:
            value = row.get(name)
            if value is not None and value != "":
                values[key] = value
        values["text"] = text
        try:
            return build_record(values, source, line, literal_lines=literal_lines)
        except ValueError as error:
            return InputError(str(error), source, line)


def build_record(values: Mapping[str, Any], source: str, line: Optional[int],
                 literal_lines: bool = False, history: tuple = ()) -> Record:
    """A Record from already-mapped values; raises ValueError on a bad value."""
    channel = _text_or_none(values.get("channel"))
    if channel is not None:
        channel = channel.strip().lower()
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {values.get('channel')!r}; "
                             f"expected one of: {', '.join(CHANNELS)}")
    inbound = values.get("inbound")
    if isinstance(inbound, (list, tuple)):
        inbound = "\n".join(str(part) for part in inbound if part)
    context = Context(
        channel=channel,
        public=parse_public(values.get("public")),
        customer_name=_text_or_none(values.get("customer_name")),
        customer_handle=_text_or_none(values.get("customer_handle")),
        agent_name=_text_or_none(values.get("agent_name")),
        inbound=_text_or_none(inbound),
        history=history,
    )
    record_id = _text_or_none(values.get("id"))
    if record_id is None:
        record_id = f"{source}:{line}" if line is not None else str(source)
    return Record(
        id=record_id,
        text=values["text"],
        context=context,
        agent=_text_or_none(values.get("agent")),
        team=_text_or_none(values.get("team")),
        company=_text_or_none(values.get("company")),
        channel=channel,
        conversation=_text_or_none(values.get("conversation")),
        timestamp=_text_or_none(values.get("timestamp")),
        source=source,
        line=line,
        literal_lines=literal_lines,
    )


def parse_public(value: Any) -> Optional[bool]:
    """``true/false/yes/no/1/0/public/private`` (any case) or a bool; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"public must be true or false, not {value!r}")


def _text_or_none(value: Any) -> Optional[str]:
    if value is None:
        return None
    if value.__class__ is str:   # the common case, first
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # ids read as 1234.0 by spreadsheet tools
    text = str(value).strip()
    return text or None


def map_rows(items, source: str, mapping=None, defaults=None, notify=None, *,
             header_first: bool = False, literal_lines: bool = False):
    """Turn ``(line, row)`` items into Records, passing InputErrors through.

    The field map is resolved once, from the header (``header_first``: the first
    item's row is the list of column names) or else from the first row's keys, and
    reported through ``notify(source, field_map)``.
    """
    field_map = None
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        line_no, row = item
        if field_map is None:
            field_map = FieldMap.resolve(row if header_first else row.keys(), mapping)
            if notify:
                notify(source, field_map)
            if header_first:
                continue
        yield field_map.to_record(row, source, line_no, defaults, literal_lines=literal_lines)
