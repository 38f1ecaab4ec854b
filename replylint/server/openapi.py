"""The OpenAPI 3.1 description of the API, served at ``/v1/openapi.json``.

Written out by hand rather than generated, so the document is the contract: the
tests check that every route is described and that real answers fit the schemas.
"""
from __future__ import annotations

from replylint.config import PROFILES
from replylint.model import CHANNELS
from replylint.server.dismissals import HASH_LENGTH
from replylint.server.validation import MAX_BATCH, MAX_DISMISSALS, MAX_REASON

OPENAPI_PATH = "/v1/openapi.json"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "400": _json(_ref("Error"), "The body is not JSON."),
    "413": _json(_ref("Error"), "The body is larger than the server's limit (default 1 MiB)."),
    "415": _json(_ref("Error"), "The body was not sent as application/json."),
    "422": _json(_ref("Error"), "The JSON is not the shape this endpoint takes; `field` names the culprit."),
}

_SCHEMAS = {
    "Context": {
        "type": "object",
        "additionalProperties": False,
        "description": "What the caller knows beside the reply. Every field is optional.",
        "properties": {
            "channel": {"type": ["string", "null"], "enum": [*CHANNELS, None]},
            "public": {"type": ["boolean", "null"],
                       "description": "null: derive from the channel (twitter, facebook, instagram, forum, review are public)."},
            "customer_name": {"type": ["string", "null"]},
            "customer_handle": {"type": ["string", "null"]},
            "agent_name": {"type": ["string", "null"]},
            "inbound": {"type": ["string", "null"], "description": "The customer's message being answered."},
            "history": {"type": ["array", "null"], "items": {"type": "string"}},
            "locale": {"type": ["string", "null"]},
        },
    },
    "Profile": {"type": "string", "enum": list(PROFILES), "default": "pre-send",
                "description": "pre-send: high-confidence rules, blocks on errors. audit: every rule."},
    "Dismissal": {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "hash", "reason"],
        "properties": {
            "code": {"type": "string", "description": "Rule code (RL101) or slug (non-apology)."},
            "hash": {"type": "string", "pattern": f"^[0-9a-f]{{{HASH_LENGTH}}}$",
                     "description": "First 16 hex digits of SHA-256 of the UTF-8 span text; "
                                    "the finding's `hash` field."},
            "reason": {"type": "string", "minLength": 1, "maxLength": MAX_REASON},
        },
    },
    "CheckRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "context": {"oneOf": [_ref("Context"), {"type": "null"}]},
            "profile": _ref("Profile"),
            "dismissed": {"type": "array", "items": _ref("Dismissal"), "maxItems": MAX_DISMISSALS},
        },
    },
    "Finding": {
        "type": "object",
        "required": ["code", "slug", "severity", "confidence", "message", "why", "start", "end",
                     "start_utf16", "end_utf16", "text", "sensitive", "suggestion", "replacement",
                     "applicability", "url", "hash"],
        "properties": {
            "code": {"type": "string", "examples": ["RL101"]},
            "slug": {"type": "string", "examples": ["non-apology"]},
            "severity": {"type": "string", "enum": ["info", "warning", "error"]},
            "confidence": {"type": "string", "enum": ["low", "medium", "high"]},
            "message": {"type": "string"},
            "why": {"type": "string"},
            "start": {"type": "integer", "description": "Code-point offset (Python indexing)."},
            "end": {"type": "integer"},
            "start_utf16": {"type": "integer", "description": "UTF-16 offset (JavaScript indexing)."},
            "end_utf16": {"type": "integer"},
            "text": {"type": "string", "description": "The words; masked when `sensitive`."},
            "sensitive": {"type": "boolean", "description": "The span is personal data."},
            "suggestion": {"type": ["string", "null"]},
            "replacement": {"type": ["string", "null"],
                            "description": "Text that may replace the span (a fix)."},
            "applicability": {"type": "string", "enum": ["safe", "unsafe", "display"]},
            "url": {"type": ["string", "null"]},
            "hash": {"type": ["string", "null"],
                     "description": "Dismissal hash of the span; null for personal data, "
                                    "which cannot be dismissed."},
        },
    },
    "CheckResult": {
        "type": "object",
        "required": ["ok", "findings", "suppressed", "errors"],
        "properties": {
            "ok": {"type": "boolean", "description": "False while a finding at the blocking severity is open."},
            "findings": {"type": "array", "items": _ref("Finding")},
            "suppressed": {"type": "integer", "description": "Findings left out because they were dismissed."},
            "errors": {"type": "array", "description": "Rules that could not run on this reply.",
                       "items": {"type": "object", "required": ["code", "message"],
                                 "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
        },
    },
    "BatchRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": ["items"],
        "properties": {
            "profile": _ref("Profile"),
            "items": {
                "type": "array", "maxItems": MAX_BATCH,
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["text"],
                    "properties": {
                        "id": {"type": ["string", "integer", "null"]},
                        "text": {"type": "string"},
                        "context": {"oneOf": [_ref("Context"), {"type": "null"}]},
                        "dismissed": {"type": "array", "items": _ref("Dismissal")},
                    },
                },
            },
        },
    },
    "BatchResult": {
        "type": "object",
        "required": ["results"],
        "properties": {"results": {"type": "array", "items": {
            "allOf": [_ref("CheckResult"),
                      {"type": "object", "required": ["id"],
                       "properties": {"id": {"type": ["string", "integer", "null"]}}}]}}},
    },
    "FixRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "context": {"oneOf": [_ref("Context"), {"type": "null"}]},
            "profile": _ref("Profile"),
        },
    },
    "FixResult": {
        "type": "object",
        "required": ["text", "edits"],
        "properties": {
            "text": {"type": "string", "description": "The reply with every safe fix applied."},
            "edits": {"type": "array", "items": {
                "type": "object",
                "required": ["code", "start", "end", "start_utf16", "end_utf16", "replacement"],
                "properties": {
                    "code": {"type": "string"},
                    "start": {"type": "integer"}, "end": {"type": "integer"},
                    "start_utf16": {"type": "integer"}, "end_utf16": {"type": "integer"},
                    "replacement": {"type": "string"},
                }}},
        },
    },
    "Rule": {
        "type": "object",
        "required": ["code", "slug", "title", "severity", "confidence", "why", "url"],
        "properties": {
            "code": {"type": "string"}, "slug": {"type": "string"}, "title": {"type": "string"},
            "severity": {"type": "string", "enum": ["info", "warning", "error"]},
            "confidence": {"type": "string", "enum": ["low", "medium", "high"]},
            "why": {"type": "string"}, "url": {"type": ["string", "null"]},
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "field": {"type": "string", "description": "The request field at fault, e.g. context.channel."},
            }}},
    },
}


