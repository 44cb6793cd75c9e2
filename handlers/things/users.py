from peewee import IntegrityError

from core.errors import Conflict
from core.security import hash_password
from handlers.things import user_json
from models.things import User


def create_user(body):
    password_hash = hash_password(body["password"])
    try:
        user = User.create(username=body["username"], password_hash=password_hash)
    except IntegrityError:
        raise Conflict(f"The username {body['username']} is already taken") from None
    return user_json(user), 201
