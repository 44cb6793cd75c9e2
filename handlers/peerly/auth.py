"""Peerly's JWTs, and who may do what.

A token carries exactly the original's claims (iss, sub, aud, exp, nbf, iat and
`https://peerly.com`: {roleId, orgId, orgName}) plus jti, and every one is checked: the
signature and times, issuer and audience, that it was not logged out, and that its user
still exists with that role in that organisation. So deleting a user or changing their
role ends their sessions; they log in again for a token that says what they are now.

Roles: SuperAdmin passes every check and reaches every organisation; everyone else sees
only their own, where another organisation's objects do not exist (404).
"""

from __future__ import annotations

import re
from datetime import timedelta

import jwt

from core.config import active
from core.database import run_in_connection
from core.security import decode_jwt, issue_jwt
from handlers.peerly.errors import forbidden, not_found
from models.peerly import MODERATOR, ORGANISATION_ADMIN, SUPER_ADMIN, Organisation, User
from models.service import is_revoked

ISSUER = "node.peerly.com"
AUDIENCE = "peerly.com"
CLAIM = "https://peerly.com"
_USER_ID = re.compile(r"[1-9][0-9]{0,9}")


def issue_token(user: User, organisation: Organisation) -> str:
    # Settings reach handlers through the environment: create_app's Config is not passed on.
    ttl = timedelta(seconds=active().peerly_token_ttl)
    peerly = {"roleId": user.role_id, "orgId": organisation.id, "orgName": organisation.name}
    return issue_jwt(str(user.id), ttl, iss=ISSUER, aud=AUDIENCE, **{CLAIM: peerly})


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
    if not (_USER_ID.fullmatch(claims["sub"]) and _well_formed(peerly)) or is_revoked(claims):
        return None
    current = User.select(User.id).where(
        User.id == int(claims["sub"]),
        User.org == peerly["orgId"],
        User.role_id == peerly["roleId"],
        User.soft_delete_at.is_null(),
    )
    if not current.exists():
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


def is_super_admin(token_info: dict) -> bool:
    return token_info["role_id"] == SUPER_ADMIN


def is_admin(token_info: dict) -> bool:
    return token_info["role_id"] in (SUPER_ADMIN, ORGANISATION_ADMIN)


def sees_hidden(token_info: dict) -> bool:
    """Moderators and admins see recognitions a review hid."""
    return token_info["role_id"] in (SUPER_ADMIN, ORGANISATION_ADMIN, MODERATOR)


def require_role(token_info: dict, *roles: int) -> None:
    """403 unless the caller has one of `roles` (a SuperAdmin always passes)."""
    if token_info["role_id"] not in (SUPER_ADMIN, *roles):
        raise forbidden()


def in_scope(query, org_field, token_info: dict):
    """`query` limited to the caller's organisation, unless they are a SuperAdmin."""
    return query if is_super_admin(token_info) else query.where(org_field == token_info["org_id"])


def listed_org(token_info: dict, org_id: int | None) -> int:
    """The organisation a list shows: the caller's, or (SuperAdmin only) `org_id`."""
    if org_id is None:
        return token_info["org_id"]
    if not is_super_admin(token_info):
        raise forbidden()
    if not Organisation.select().where(Organisation.id == org_id).exists():
        raise not_found("organisation")
    return org_id
