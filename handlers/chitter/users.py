from peewee import IntegrityError

from core.errors import Unprocessable
from core.security import hash_password
from core.urls import absolute_url
from handlers.chitter import find_user, unwrapped, user_json
from models.chitter import User

TAKEN = {"handle": ["has already been taken"]}


def create_user(body):
    fields = unwrapped(body, "user")
    password_hash = hash_password(fields["password"])
    try:
        user = User.create(handle=fields["handle"], password_hash=password_hash)
    except IntegrityError:
        raise Unprocessable(fields=TAKEN) from None
    return user_json(user), 201, {"Location": absolute_url(f"/users/{user.id}")}


def list_users(limit=100, offset=0):
    users = User.select(User.id, User.handle).order_by(User.id).limit(limit).offset(offset)
    return list(users.dicts())


def get_user(id):
    return user_json(find_user(id))
