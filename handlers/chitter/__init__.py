"""Chitter (seed 000), mounted at /chitter: the Makers Academy Rails backend, ported.

What several operations share lives here, so operation modules import only this package,
models and core, never each other.
"""

from __future__ import annotations

from core.errors import ApiError, NotFound, Unauthorized, Unprocessable
from core.security import matches_digest
from models.chitter import User

INVALID_LOGIN = "invalid_login"


def unwrapped(body: dict, wrapper: str) -> dict:
    """The fields of a body sent as `{wrapper: {...}}` or, as Rails also accepted, bare."""
    return body.get(wrapper, body)


def rails_time(moment) -> str:
    """2018-06-23T13:21:23.317Z: UTC, milliseconds truncated, as Rails renders times."""
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def user_json(user: User) -> dict:
    return {"id": user.id, "handle": user.handle}


def find_user(user_id) -> User:
    user = User.find(user_id)
    if user is None:
        raise NotFound("user")
    return user


def authorize(user: User, token_info: dict) -> None:
    """The session key must be the current one of the user the request acts for."""
    if not matches_digest(token_info["sub"], user.session_key_digest):
        raise Unauthorized()


def invalid_login() -> ApiError:
    return Unprocessable("Invalid username or password", code=INVALID_LOGIN)
