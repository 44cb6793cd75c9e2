"""Groups: listed as the caller stands in each, one in detail with the caller's ranking and
its casties, followed and unfollowed. A private group's followers wait for approval."""

from __future__ import annotations

from peewee import IntegrityError

from handlers.cassie import (
    GROUP_NOT_FOUND,
    accuracy,
    caller,
    caller_handle,
    cassie_error,
    casties_json,
    find_group,
    forecast_json,
    group_json,
    not_found,
    people_json,
)
from models.base import utc_now
from models.cassie import Castie, Group, Membership, User
from models.cassie.casties import forecast_rows, frodad_ids, group_castie_rows
from models.cassie.people import followed_group_names, followers, group_rows, people_rows
from models.cassie.rankings import ranking

MOST_GROUPS = 1000  # groups are made by administrators: a page would only get in the way
MOST_FOLLOWERS = 500


def list_groups(token_info):
    rows = group_rows(caller(token_info)).limit(MOST_GROUPS)
    return {"status": 200, "groups": {row["slug"]: group_json(row) for row in rows.dicts()}}


def get_group(group_slug, token_info, casties=True):
    viewer = caller(token_info)
    row = group_rows(viewer, Group.slug == group_slug).dicts().first()
    if row is None:
        raise not_found(GROUP_NOT_FOUND)
    rank, total = ranking(row["id"], viewer)
    group = {"status": 200, **group_json(row), "ranking": rank, "totalRanked": total}
    if casties and (not row["requires_approval"] or row["access"] == "granted"):
        group["casties"] = casties_json(group_castie_rows(viewer, row["id"]), viewer)
    return group


def _following(token_info, group: Group, access: str | None, following: bool) -> dict:
    return {"status": 200, "handle": caller_handle(token_info), "group_slug": group.slug, "access": access,
            "following": following}


def _improper(token_info, group: Group, message: str) -> Exception:
    return cassie_error("improper_group_request", message, handle=caller_handle(token_info), group_slug=group.slug)


def follow_group(group_slug, token_info):
    group = find_group(group_slug)
    access = "pending" if group.requires_approval else None
    try:
        Membership.create(user=caller(token_info), group=group, access=access, following=access is None)
    except IntegrityError:
        pending = Membership.select().where(
            Membership.user == caller(token_info), Membership.group == group, Membership.access == "pending"
        )
        message = "user has already requested access" if pending.exists() else "user is already following"
        raise _improper(token_info, group, f"cannot follow the Group. {message}") from None
    if access is None:
        return _following(token_info, group, None, True)
    return {**_following(token_info, group, access, False), "access_pending": "user has requested access to group"}


def unfollow_group(group_slug, token_info):
    group = find_group(group_slug)
    if not Membership.delete().where(Membership.user == caller(token_info), Membership.group == group).execute():
        raise _improper(token_info, group, "cannot un-follow the Group. user does not follow it yet")
    return _following(token_info, group, None, False)


def creatable_groups(token_info):
    groups = followed_group_names(caller(token_info), Group.allow_member_casties)
    return {"status": 200, "groups": [list(pair) for pair in groups]}


def hamburger(token_info):
    groups = followed_group_names(caller(token_info))
    return {"status": 200, "handle": caller_handle(token_info), "groups": [list(pair) for pair in groups]}


def list_followers(group_slug, token_info):
    viewer, group = caller(token_info), find_group(group_slug)
    rows = people_rows(User.id.in_(followers(group.id)), viewer, MOST_FOLLOWERS)
    return {"status": 200, "followers": people_json(rows, viewer)}


def list_friend_followers(group_slug, token_info):
    viewer, group = caller(token_info), find_group(group_slug)
    friends = User.id.in_(followers(group.id)) & User.id.in_(frodad_ids(viewer))
    return {"status": 200, "friendFollowers": people_json(people_rows(friends, viewer, MOST_FOLLOWERS), viewer)}


def group_accuracy(group_slug, token_info):
    viewer = caller(token_info)
    row = group_rows(viewer, Group.slug == group_slug).dicts().first()
    if row is None:
        raise not_found(GROUP_NOT_FOUND)
    rank, total = ranking(row["id"], viewer)
    now, mine = utc_now(), forecast_rows(viewer, Castie.group == row["id"])
    forecasts = {str(forecast["id"]): forecast_json(forecast, now) for forecast in mine}
    return {"status": 200, "accuracy": {"percentCorrect": accuracy(row["correct"], row["answered"]),
                                        "ranking": rank, "totalRanked": total, "myForecasts": forecasts}}
