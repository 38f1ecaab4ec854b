"""Conversation JSON Lines: one conversation per line, one Record per agent message.

Schema of a line (documented in docs/cli.md)::

    {"id": "c-17", "channel": "chat", "company": "Acme", "team": "billing",
     "customer_name": "Diane", "agent": "sam@acme.example",
     "messages": [{"role": "customer", "text": "...", "author": "Diane", "ts": "..."},
                  {"role": "agent", "text": "...", "author": "Sam", "ts": "..."}]}

Every field but ``messages`` is optional; conversation fields are mapped like a
reply's (``--map``). An agent message's inbound is the run of customer messages just
before it; its history is every earlier message's text, oldest first.
"""
from __future__ import annotations

from typing import Iterator

from replylint.errors import InputError
from replylint.io.fields import FieldMap, build_record
from replylint.io.jsonl import iter_json_objects
from replylint.io.record import Item
from replylint.io.source import display_name, has_undecodable, undecodable_message

CUSTOMER_ROLES = {"customer", "user", "client", "end-user", "end_user"}
AGENT_ROLES = {"agent", "assistant", "bot", "support", "staff"}


def is_conversation(row: dict) -> bool:
    return isinstance(row.get("messages"), list)


def read_conversations(path, mapping=None, defaults=None, notify=None) -> Iterator[Item]:
    source = display_name(path)
    field_map = None
    for item in iter_json_objects(path, what="conversation"):
        if isinstance(item, InputError):
            yield item
            continue
        line_no, row = item
        if field_map is None:
            # ``text`` is per message here; only the conversation fields are mapped.
            field_map = FieldMap.resolve([k for k in row if k != "messages"],
                                         {k: v for k, v in (mapping or {}).items() if k != "text"})
            field_map.fields.pop("text", None)
            if notify:
                notify(source, field_map)
        yield from conversation_records(row, field_map, source, line_no, defaults or {})


def conversation_records(row, field_map, source, line_no, defaults) -> Iterator[Item]:
    messages = row.get("messages")
    if not isinstance(messages, list):
        yield InputError("a conversation needs a 'messages' list", source, line_no)
        return
    shared = dict(defaults)
    for key in field_map.fields:
        value = field_map.get(row, key)
        if value is not None and value != "":
            shared[key] = value
    conversation = str(shared.pop("id", "") or f"{source}:{line_no}")
    earlier, inbound_run = [], []
    for index, message in enumerate(messages):
        where = f"message {index + 1} of conversation {conversation}"
        if not isinstance(message, dict):
            yield InputError(f"{where}: expected an object", source, line_no)
            continue
        text, role = message.get("text"), str(message.get("role", "")).strip().lower()
        if not isinstance(text, str):
            if role in AGENT_ROLES:
                yield InputError(f"{where}: missing text", source, line_no)
            continue
        if has_undecodable(text):
            yield InputError(f"{where}: {undecodable_message(text)}", source, line_no)
            continue
        if role in CUSTOMER_ROLES:
            inbound_run.append(text)
        elif role in AGENT_ROLES:
            values = dict(shared)
            values.update({"text": text, "id": f"{conversation}#{index + 1}",
                           "conversation": conversation,
                           "inbound": "\n".join(inbound_run) or None})
            if message.get("author"):
                values["agent_name"] = message["author"]
                values.setdefault("agent", message["author"])
            if message.get("ts") is not None:
                values["timestamp"] = message["ts"]
            try:
                yield build_record(values, source, line_no, history=tuple(earlier))
            except ValueError as error:
                yield InputError(f"{where}: {error}", source, line_no)
            inbound_run = []
        else:
            yield InputError(f"{where}: unknown role {message.get('role')!r}; expected "
                             "customer or agent", source, line_no)
            continue
        earlier.append(text)
