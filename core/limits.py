"""Caps on what one request may make the server hold, checked before anything reads it.

Connexion parses whole bodies in memory (and only bodies with a Content-Length: it
treats a chunked request as having none), so the declared length is what to check. The
largest legitimate body is a Cassie profile picture (5 MB) with its form fields.

Headers: uvicorn's parser (httptools) buffers request headers of any size and has no
timeout for reading them, so a slow or oversized header block is a reverse proxy's to
refuse (README, "Security and limits"). What reaches the app is still capped
(`HeaderSizeLimit`), and the server itself is started with the options below.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from core.errors import ApiError

MAX_BODY_BYTES = 6 * 1024 * 1024
# Names and values together; a JWT or HTTP Basic header is a few hundred bytes.
MAX_HEADER_BYTES = 16 * 1024

# uvicorn's own limits, per worker process (scripts/serve; tests start servers with them).
UVICORN_OPTIONS = {
    # Connections and tasks beyond this are answered 503 at once, instead of piling up.
    "limit_concurrency": 1000,
    "backlog": 2048,
    # An idle keep-alive connection is closed after this many seconds.
    "timeout_keep_alive": 5,
    # Used only if the h11 parser is chosen (httptools, the default when installed, has none).
    "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    # No "server: uvicorn": the software and its version are nobody's business.
    "server_header": False,
}


class PayloadTooLarge(ApiError):
    status = 413


class HeaderFieldsTooLarge(ApiError):
    status = 431


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


class HeaderSizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_HEADER_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(name) + len(value) for name, value in scope["headers"])
            if size > self.max_bytes:
                raise HeaderFieldsTooLarge(f"The request headers are over {self.max_bytes} bytes")
        await self.app(scope, receive, send)
