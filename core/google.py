"""Who a Google access token belongs to, asked of Google's userinfo endpoint over HTTP.

An outside service, so neither a handler nor a model: core holds the service's adapters
to what is outside it (the database, JWTs and password hashes, and this).

The endpoint is PEERLY_GOOGLE_USERINFO_URL (Google's v1 userinfo by default; the tests
run a loopback server in its place). The call is awaited on the event loop, so a slow
Google holds no handler thread: other requests go on being served while logins wait,
and each gives up after 5 seconds in all (connecting, sending and reading together).
"""

from __future__ import annotations

import asyncio
import weakref

import httpx

from core.config import active
from core.errors import ApiError, Unauthorized

TIMEOUT_SECONDS = 5.0
# One client (and its open connections to Google) per event loop: a connection belongs to
# the loop that opened it, and tests run the app on more than one loop.
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = weakref.WeakKeyDictionary()


def unavailable() -> ApiError:
    return ApiError("Google could not be reached to check the token", status=502, code="google-unavailable")


def _client() -> httpx.AsyncClient:
    loop = asyncio.get_running_loop()
    if loop not in _clients:
        _clients[loop] = httpx.AsyncClient(timeout=TIMEOUT_SECONDS)
    return _clients[loop]


async def userinfo(access_token: str) -> dict:
    """Google's profile of the token's owner (email, given_name, family_name, name, picture).

    A token Google refuses, or one without a verified email, is a 401; Google failing or
    not answering in time is a 502.
    """
    url = active().peerly_google_userinfo_url
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            response = await _client().get(url, headers={"Authorization": f"Bearer {access_token}"})
    except (httpx.HTTPError, TimeoutError):
        raise unavailable() from None
    if response.status_code in (400, 401, 403):
        raise Unauthorized()
    if response.status_code != 200:
        raise unavailable()
    return _verified(response)


def _verified(response: httpx.Response) -> dict:
    """The profile, if it names a verified email (else 401); a body that is no JSON is a 502."""
    try:
        profile = response.json()
    except ValueError:
        raise unavailable() from None
    email = profile.get("email") if isinstance(profile, dict) else None
    if not isinstance(email, str) or not 3 <= len(email) <= 254 or "@" not in email:
        raise Unauthorized()
    if profile.get("verified_email") is False:
        raise Unauthorized()
    return profile
