"""Tokens, from either header: `Authentication: bearer TOKEN` (the documentation's) or
`Authorization: Bearer TOKEN` (the standard one), the scheme word in any case.

These run on the event loop, so the lookup runs in a worker thread. A token names its
user; handlers receive the user's id as `user`. None is a 401 (errors.ACCESS_DENIED).
"""

from __future__ import annotations

import re

from core.database import run_in_connection
from core.security import digest
from models.things import Token

_BEARER = re.compile(r"bearer\s+(\S+)", re.IGNORECASE)


def _user_of(token: str) -> dict | None:
    user_id = Token.user_of(digest(token))
    return None if user_id is None else {"sub": user_id}


async def authentication_header(value: str) -> dict | None:
    match = _BEARER.fullmatch(value.strip())
    return await run_in_connection(_user_of, match.group(1)) if match else None


async def bearer_token(token: str) -> dict | None:
    return await run_in_connection(_user_of, token.strip())