def openapi_document(version: str) -> dict:
    def post(summary: str, request: str, result: str, description: str) -> dict:
        return {"post": {
            "summary": summary,
            "description": description,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref(request)}}},
            "responses": {"200": _json(_ref(result), "OK"), **_ERRORS},
        }}

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "replylint",
            "version": version,
            "description": "Checks customer-service replies before they are sent. "
                           "Offsets come in code points (start/end) and UTF-16 units "
                           "(start_utf16/end_utf16, for JavaScript).",
        },
        "paths": {
            "/v1/check": post(
                "Check one reply", "CheckRequest", "CheckResult",
                "Findings ordered by offset; dismissed findings are left out and counted in `suppressed`."),
            "/v1/check/batch": post(
                "Check many replies", "BatchRequest", "BatchResult",
                f"Up to {MAX_BATCH} replies; results in the order sent."),
            "/v1/fix": post(
                "Apply the safe fixes", "FixRequest", "FixResult",
                "Applies only fixes marked safe (masking personal data, filling a known name)."),
            "/v1/rules": {"get": {
                "summary": "The rules a profile runs",
                "parameters": [{"name": "profile", "in": "query", "required": False,
                                "schema": _ref("Profile")}],
                "responses": {"200": _json({"type": "object", "required": ["profile", "rules"], "properties": {
                    "profile": _ref("Profile"), "rules": {"type": "array", "items": _ref("Rule")}}}, "OK"),
                    "422": _ERRORS["422"]},
            }},
            "/healthz": {"get": {
                "summary": "Liveness",
                "responses": {"200": _json({"type": "object", "required": ["status", "version", "profiles"],
                                            "properties": {"status": {"const": "ok"},
                                                           "version": {"type": "string"},
                                                           "profiles": {"type": "array",
                                                                        "items": {"type": "string"}}}},
                                           "The linters are built and answering.")},
            }},
            OPENAPI_PATH: {"get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": _SCHEMAS},
    }
