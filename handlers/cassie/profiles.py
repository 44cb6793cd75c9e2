"""Profiles, in four tabs (casties, forecast stats, groups, frodads), each with the
profile's info; and deleting your own account. A private profile that is not the caller's
shows its info but not its tab ("private")."""

from __future__ import annotations

from handlers.cassie import (
    accuracy,
    caller,
    cassie_error,
    date_text,
    forecast_json,
    friend_status,
    group_json,
    not_found,
    people_json,
    picture_url,
    time_text,
)
from models.base import utc_now
from models.cassie import Group, User
from models.cassie.casties import (
    followed_groups,
    forecast_rows,
    frodad_ids,
    is_answerable,
    submitted_casties,
    visible_to,
)
from models.cassie.people import group_rows, people_rows, profile_row
from models.cassie.pictures import delete_picture

NEWEST = 100


def profile_json(row: dict, viewer_id: int) -> dict:
    updated = row["image_last_updated"]
    return {
        "handle": row["handle"],
        "user_uuid": row["user_uuid"],
        "firstName": row["first_name"],
        "lastName": row["last_name"],
        "city": row["city"],
        "state": row["state"],
        "profPic": picture_url(row["prof_pic"]),
        "image_last_updated_date": date_text(updated),
        "image_last_updated_time": time_text(updated),
        "level": row["level"],
        "adjective": row["adjective"],
        "noun": row["noun"],
        "is_private": row["is_private"],
        "percentCorrect": accuracy(row["correct"], row["answered"]),
        "myCastiesNumber": row["casties"],
        "groupsNumber": row["groups"],
        "frodadsNumber": row["frodads"],
        "forecastsNumber": row["forecasts"],
        "friend_status": friend_status(row["id"], viewer_id, row["pair_requester"], row["pair_accepted"]),
    }


def _frodads(user_id: int, viewer: int) -> dict[str, dict]:
    return people_json(people_rows(User.id.in_(frodad_ids(user_id)), viewer), viewer)


def _profile_page(handle: str, token_info, tab: str, contents, keys_only: bool = False) -> dict:
    """The profile of `handle` with `tab` filled by `contents(user_id, viewer_id)` (only its
    keys, if asked), or "private"."""
    viewer = caller(token_info)
    row = profile_row(handle, viewer)
    if row is None:
        raise not_found("the requested user could not be found")
    if row["is_private"] and row["id"] != viewer:
        listed = "private"
    else:
        listed = contents(row["id"], viewer)
    return {"status": 200, "profileInfo": profile_json(row, viewer),
            tab: list(listed) if keys_only and listed != "private" else listed}


def _casties(user_id: int, viewer: int) -> dict:
    now = utc_now()
    return {row["uuid"]: {"question": row["question"], "answerable": is_answerable(row, viewer, now)}
            for row in submitted_casties(user_id, viewer, NEWEST)}


def _forecasts(user_id: int, viewer: int) -> dict:
    now = utc_now()
    return {str(row["id"]): forecast_json(row, now) for row in forecast_rows(user_id, visible_to(viewer))}


def _groups(user_id: int, viewer: int) -> dict:
    followed = Group.id.in_(followed_groups(user_id))
    return {row["slug"]: group_json(row) for row in group_rows(viewer, followed).dicts()}


def profile_casties(handle, token_info, ids_only=False):
    return _profile_page(handle, token_info, "myCasties", _casties, ids_only)


def profile_stats(handle, token_info, ids_only=False):
    return _profile_page(handle, token_info, "myForecasts", _forecasts, ids_only)


def profile_groups(handle, token_info, slugs_only=False):
    return _profile_page(handle, token_info, "myGroups", _groups, slugs_only)


def profile_frodads(handle, token_info):
    return _profile_page(handle, token_info, "myFrodads", _frodads)


def delete_account(handle, token_info):
    user = User.get_or_none(User.handle == handle, User.is_active)
    if user is None:
        raise cassie_error("object_not_found", "the User requested could not be found- nothing could be deleted")
    if user.id != caller(token_info):
        raise cassie_error("invalid_request", "a User can only delete their own account")
    user.delete_instance()  # with everything they made (ON DELETE CASCADE)
    delete_picture(user.prof_pic)
    return {"status": 200, "handle_deleted": handle, "message": "Account has been deleted"}
