"""The settings screens: editing your profile (names, city, handle, picture), privacy, your
email (which is also your username) and your password."""

from __future__ import annotations

from peewee import IntegrityError

from core.database import db
from core.security import hash_password
from handlers.cassie import HANDLE_TAKEN, caller, cassie_error, picture_url, store_picture
from models.base import utc_now
from models.cassie import User
from models.cassie.pictures import delete_picture, read_upload

# The documented field names, and the columns they edit.
EDITABLE = {"handle": "handle", "firstName": "first_name", "lastName": "last_name", "city": "city", "state": "state"}
EMAIL_TAKEN = "the email address provided is already associated with a Cassie account. it cannot be used again."
UPDATED = "data has been successfully updated"


def get_profile_edit(handle, token_info):
    user = User.get_by_id(caller(token_info))
    if user.handle != handle:
        raise cassie_error("invalid_request", "a User can only edit their own profile")
    fields = {name: getattr(user, column) for name, column in EDITABLE.items()}
    return {"status": 200, **fields, "profPic": picture_url(user.prof_pic), "backgroundPic": ""}


def _picture(upload) -> str | None:
    if upload is None:
        return None
    return store_picture(read_upload(upload))


def _save(user: User, changes: dict, picture: str | None) -> None:
    if picture is not None:
        changes.update(prof_pic=picture, image_last_updated=utc_now())
    try:
        with db.atomic():
            User.update(changes).where(User.id == user.id).execute()
    except IntegrityError:
        delete_picture(picture or "")
        raise cassie_error("handle_not_unique", HANDLE_TAKEN) from None
    if picture is not None:
        delete_picture(user.prof_pic)  # the replaced one, once the new one is saved


def edit_profile(token_info, body=None, profPic=None):  # noqa: N803 (the documented field name)
    user, body = User.get_by_id(caller(token_info)), body or {}
    changed = [name for name, column in EDITABLE.items() if name in body and body[name] != getattr(user, column)]
    picture = _picture(profPic)
    if not changed and picture is None:
        return {"status": 200, "message": "nothing has changed- no data to update"}
    _save(user, {EDITABLE[name]: body[name] for name in changed}, picture)
    updated = changed + (["profPic"] if picture is not None else [])
    return {"status": 200, "message": UPDATED, "updated_fields": updated}


def get_preferences(token_info):
    return {"status": 200, "is_private": User.get_by_id(caller(token_info)).is_private}


def set_preferences(body, token_info):
    private = body["is_private"] in ("True", "true", "1")
    User.update(is_private=private).where(User.id == caller(token_info)).execute()
    return {"status": 200, "message": UPDATED, "is_private": private}


def get_email(token_info):
    return {"status": 200, "email": User.get_by_id(caller(token_info)).email}


def set_email(body, token_info):
    email = body["email"].lower()
    try:
        User.update(email=email).where(User.id == caller(token_info)).execute()
    except IntegrityError:
        raise cassie_error("email_not_unique", EMAIL_TAKEN) from None
    return {"status": 200, "message": "email has been successfully updated", "new_email": email,
            "new_username": email}


def set_password(body, token_info):
    User.update(password_hash=hash_password(body["password"])).where(User.id == caller(token_info)).execute()
    return {"status": 200, "message": "password has been successfully updated"}
