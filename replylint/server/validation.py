"""Turning a JSON request body into typed requests, or a clear 400/422.

400: the body is not JSON at all. 415: it is not sent as JSON. 422: it is JSON but
not the shape the endpoint takes (unknown or missing fields, wrong types, unknown
context keys or profile). Every message names the field, and none quotes the reply
text back, since error messages end up in client logs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Optional

from replylint.config import PROFILES
from replylint.model import Context, context_from_mapping
from replylint.server.dismissals import HASH_LENGTH, Dismissal
from replylint.server.errors import RequestError
from replylint.server.offsets import has_lone_surrogate

MAX_DISMISSALS = 1000
MAX_REASON = 500
MAX_BATCH = 1000
_HASH = re.compile(rf"[0-9a-f]{{{HASH_LENGTH}}}")
_CONTEXT_STRINGS = ("channel", "customer_name", "customer_handle", "agent_name", "inbound", "locale")


@dataclass(frozen=True)
class CheckRequest:
    text: str
    context: Context
    profile: str
    dismissed: tuple = ()


@dataclass(frozen=True)
class BatchItem:
    id: Any
    text: str
    context: Context
    dismissed: tuple = ()


@dataclass(frozen=True)
class BatchRequest:
    profile: str
    items: tuple


def parse_json(body: bytes, content_type: Optional[str]) -> Any:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise RequestError(415, "send the body as JSON with the header Content-Type: application/json")
    if not body.strip():
        raise RequestError(400, "the request body is empty; expected a JSON object")
    try:
        return json.loads(body)
    except UnicodeDecodeError:
        raise RequestError(400, "the request body is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        # exc.msg and the position only; never the document, which holds the reply.
        raise RequestError(400, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise RequestError(400, "malformed JSON: nested too deeply") from None


def parse_check(data: Any, default_profile: str) -> CheckRequest:
    obj = _object(data, "", ("text", "context", "profile", "dismissed"))
    return CheckRequest(
        text=_text(obj, "text"),
        context=_context(obj.get("context"), "context"),
        profile=_profile(obj.get("profile"), default_profile),
        dismissed=_dismissals(obj.get("dismissed"), "dismissed"),
    )


def parse_fix(data: Any, default_profile: str) -> CheckRequest:
    obj = _object(data, "", ("text", "context", "profile"))
    return CheckRequest(
        text=_text(obj, "text"),
        context=_context(obj.get("context"), "context"),
        profile=_profile(obj.get("profile"), default_profile),
    )


def parse_batch(data: Any, default_profile: str, max_items: int = MAX_BATCH) -> BatchRequest:
    obj = _object(data, "", ("items", "profile"))
    items = obj.get("items")
    if not isinstance(items, list):
        raise RequestError(422, "items must be a list of {text, context?, dismissed?, id?}", "items")
    if len(items) > max_items:
        raise RequestError(422, f"too many items: {len(items)}; at most {max_items} per batch", "items")
    parsed = []
    for index, item in enumerate(items):
        where = f"items[{index}]"
        entry = _object(item, where, ("id", "text", "context", "dismissed"))
        item_id = entry.get("id")
        if item_id is not None and (isinstance(item_id, bool) or not isinstance(item_id, (str, int))):
            raise RequestError(422, "id must be a string or an integer", f"{where}.id")
        parsed.append(BatchItem(
            id=item_id,
            text=_text(entry, "text", where),
            context=_context(entry.get("context"), f"{where}.context"),
            dismissed=_dismissals(entry.get("dismissed"), f"{where}.dismissed"),
        ))
    return BatchRequest(profile=_profile(obj.get("profile"), default_profile), items=tuple(parsed))


def parse_profile_param(value: Optional[str], default_profile: str) -> str:
    return _profile(value, default_profile)


# ------------------------------------------------------------------ pieces
def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _object(data: Any, where: str, allowed: tuple) -> dict:
    if not isinstance(data, dict):
        raise RequestError(422, f"{where or 'the body'} must be a JSON object, not {_json_type(data)}",
                           where or None)
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise RequestError(
            422, f"unknown field(s): {', '.join(unknown)}; expected: {', '.join(allowed)}",
            _join(where, unknown[0]))
    return data


def _text(obj: dict, name: str, where: str = "") -> str:
    field = _join(where, name)
    if name not in obj:
        raise RequestError(422, f"{field} is required", field)
    value = obj[name]
    if not isinstance(value, str):
        raise RequestError(422, f"{field} must be a string, not {_json_type(value)}", field)
    if has_lone_surrogate(value):
        raise RequestError(422, f"{field} contains half of a UTF-16 surrogate pair", field)
    return value


def _context(value: Any, field: str) -> Context:
    if value is None:
        return Context()
    if not isinstance(value, dict):
        raise RequestError(422, f"{field} must be an object, not {_json_type(value)}", field)
    unknown = sorted(set(value) - set(Context.field_names()))
    if unknown:
        raise RequestError(
            422, f"unknown context field(s): {', '.join(unknown)}; expected: {', '.join(Context.field_names())}",
            f"{field}.{unknown[0]}")
    for name in _CONTEXT_STRINGS:
        item = value.get(name)
        if item is not None and not isinstance(item, str):
            raise RequestError(422, f"{field}.{name} must be a string, not {_json_type(item)}",
                               f"{field}.{name}")
        if isinstance(item, str) and has_lone_surrogate(item):
            raise RequestError(422, f"{field}.{name} contains half of a UTF-16 surrogate pair",
                               f"{field}.{name}")
    public = value.get("public")
    if public is not None and not isinstance(public, bool):
        raise RequestError(422, f"{field}.public must be true, false or null, not {_json_type(public)}",
                           f"{field}.public")
    history = value.get("history")
    if history is not None and (not isinstance(history, list)
                                or not all(isinstance(h, str) for h in history)):
        raise RequestError(422, f"{field}.history must be a list of strings", f"{field}.history")
    try:
        return context_from_mapping(value)
    except ValueError as exc:
        # Context's own checks (an unknown channel) name the bad value and the choices.
        bad = next((name for name in value if str(exc).startswith(("unknown " + name, name))), None)
        raise RequestError(422, f"{field}: {exc}", f"{field}.{bad}" if bad else field) from None


def _profile(value: Any, default: str) -> str:
    if value is None:
        return default
    if not isinstance(value, str):
        raise RequestError(422, f"profile must be a string, not {_json_type(value)}", "profile")
    if value not in PROFILES:
        raise RequestError(422, f"unknown profile {value!r}; expected one of: {', '.join(PROFILES)}",
                           "profile")
    return value


def _dismissals(value: Any, field: str) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RequestError(422, f"{field} must be a list of {{code, hash, reason}}", field)
    if len(value) > MAX_DISMISSALS:
        raise RequestError(422, f"too many dismissals: at most {MAX_DISMISSALS}", field)
    parsed = []
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        obj = _object(item, where, ("code", "hash", "reason"))
        for name in ("code", "hash", "reason"):
            if not isinstance(obj.get(name), str) or not obj[name].strip():
                raise RequestError(422, f"{where}.{name} is required and must be a non-empty string",
                                   f"{where}.{name}")
        if not _HASH.fullmatch(obj["hash"]):
            raise RequestError(
                422, f"{where}.hash must be {HASH_LENGTH} lower-case hex digits "
                     "(the start of the SHA-256 of the UTF-8 span text)", f"{where}.hash")
        if len(obj["reason"]) > MAX_REASON:
            raise RequestError(422, f"{where}.reason is longer than {MAX_REASON} characters",
                               f"{where}.reason")
        parsed.append(Dismissal(code=obj["code"], hash=obj["hash"], reason=obj["reason"]))
    return tuple(parsed)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
