"""The outermost layer: one access-log line per request, and no traceback ever leaks.

Logs never hold reply text or personal data. So the access line has the method, a
path from a fixed list (any other path could carry words, so it is shown as "-"),
the status, the time and the body size, plus what the endpoint chose to add
(counts and rule codes). An exception is logged as its type and the code locations
it passed through, never its message, which may quote the text it failed on.
Uvicorn's own access log is switched off by ``serve`` because it prints the raw
request line, query string included.
"""
from __future__ import annotations

import itertools
import logging
import os
import time
import traceback

from replylint.server.errors import error_response

log = logging.getLogger("replylint.server")

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    # The compose page loads only its own script and style; nothing inline, no CDN.
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'"),
]
_NO_STORE = (b"cache-control", b"no-store")   # answers quote the reply's findings


class GuardMiddleware:
    def __init__(self, app, known_paths: "set[str]"):
        self.app = app
        self.known_paths = frozenset(known_paths)
        # Request ids unique across workers: the pid plus a counter.
        self._ids = itertools.count(1)
        self._pid = os.getpid()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = f"{self._pid:x}-{next(self._ids):x}"
        path = scope["path"]
        api = path.startswith("/v1/")
        status = 500
        response_started = False
        received = 0

        async def counting_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            return message

        async def guarded_send(message):
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.extend(_SECURITY_HEADERS)
                headers.append((b"x-request-id", request_id.encode()))
                if api:
                    headers.append(_NO_STORE)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence by design
            log.error("request %s failed: %s at %s", request_id, type(exc).__name__, _locations(exc))
            if not response_started:
                response = error_response(500, f"internal error; the server log has request {request_id}")
                await response(scope, receive, guarded_send)
        finally:
            extra = scope.get("state", {}).get("log_extra", "")
            shown = path if path in self.known_paths or (path.startswith("/static/") and status < 400) else "-"
            log.info("%s %s %s %d %.1fms in=%dB%s", request_id, scope["method"], shown, status,
                     (time.perf_counter() - started) * 1000, received, f" {extra}" if extra else "")


def _locations(exc: BaseException) -> str:
    """Where an exception went, as file:line:function hops, without its message."""
    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    return " <- ".join(f"{os.path.basename(f.filename)}:{f.lineno}:{f.name}" for f in reversed(frames))
