"""The one error shape every endpoint answers with.

``{"error": {"status": 422, "message": "...", "field": "context.channel"}}`` so a
client can show the message and point at the field without parsing prose.
"""
from __future__ import annotations

from typing import Optional

from replylint.server.responses import JSONResponse


class RequestError(Exception):
    """A request the API refuses, with the HTTP status and a message for the caller."""

    def __init__(self, status: int, message: str, field: Optional[str] = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field

    def to_response(self) -> JSONResponse:
        return error_response(self.status, self.message, self.field)


def error_response(status: int, message: str, field: Optional[str] = None,
                   headers: "dict | None" = None) -> JSONResponse:
    body = {"status": status, "message": message}
    if field is not None:
        body["field"] = field
    return JSONResponse({"error": body}, status_code=status, headers=headers)
