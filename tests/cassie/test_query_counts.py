"""Statements per request of every Cassie list and detail (style: tests/perf/test_query_counts.py):
the same few whatever the number of casties, forecasts, comments, frodads and notifications
on the page, never one per row. Each count includes the Basic authentication's one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.cassie import AnswerOption, Castie, Comment, Forecast, Frodad, Group, Membership, Notification, User
from tests.cassie.helpers import create_group, get, sign_up


def _grow(members: list, group_id: int, size: int) -> None:
    """`size` more casties in the group, each with two options, a forecast and a comment by
    every member, and a notification for the first member per castie."""
    now, first = utc_now(), Castie.select().count()
    casties = Castie.insert_many([
        {"uuid": f"{first + n:032x}", "question": f"Question {first + n}?", "group": group_id,
         "submitter": members[n % len(members)].id, "created_at": now - timedelta(minutes=n),
         "last_forecasted_at": now - timedelta(minutes=n), "ends_at": now + timedelta(days=1 - 2 * (n % 2)),
         "allow_write_in": n % 3 == 0} for n in range(size)]).returning(Castie.id).tuples().execute()
    for n, (castie,) in enumerate(casties):
        options = [None, None] if n % 3 == 0 else [AnswerOption.create(castie=castie, text=t).id for t in ("Yes", "No")]
        for k, member in enumerate(members):
            Forecast.create(castie=castie, user=member.id, answer_option=options[k % 2], text=("Yes", "No")[k % 2])
            Comment.create(castie=castie, user=member.id, text=f"Comment {k}")
        Notification.create(user=members[0].id, notification_type="castie-answered", data="x", message="Answered")


@pytest.fixture
def page(client):
    members = [sign_up(client, handle) for handle in ("steph", "luly", "mark", "tess")]
    create_group("weather", "Boston Weather")
    group = Group.get(Group.slug == "weather").id
    Membership.insert_many([{"user": m.id, "group": group, "following": True} for m in members]).execute()
    Frodad.insert_many([{"user_low": members[0].id, "user_high": m.id, "requester": members[0].id, "accepted": True}
                        for m in members[1:]]).execute()
    _grow(members, group, 5)
    return members, group


URLS = [
    # casties, then the page's options, result counts and frodads' forecasts
    ("/home/", 5),
    ("/home/new/", 5),
    ("/home/spicy/", 5),
    ("/home/following/", 5),
    ("/home/new/?groups=weather", 5),
    ("/home/new/?ids=true", 2),  # the casties' uuids only
    ("/casties/{castie}/", 5),  # the castie, its options, result counts, frodads' forecasts
    ("/casties/{castie}/comments/", 3),  # the castie (with its number of comments), the comments
    ("/casties/{castie}/answer/", 3),  # the castie, its options (not their counts)
    ("/casties/needsanswer/", 2),
    ("/groups/", 2),
    ("/groups/weather/", 7),  # the group with its counts, the ranking, then as the home page
    ("/groups/weather/accuracy/", 4),  # the group, the ranking, the caller's forecasts
    ("/groups/weather/followers/", 3),
    ("/groups/weather/followers/frodads/", 3),
    ("/profile/steph/mycasties/", 3),  # the profile with its counts, the tab
    ("/profile/steph/stats/", 3),
    ("/profile/steph/groups/", 3),
    ("/profile/steph/frodads/", 3),
    ("/notifications/", 4),  # casties needing an answer, the stored ones, marking them read
    ("/search/casties/?q=Question", 5),  # as the home page
    ("/leaderboard/", 3),
    ("/leaderboard/weather/", 5),
    ("/hamburger/", 2),
    ("/frodad-requests/", 3),
]


def _queries(client, member, url: str) -> int:
    with count_queries() as counted:
        response = get(client, url, member)
    assert response.status_code == 200, response.text
    return counted.count


@pytest.mark.parametrize("url, expected", URLS)
def test_a_list_costs_the_same_statements_whatever_its_length(client, page, url, expected):
    members, group = page
    mine = (Castie.submitter == members[0].id) & ~Castie.allow_write_in
    castie = Castie.select(Castie.uuid).where(mine).order_by(Castie.id).scalar()
    path = url.format(castie=castie)
    few = _queries(client, members[0], path)
    _grow(members, group, 30)
    assert Castie.select().count() == 35 and Forecast.select().count() == 140 and User.select().count() == 4
    assert (few, _queries(client, members[0], path)) == (expected, expected)
