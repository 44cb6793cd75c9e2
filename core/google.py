"""Who a Google access token belongs to, asked of Google's userinfo endpoint over HTTP.

The endpoint is PEERLY_GOOGLE_USERINFO_URL (Google's v1 userinfo by default; the tests
run a loopback server in its place). The call runs in the login handler's worker thread,
never on the event loop, and gives up after 5 seconds.
"""

from __future__ import annotations

import httpx

from core.config import active
from core.errors import ApiError, Unauthorized

TIMEOUT_SECONDS = 5.0
_client = httpx.Client(timeout=TIMEOUT_SECONDS)  # thread-safe; keeps connections to Google open


def unavailable() -> ApiError:
    return ApiError("Google could not be reached to check the token", status=502, code="google-unavailable")


def userinfo(access_token: str) -> dict:
    """Google's profile of the token's owner (email, given_name, family_name, name, picture).

    A token Google refuses, or one without a verified email, is a 401; Google failing or
    not answering in time is a 502.
    """
    url = active().peerly_google_userinfo_url
    try:
        response = _client.get(url, headers={"Authorization": f"Bearer {access_token}"})
    except httpx.HTTPError:
        raise unavailable() from None
    if response.status_code in (400, 401, 403):
        raise Unauthorized()
    if response.status_code != 200:
        raise unavailable()
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
