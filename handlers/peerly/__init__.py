"""Peerly (seed 004), mounted at /peerly: joshsoftware/peerly's node-backend, ported.

What several operations share lives here, so operation modules import only this package,
models and core, never each other: the errors in Peerly's words, who may do what, the JWTs
it issues, and its time format.

Roles: SuperAdmin passes every check and reaches every organisation; everyone else sees
only their own, where another organisation's objects do not exist (404).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core.config import active
from core.errors import ApiError, BadRequest, Forbidden, NotFound, Unprocessable
from core.security import issue_jwt
from models import peerly as model
from models.peerly import MODERATOR, ORGANISATION_ADMIN, SUPER_ADMIN, Organisation, Recognition, User
from models.peerly.reads import is_visible_recognition

ISSUER = "node.peerly.com"
AUDIENCE = "peerly.com"
CLAIM = "https://peerly.com"

# --- errors: the seed's codes and messages, and the original's where it is silent --------

NOT_FOUND = {
    "core-value": "Core value not found for specified id",
    "user": "User not found for specified id",
    "recognition": "Recognition not found for specified id",
    "organisation": "Organisation with specified id is not found",
    "badge": "Badge not found for specified id",
}
INVALID = {
    "core-value": "Invalid core value data",
    "user": "Invalid user data",
    "recognition": "Invalid recognition data",
    "organisation": "Invalid organisation data",
    "badge": "Invalid badges data",
}


def not_found(resource: str) -> ApiError:
    return NotFound(NOT_FOUND[resource], code=f"{resource}-not-found")


def invalid(resource: str, **fields: str) -> ApiError:
    return BadRequest(INVALID[resource], code="invalid_data", fields={name: [text] for name, text in fields.items()})


def forbidden() -> ApiError:
    return Forbidden()


def unprocessable(message: str) -> ApiError:
    return Unprocessable(message, code="unprocessable-entity")


def insufficient_hi5_balance() -> ApiError:
    return BadRequest("Hi5 quota balance is insufficient for this action", code="insufficient_hi5_balance")


# --- tokens and roles --------------------------------------------------------------------


def issue_token(user: User, organisation: Organisation) -> str:
    """A JWT with exactly the original's claims (plus jti), valid PEERLY_TOKEN_TTL seconds."""
    ttl = timedelta(seconds=active().peerly_token_ttl)
    peerly = {"roleId": user.role_id, "orgId": organisation.id, "orgName": organisation.name}
    return issue_jwt(str(user.id), ttl, iss=ISSUER, aud=AUDIENCE, **{CLAIM: peerly})


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


def scope(token_info: dict) -> int | None:
    """The organisation the caller reaches; None (every one) for a SuperAdmin."""
    return None if is_super_admin(token_info) else token_info["org_id"]


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


# --- what several operations share -------------------------------------------------------


def visible(query, token_info: dict):
    """`query` limited to the recognitions the caller may see."""
    return model.visible_recognitions(query, scope(token_info), sees_hidden(token_info))


def visible_recognition(recognition_id: int, token_info: dict) -> Recognition:
    found = visible(Recognition.select().where(Recognition.id == recognition_id), token_info).first()
    if found is None:
        raise not_found("recognition")
    return found


def require_visible_recognition(recognition_id: int, token_info: dict) -> None:
    """404 unless the caller may see the recognition: visible_recognition's check, for an
    operation that needs no row (one prebuilt statement)."""
    if not is_visible_recognition(recognition_id, scope(token_info), sees_hidden(token_info)):
        raise not_found("recognition")


def spend_hi5(user_id: int) -> int:
    """The user's hi5s left after spending one; 400 if they had none."""
    left = model.spend_hi5(user_id)
    if left is None:
        raise insufficient_hi5_balance()
    return left


def new_organisation(fields: dict) -> int:
    """Creates an organisation (for the API and scripts/admin peerly create-org); its id."""
    try:
        return model.create_organisation(fields)
    except model.InvalidOrganisation as error:
        raise invalid_organisation(error) from None


def invalid_organisation(error: model.InvalidOrganisation) -> ApiError:
    return invalid("organisation", **{error.field: error.message})


def epoch(moment: datetime | None) -> int | None:
    """Peerly's times: integer seconds since 1970 (UTC)."""
    return None if moment is None else int(moment.timestamp())


def id_list(text: str | None) -> list[int] | None:
    """A filter of the form `2` or `2,3` (the spec checks the digits)."""
    return None if text is None else [int(part) for part in text.split(",")]
