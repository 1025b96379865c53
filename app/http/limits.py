"""Request body limits enforced while reading: a body over `max_bytes` is refused with 413 as soon as
it crosses the limit (or at once from its Content-Length), one that does not arrive within
`timeout_s` gets 408. Pure ASGI middleware: nothing is buffered beyond the limit."""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planexec.app.http.errors import ApiError, error_body

_NO_BODY = {"GET", "HEAD", "OPTIONS", "DELETE"}


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps(error_body(code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app, self.max_bytes, self.timeout_s = app, max_bytes, timeout_s

    def _too_large(self) -> ApiError:
        return ApiError(413, "too_large", f"request body over {self.max_bytes} bytes")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _NO_BODY:
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            error = self._too_large()
            await _refuse(send, 413, error.code, str(error.detail))
            return
        await self.app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        received, done = 0, False
        deadline = time.monotonic() + self.timeout_s

        async def limited() -> Message:
            nonlocal received, done
            if done:
                return await receive()
            message: dict[str, Any] | None = None
            with anyio.move_on_after(max(0.0, deadline - time.monotonic())):
                message = dict(await receive())
            if message is None:
                raise ApiError(408, "body_timeout", f"request body not received within {self.timeout_s:g} s")
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._too_large()
                done = not message.get("more_body", False)
            return message

        return limited
