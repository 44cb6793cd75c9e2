from peewee import IntegrityError

from core.errors import NotFound, Unprocessable
from core.security import hash_password
from core.text import flaw, normalised
from core.urls import absolute_url
from handlers.chitter import unwrapped, user_json
from models.chitter import HANDLE_LENGTH, User

TAKEN = {"handle": ["has already been taken"]}
TOO_LONG = {"handle": ["Handles must be under 30 characters."]}


def valid_handle(sent: str) -> str:
    """The handle as stored: normalised (core.text), unique case-sensitively as the original's."""
    handle = normalised(sent)
    if not handle:  # only what Rails did not count as blank, and Unicode does (\x1c-\x1f)
        raise Unprocessable(fields={"handle": ["can't be blank"]})
    if flaw(handle):
        raise Unprocessable(fields={"handle": [f"is invalid: it has {flaw(handle)}"]})
    if len(handle) > HANDLE_LENGTH:  # NFKC can lengthen a name (ﷺ is 18 letters)
        raise Unprocessable(fields=TOO_LONG)
    return handle


def create_user(body):
    fields = unwrapped(body, "user")
    handle = valid_handle(fields["handle"])
    password_hash = hash_password(fields["password"])
    try:
        user = User.sign_up(handle, password_hash)
    except IntegrityError:
        raise Unprocessable(fields=TAKEN) from None
    return user_json(user), 201, {"Location": absolute_url(f"/users/{user.id}")}


def list_users(limit=100, offset=0):
    return User.page(offset, limit)


def get_user(id):
    shown = User.shown(id)
    if shown is None:
        raise NotFound("user")
    return shown
