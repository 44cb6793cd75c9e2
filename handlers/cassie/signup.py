"""Sign-up, a step at a time: email (checked, nothing stored), password (creates the user),
names and handle, picture (completes the account). Abandoning deletes an incomplete one."""

from __future__ import annotations

from peewee import IntegrityError

from core.security import hash_password
from handlers.cassie import HANDLE_TAKEN, cassie_error, store_picture
from models.base import utc_now
from models.cassie import User
from models.cassie.pictures import delete_picture, read_upload

EMAIL_TAKEN = (
    "the email address provided is already associated with a Cassie account. it cannot be used to create a new account."
)


def email_taken() -> Exception:
    return cassie_error("email_not_unique", EMAIL_TAKEN)


def signing_up(email: str, *conditions) -> User:
    """The incomplete account of this email (meeting `conditions`), or a 400."""
    user = User.get_or_none(User.email == email.lower(), ~User.is_active, *conditions)
    if user is None:
        raise cassie_error("invalid_request", "no account is signing up with this email address")
    return user


def check_email(body):
    email = body["email"].lower()
    if User.select().where(User.email == email).exists():
        raise email_taken()
    return {"status": 200, "email": email, "message": "email is unique- proceed to the password screen"}


def set_password(body):
    email = body["email"].lower()
    password_hash = hash_password(body["password"])
    try:
        User.create(email=email, password_hash=password_hash)
    except IntegrityError:
        raise email_taken() from None
    message = "User has been created. proceed to the name screen."
    return {"status": 200, "email": email, "username": email, "message": message}


def set_handle(body):
    user = signing_up(body["email"])
    changes = {"handle": body["handle"], "first_name": body["first_name"], "last_name": body["last_name"]}
    try:
        User.update(changes).where(User.id == user.id).execute()
    except IntegrityError:
        raise cassie_error("handle_not_unique", HANDLE_TAKEN) from None
    return {"status": 200, "handle": body["handle"], "message": "proceed to the picture screen"}


def set_picture(body, profPic=None):  # noqa: N803 (the documented field name)
    content = read_upload(profPic) if profPic is not None else None
    user = signing_up(body["email"], User.handle == body["handle"])
    picture = store_picture(content) if content is not None else ""
    changes = {"is_active": True, "prof_pic": picture, "image_last_updated": utc_now() if picture else None}
    if not User.update(changes).where(User.id == user.id, ~User.is_active).execute():
        delete_picture(picture)  # completed or abandoned meanwhile
        raise cassie_error("invalid_request", "no account is signing up with this email address")
    message = "Sign up complete- now show me the home page"
    return {"status": 200, "email": user.email, "handle": user.handle, "message": message}


def abandon_signup(body):
    deleted = User.delete().where(User.email == body["email"].lower(), ~User.is_active).execute()
    if not deleted:
        raise cassie_error("invalid_request", "no account is signing up with this email address")
    return {"status": 200, "message": "user data has been deleted"}
