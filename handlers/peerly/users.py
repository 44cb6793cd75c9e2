from handlers.peerly import (
    epoch,
    forbidden,
    in_scope,
    invalid,
    is_admin,
    is_super_admin,
    listed_org,
    not_found,
    require_role,
    scope,
)
from models.base import as_utc
from models.peerly import ORGANISATION_ADMIN, SUPER_ADMIN, User, current_users
from models.peerly.reads import USER_FIELDS, profile_row, user_page


def user_json(row: tuple) -> dict:
    """A row of USER_FIELDS as the driver returns it."""
    user = dict(zip(USER_FIELDS, row[: len(USER_FIELDS)], strict=True))
    user["soft_delete_at"] = epoch(as_utc(user["soft_delete_at"]))
    return user


def profile_data(row: tuple) -> dict:
    """A row of models.peerly.reads.profile_row: the user, then hi5_count (the hi5s their
    recognitions received)."""
    return {"data": {**user_json(row), "hi5_count": row[-1]}}


def profile_json(user_id: int) -> dict:
    return profile_data(profile_row(user_id))


def managed_user(user_id: int, token_info: dict) -> User:
    """A current user an admin may manage: in their organisation, and no SuperAdmin unless they are one."""
    require_role(token_info, ORGANISATION_ADMIN)
    query = current_users().where(User.id == user_id)
    user = in_scope(query, User.org, token_info).first()
    if user is None:
        raise not_found("user")
    if user.role_id == SUPER_ADMIN and not is_super_admin(token_info):
        raise forbidden()
    return user


def other_managed_user(user_id: int, token_info: dict, refusal: str) -> User:
    """A managed user who is not the caller: nobody demotes or deletes themselves (and locks everyone out)."""
    user = managed_user(user_id, token_info)
    if user.id == token_info["user_id"]:
        raise invalid("user", id=refusal)
    return user


def list_users(token_info, limit=10, offset=0, starts_with=None, org_id=None):
    rows = user_page(listed_org(token_info, org_id), is_admin(token_info), starts_with, limit, offset)
    return {"data": [user_json(row) for row in rows]}


def get_me(token_info):
    return profile_json(token_info["user_id"])


def update_me(body, token_info):
    changes = {name: body[name] for name in ("first_name", "last_name", "display_name")}
    if "profile_image_url" in body:
        changes["profile_image_url"] = body["profile_image_url"]
    User.update(**changes).where(User.id == token_info["user_id"]).execute()
    return profile_json(token_info["user_id"])


def get_user(id, token_info):
    """managed_user's checks on the profile itself: one query."""
    require_role(token_info, ORGANISATION_ADMIN)
    row = profile_row(id, managed=True, org_id=scope(token_info))
    if row is None:
        raise not_found("user")
    if row[USER_FIELDS.index("role_id")] == SUPER_ADMIN and not is_super_admin(token_info):
        raise forbidden()
    return profile_data(row)


def update_user(id, body, token_info):
    user = other_managed_user(id, token_info, "you can't change your own role")
    if body["role_id"] == SUPER_ADMIN and not is_super_admin(token_info):
        raise forbidden()
    User.update(role_id=body["role_id"]).where(User.id == user.id).execute()
    return profile_json(user.id)


def delete_user(id, token_info):
    user = other_managed_user(id, token_info, "you can't delete yourself")
    if not User.soft_delete(user.id, user.org_id, by=token_info["user_id"]):
        raise not_found("user")  # deleted meanwhile
    return None, 200
