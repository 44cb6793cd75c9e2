"""Peerly's security scheme: which bearer tokens name a current user.

A token carries exactly the original's claims (iss, sub, aud, exp, nbf, iat and
`https://peerly.com`: {roleId, orgId, orgName}) plus jti, and every one is checked: the
signature and times, issuer and audience, that it was not logged out, and that its user
still exists with that role in that organisation. So deleting a user or changing their
role ends their sessions; they log in again for a token that says what they are now.
"""

from __future__ import annotations

import re

import jwt

from core.database import run_in_connection
from core.security import decode_jwt
from handlers.peerly import AUDIENCE, CLAIM, ISSUER
from models.peerly.reads import token_user

_USER_ID = re.compile(r"[1-9][0-9]{0,9}")


async def bearer_token(token: str) -> dict | None:
    """The security scheme's check (on the event loop): the database work runs in a thread."""
    return await run_in_connection(caller, token)


def caller(token: str) -> dict | None:
    """token_info for a valid token of a current user; None (a 401) otherwise."""
    try:
        claims = decode_jwt(token, audience=AUDIENCE, issuer=ISSUER)
    except jwt.InvalidTokenError:
        return None
    peerly = claims.get(CLAIM)
    if not (_USER_ID.fullmatch(claims["sub"]) and _well_formed(peerly)):
        return None
    # its user current, the token not logged out
    if not token_user(int(claims["sub"]), peerly["orgId"], peerly["roleId"], str(claims["jti"])):
        return None
    return {
        "sub": claims["sub"],
        "user_id": int(claims["sub"]),
        "role_id": peerly["roleId"],
        "org_id": peerly["orgId"],
        "jti": claims["jti"],
        "exp": claims["exp"],
    }


def _well_formed(peerly) -> bool:
    def integer(value) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31

    return (
        isinstance(peerly, dict)
        and integer(peerly.get("roleId"))
        and integer(peerly.get("orgId"))
        and isinstance(peerly.get("orgName"), str)
    )
