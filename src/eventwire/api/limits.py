"""Request size limits, enforced before a handler sees the request.

A query string over the limit is refused with 414 (each parameter also has its own
`max_length`, but a long unknown parameter or a huge repeated one would otherwise reach
the parser). A declared `Content-Length` over the body limit is refused at once; a chunked
body is counted as it arrives and cut off with 413 when it passes the limit.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException


class _TooLarge(HTTPException):
    """An HTTPException so that FastAPI's body parser re-raises it (any other exception
    becomes "400 error parsing the body") and the app's handler answers 413."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"request body over {max_bytes} bytes")


class BodyLimit:
    """Pure ASGI middleware: 413 for request bodies over `max_bytes`, 414 for query
    strings over `max_query` bytes."""

    def __init__(self, app, max_bytes: int, max_query: int = 8192):
        self.app = app
        self.max_bytes = max_bytes
        self.max_query = max_query

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if len(scope.get("query_string") or b"") > self.max_query:
            return await self._refuse(send, 414, f"query string over {self.max_query} bytes")
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await self._refuse(send, 413, f"request body over {self.max_bytes} bytes")
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge as exc:
            if not started:
                await self._refuse(send, 413, exc.detail)

    async def _refuse(self, send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
