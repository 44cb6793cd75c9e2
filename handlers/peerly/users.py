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
)
from models.base import utc_now
from models.peerly import ORGANISATION_ADMIN, SUPER_ADMIN, User, current_users, hi5s_received

COLUMNS = (
    User.id,
    User.first_name,
    User.last_name,
    User.email,
    User.display_name,
    User.profile_image_url,
    User.role_id,
    User.hi5_quota_balance,
    User.org.alias("org_id"),
    User.soft_delete_by,
    User.soft_delete_at,
)


def user_json(row: dict) -> dict:
    return {**row, "soft_delete_at": epoch(row["soft_delete_at"])}


def profile_json(user_id: int) -> dict:
    """A user with hi5_count (the hi5s their recognitions received), in one query."""
    row = User.select(*COLUMNS, hi5s_received().alias("hi5_count")).where(User.id == user_id).dicts().get()
    hi5_count = row.pop("hi5_count")
    return {"data": {**user_json(row), "hi5_count": hi5_count}}


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
    users = User.select(*COLUMNS).where(User.org == listed_org(token_info, org_id))
    if not is_admin(token_info):
        users = users.where(User.soft_delete_at.is_null())
    if starts_with is not None:
        users = users.where(User.first_name.startswith(starts_with) | User.last_name.startswith(starts_with))
    rows = users.order_by(User.id).limit(limit).offset(offset).dicts()
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
    return profile_json(managed_user(id, token_info).id)


def update_user(id, body, token_info):
    user = other_managed_user(id, token_info, "you can't change your own role")
    if body["role_id"] == SUPER_ADMIN and not is_super_admin(token_info):
        raise forbidden()
    User.update(role_id=body["role_id"]).where(User.id == user.id).execute()
    return profile_json(user.id)


def delete_user(id, token_info):
    user = other_managed_user(id, token_info, "you can't delete yourself")
    deleted = User.update(soft_delete_at=utc_now(), soft_delete_by=token_info["user_id"]).where(
        User.id == user.id, User.soft_delete_at.is_null()
    )
    if not deleted.execute():
        raise not_found("user")  # deleted meanwhile
    return None, 200
