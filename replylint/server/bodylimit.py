"""Refuse request bodies over a size limit with 413, before they are parsed.

Pure ASGI so it sees the byte stream: a declared Content-Length over the limit is
refused without reading anything, and a chunked body is counted as it arrives and
refused as soon as it passes the limit, so a client cannot make the server buffer
more than ``max_body`` bytes either way.
"""
from __future__ import annotations

from replylint.server.errors import error_response


class BodyLimitMiddleware:
    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await self._refuse(scope, receive, send)
            return
        chunks = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away; nothing to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        # The app reads the body we already hold; after it, any further receive()
        # waits for the disconnect as the real channel would.
        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope, receive, send):
        response = error_response(
            413, f"the request body is larger than the limit of {self.max_body} bytes",
            headers={"connection": "close"})
        await response(scope, receive, send)


def _content_length(scope) -> "int | None":
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
