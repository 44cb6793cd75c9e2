"""Rate limits on every login, sign-up and password operation, in one table and one middleware.

`LIMITED` names each (API, operationId) and where its account is found (a body field or
the Authorization header). Each request to one of them counts against two limits, both
configurable (core/config.py): per client address (`RATE_LIMIT_ADDRESS`) and per account
(`RATE_LIMIT_ACCOUNT`, the account hashed). Beyond either, the answer is a 429 in the
API's own shape with `Retry-After`. Counts are kept by the `limits` library in Redis when
`REDIS_URL` is set, so every worker counts together, and in memory otherwise.

The client address is the socket's peer: behind a reverse proxy, uvicorn's
`--forwarded-allow-ips` makes it the proxy's X-Forwarded-For.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import time
from urllib.parse import parse_qsl

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.config import active
from core.errors import ApiError
from core.forms import nest

log = logging.getLogger(__name__)

AUTHORIZATION = "header:authorization"

# (API, operationId) -> where the account is: body fields (dotted, first present wins) or a header.
LIMITED: dict[tuple[str, str], tuple[str, ...]] = {
    ("chitter", "users.create_user"): ("user.handle", "handle"),
    ("chitter", "sessions.create_session"): ("session.handle", "handle"),
    ("bucketlist", "auth.register"): ("email",),
    ("bucketlist", "auth.login"): ("email",),
    ("bucketlist", "auth.reset_password"): (AUTHORIZATION,),
    ("things", "users.create_user"): ("username",),
    ("things", "tokens.create_token"): ("username",),
    ("cassie", "signup.check_email"): ("email",),
    ("cassie", "signup.set_password"): ("email",),
    ("cassie", "signup.set_handle"): ("email",),
    ("cassie", "signup.set_picture"): ("email",),
    ("cassie", "signup.abandon_signup"): ("email",),
    ("cassie", "login.log_in"): (AUTHORIZATION,),
    ("cassie", "login.initialize"): (AUTHORIZATION,),  # the app's other "log in" call
    ("cassie", "preferences.set_password"): (AUTHORIZATION,),
    ("peerly", "sessions.google_login"): ("access_token",),
}
MAX_READ_BYTES = 64 * 1024  # an account is looked for in a body no larger than this


class TooManyRequests(ApiError):
    status = 429


@functools.cache
def _limits(text: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(text))


@functools.cache
def _limiter(redis_url: str | None) -> MovingWindowRateLimiter:
    storage: Storage
    if redis_url:
        # Short timeouts: a stalled Redis delays a login by half a second, then lets it through.
        storage = storage_from_string(redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)
    else:
        storage = MemoryStorage()
    return MovingWindowRateLimiter(storage)


def limiter() -> MovingWindowRateLimiter:
    return _limiter(active().redis_url)


def reset() -> None:
    """Forget every count (tests: each starts clean)."""
    limiter().storage.reset()


def check(api: str, operation_id: str, address: str, account: str | None) -> None:
    """Count one request; raise TooManyRequests if it is over a limit."""
    config = active()
    counted = [("address", address, config.rate_limit_address)]
    if account:
        # JSON may carry lone surrogates, which strict UTF-8 cannot encode (validation refuses them later).
        hashed = hashlib.sha256(account.encode("utf-8", "surrogatepass")).hexdigest()
        counted.append(("account", hashed, config.rate_limit_account))
    rate_limiter = limiter()
    try:
        for kind, who, text in counted:
            for item in _limits(text):
                if not rate_limiter.hit(item, api, operation_id, kind, who):
                    reset_at = rate_limiter.get_window_stats(item, api, operation_id, kind, who).reset_time
                    wait = max(1, math.ceil(reset_at - time.time()))
                    raise TooManyRequests("Too many requests, try again later", headers={"Retry-After": str(wait)})
    except TooManyRequests:
        raise
    except Exception as error:  # noqa: BLE001 (the store is down: let the request through, loudly)
        log.warning("Rate limits not counted (%s): %s", type(error).__name__, error)


def _field(data: object, dotted: str) -> str | None:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    if isinstance(data, list):  # a form field (core.forms.nest): the last value counts
        data = data[-1] if data else None
    return data.strip().casefold() if isinstance(data, str) and data.strip() else None


def account_of(places: tuple[str, ...], headers: Headers, body: bytes) -> str | None:
    if places == (AUTHORIZATION,):
        return headers.get("authorization")
    content_type = headers.get("content-type", "")
    try:
        if "json" in content_type:
            data = json.loads(body)
        else:  # a url-encoded form, user[handle]=kay, nested as the validators nest it
            data = nest(parse_qsl(body.decode("utf-8", "replace"))) if "form" in content_type else None
    except (ValueError, RecursionError):  # not JSON, or nested too deep: validation answers it
        return None
    return next((found for place in places if (found := _field(data, place))), None)


class RateLimits:
    """ASGI middleware after routing (it knows the operation), before security (which
    checks passwords): counts the requests of `LIMITED` operations."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        routing = scope.get("extensions", {}).get("connexion_routing", {}) if scope["type"] == "http" else {}
        base_path, operation_id = routing.get("api_base_path"), routing.get("operation_id")
        api = (base_path or "").strip("/") or (active().api or "")
        operation_id = (operation_id or "").removeprefix(f"handlers.{api}.")  # as the resolver named it
        places = LIMITED.get((api, operation_id))
        if places is None:
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        body, messages = await _read(receive) if places != (AUTHORIZATION,) else (b"", [])
        address = (scope.get("client") or ("unknown",))[0]
        check(api, operation_id, address, account_of(places, headers, body))
        await self.app(scope, _replay(messages, receive), send)


async def _read(receive: Receive) -> tuple[bytes, list[Message]]:
    messages, size = [], 0
    while True:
        message = await receive()
        messages.append(message)
        size += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body") or size > MAX_READ_BYTES:
            break
    body = b"".join(m.get("body", b"") for m in messages)
    return (body if size <= MAX_READ_BYTES else b""), messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
