from peewee import IntegrityError

from core.errors import BadRequest, Conflict
from core.security import hash_password
from core.text import flaw, normalised
from handlers.things import user_json
from models.things import USERNAME_LENGTH, User


def valid_username(sent: str) -> str:
    """The username as stored: normalised (core.text), unique case-sensitively."""
    username = normalised(sent)
    if flaw(username):
        raise BadRequest(fields={"username": [f"must not contain {flaw(username)}"]})
    if len(username) > USERNAME_LENGTH:  # NFKC can lengthen a name
        raise BadRequest(fields={"username": [f"must be at most {USERNAME_LENGTH} characters"]})
    return username


def create_user(body):
    username = valid_username(body["username"])
    password_hash = hash_password(body["password"])
    try:
        user = User.create(username=username, password_hash=password_hash)
    except IntegrityError:
        raise Conflict(f"The username {username} is already taken") from None
    return user_json(user), 201
