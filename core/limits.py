"""A cap on request bodies, checked before anything reads them into memory.

Connexion parses whole bodies in memory (and only bodies with a Content-Length: it
treats a chunked request as having none), so the declared length is what to check. The
largest legitimate body is a Cassie profile picture (5 MB) with its form fields.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from core.errors import ApiError

MAX_BODY_BYTES = 6 * 1024 * 1024


class PayloadTooLarge(ApiError):
    status = 413


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = Headers(scope=scope).get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise PayloadTooLarge(f"The request body is over {self.max_bytes} bytes")
        await self.app(scope, receive, send)
