"""HTTP Basic (email:password) on every request but sign-up, and the Api-Key on all.

There are no sessions: each request carries the password, so successful checks are
remembered for a minute (core.security.VerifiedPasswords) instead of running argon2 on
every request. Only complete, active accounts authenticate.
"""

from __future__ import annotations

from core.database import run_in_connection
from core.security import VerifiedPasswords
from handlers.cassie import valid_api_key
from models.cassie.people import credentials

_verified = VerifiedPasswords(ttl=60.0)


def api_key(key: str, required_scopes=None) -> dict | None:
    return {"sub": "app"} if valid_api_key(key) else None


def _utf8(text: str) -> str:
    """Connexion decodes Basic credentials as Latin-1; clients send UTF-8."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


def _authenticate(email: str, password: str) -> dict | None:
    if "\x00" in email:  # no such address, and PostgreSQL could not even look for it
        return None
    user_id, handle, password_hash = credentials(email.lower()) or (None, None, None)
    if not _verified.verify(user_id, password_hash, password):
        return None
    return {"sub": user_id, "handle": handle}


async def basic_auth(username: str, password: str, required_scopes=None) -> dict | None:
    return await run_in_connection(_authenticate, _utf8(username), _utf8(password))
