"""Leaderboards: overall (ranked by xp, showing levels) and per group (its followers ranked
by the points its casties earned them), with the caller's groups to switch between."""

from __future__ import annotations

from handlers.cassie import caller, find_group, picture_url
from models.cassie.people import followed_group_names
from models.cassie.rankings import in_group, overall


def _page(token_info, rows, score: str) -> dict:
    groups = [{"slug": slug, "groupName": name} for name, slug in followed_group_names(caller(token_info))]
    profiles = [
        {"handle": handle, "firstName": first_name, "lastName": last_name, "profPic": picture_url(pic),
         "city": city, "state": state, score: points}
        for handle, first_name, last_name, pic, city, state, points in rows
    ]
    return {"status": 200, "leaderboard_groups": groups, "leaderboard_profiles": profiles}


def leaderboard(token_info, limit=150):
    return _page(token_info, overall(limit), "level")


def group_leaderboard(group_slug, token_info, limit=150):
    return _page(token_info, in_group(find_group(group_slug).id, limit), "xp")
