"""Response headers every answer of a JSON API should carry, whatever produced it.

- `X-Content-Type-Options: nosniff`: a browser renders a body only as the type it is
  declared (an uploaded picture is never run as a script or page).
- `Cache-Control: no-store` on answers to requests that carried credentials, unless the
  handler chose otherwise: one user's data must not be kept by a shared cache.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CREDENTIAL_HEADERS = ("authorization", "authentication", "api-key")


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        credentialed = any(name in Headers(scope=scope) for name in CREDENTIAL_HEADERS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if credentialed and "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
