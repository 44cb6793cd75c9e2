"""Things (seed 002), mounted at /things: the Carte documentation template's API, made real.

What several operations share lives here, so operation modules import only this package,
models and core, never each other.
"""

from core.errors import ApiError, Unauthorized
from models.things import User

INVALID_LOGIN = "invalid_login"


def user_json(user: User) -> dict:
    return {"id": user.id, "name": user.username}


def invalid_login() -> ApiError:
    return Unauthorized("Access denied: invalid username or password.", code=INVALID_LOGIN)
