"""Every field of Cassie's castie lists and details, for a dataset covering their cases,
equal to the bodies recorded in tests/cassie/bodies.json (made by the code before the lists
ran on prebuilt statements and driver rows, issue 13): rewriting how rows are read and
built must not change one byte a client sees.

Regenerate (only for a deliberate change of the answers): CASSIE_BODIES_WRITE=1 scripts/test
tests/cassie/test_bodies.py, then review the diff.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from models.cassie import AnswerOption, Castie, Comment, Forecast, Frodad, Group, Membership, Notification, User
from tests.cassie.helpers import create_group, get, ok, sign_up

GOLDEN = Path(__file__).with_name("bodies.json")
PAST, FUTURE = datetime(2001, 3, 4, 5, 6, 7, 891011, tzinfo=UTC), datetime(2099, 1, 2, 3, 4, 0, tzinfo=UTC)
HANDLES = ("steph", "luly", "mark", "lizzy", "tess")


def at(day: int, microsecond: int = 123456) -> datetime:
    return datetime(2020, 1, day, 10, day, day, microsecond, tzinfo=UTC)


def uuid(n: int) -> str:
    return f"{n:032x}"


def _people(client) -> list:
    members = [sign_up(client, handle) for handle in HANDLES]
    for n, member in enumerate(members):
        User.update(user_uuid=uuid(900 + n), prof_pic=f"pic{n}.png" if n % 2 else "").where(
            User.id == member.id).execute()
    steph, luly, mark, lizzy, tess = (member.id for member in members)
    pairs = [(steph, luly, True), (steph, mark, True), (steph, lizzy, False), (luly, tess, True)]
    Frodad.insert_many([{"user_low": min(a, b), "user_high": max(a, b), "requester": a, "accepted": accepted,
                         "created_at": at(1)} for a, b, accepted in pairs]).execute()
    return members


def _groups(members) -> dict[str, int]:
    create_group("weather", "Boston Weather")
    create_group("secret", "Secret", private=True)
    create_group("hidden", "Hidden", private=True)
    ids = {group.slug: group.id for group in Group.select()}
    rows = [{"user": m.id, "group": ids["weather"], "access": None, "following": True} for m in members[:4]]
    rows += [{"user": members[0].id, "group": ids["secret"], "access": "granted", "following": True},
             {"user": members[1].id, "group": ids["hidden"], "access": "granted", "following": True}]
    Membership.insert_many(rows).execute()
    return ids


# (group, submitter, shown, created day, last forecast day, open ended, ends, write-in, answered, keyword)
CASTIES = [
    ("weather", 0, True, 1, 9, False, FUTURE, False, False, None),
    ("weather", 1, False, 2, None, True, None, False, False, None),
    ("weather", 2, True, 3, 4, False, PAST, False, True, None),
    ("weather", 0, True, 4, 4, False, PAST, False, False, None),
    ("weather", 3, True, 5, 8, False, FUTURE, True, False, None),
    ("weather", 0, True, 6, 7, False, PAST, True, True, "rain"),
    ("secret", 0, False, 7, None, False, FUTURE, False, False, None),
    ("hidden", 1, True, 8, 8, False, FUTURE, False, False, None),
    ("weather", 1, True, 8, 9, False, FUTURE, False, False, None),  # the same moment as the last: by id
]
WRITE_INS = ["Snow", "sun", "hail", "fog", "sleet", "wind", "Rain", "mist", "rain!", "clouds", "drizzle", "Rain"]


def _casties(members, groups) -> None:
    rows, options = [], []
    for n, (group, who, shown, day, last, open_ended, ends, write_in, answered, keyword) in enumerate(CASTIES, 1):
        rows.append({"id": n, "uuid": uuid(n), "question": f"Question {n}?", "group": groups[group],
                     "submitter": members[who].id, "show_username": shown, "created_at": at(day),
                     "last_forecasted_at": at(last, 0) if last else None, "open_ended": open_ended,
                     "ends_at": ends, "allow_write_in": write_in, "answer_submitted": answered,
                     "correct_keyword": keyword})
        if not write_in:
            options += [{"id": 10 * n + k, "castie": n, "text": text, "is_correct": answered and k == 1}
                        for k, text in enumerate(("Yes", "No", "Maybe"), 1)]
    Castie.insert_many(rows).execute()
    AnswerOption.insert_many(options).execute()


def _forecasts(members) -> None:
    rows, next_id = [], 1
    for castie, (_, _, _, _, _, _, _, write_in, answered, keyword) in enumerate(CASTIES, 1):
        for k, member in enumerate(members):
            if (castie + k) % 4 == 3:
                continue
            text = WRITE_INS[(castie + k) % len(WRITE_INS)] if write_in else ("Yes", "No", "Maybe")[k % 3]
            option = None if write_in else 10 * castie + 1 + k % 3
            correct = answered and ((keyword or "") in text.lower() if write_in else k % 3 == 0)
            rows.append({"id": next_id, "castie": castie, "user": member.id, "answer_option": option, "text": text,
                         "is_correct": correct, "points_earned": 10 if correct else 0, "created_at": at(castie, k)})
            next_id += 1
    Forecast.insert_many(rows).execute()


def _comments_and_notifications(members) -> None:
    Comment.insert_many([{"uuid": uuid(500 + n), "castie": 1 + n % 3, "user": members[n % 5].id,
                          "text": f"Comment {n}", "created_at": at(1 + n % 9, n), "is_offensive": n == 4}
                         for n in range(12)]).execute()
    kinds = ("castie-answered", "friend-request-received", "castie-answered")
    Notification.insert_many([{"user": members[0].id, "notification_type": kind, "data": uuid(1),
                               "message": f"Message {n}", "created_at": at(10 + n), "has_been_read": n == 1}
                              for n, kind in enumerate(kinds)]).execute()


PAGES = [
    "/home/", "/home/new/", "/home/spicy/", "/home/following/", "/home/new/?ids=true", "/home/?ids=true",
    "/home/new/?groups=weather", "/home/spicy/?groups=weather&groups=secret", "/home/new/?groups=",
    *[f"/casties/{uuid(n)}/" for n in range(1, len(CASTIES) + 1)],
    *[f"/casties/{uuid(n)}/comments/" for n in (1, 2, 3)],
    "/groups/weather/", "/groups/secret/", "/profile/steph/mycasties/", "/profile/luly/mycasties/",
    "/profile/luly/stats/", "/groups/weather/accuracy/", "/notifications/",
]


def _answer(client, member, path: str):
    response = get(client, path, member)
    if response.status_code != 200:
        return [response.status_code, response.json()]
    body = ok(response)
    for notification in body.get("notifications", []):
        notification.pop("timesince_created")  # relative to now: tested in test_notifications
    return body


def test_castie_lists_and_details_answer_the_recorded_bodies(client):
    members = _people(client)
    groups = _groups(members)
    _casties(members, groups)
    _forecasts(members)
    _comments_and_notifications(members)

    answers = {f"{member.handle} {path}": _answer(client, member, path) for member in members[:3] for path in PAGES}

    if os.environ.get("CASSIE_BODIES_WRITE"):
        GOLDEN.write_text(json.dumps(answers, indent=1) + "\n")
    recorded = json.loads(GOLDEN.read_text())
    assert list(answers) == list(recorded)
    for key, body in answers.items():
        assert json.dumps(body, indent=1).splitlines() == json.dumps(recorded[key], indent=1).splitlines(), key
