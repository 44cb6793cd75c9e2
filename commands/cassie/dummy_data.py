"""`scripts/dummy-data cassie`: people, groups, casties with forecasts and comments to try
the app with (and, with large numbers, to measure it: scripts/bench-cassie).

Users sign in as <handle>@example.com / cassie123 (one password hash for all, made once).
Every user follows every group; casties are spread over the groups, half of them ended and
answered, so the leaderboards and accuracies have something to rank. Rows go in batches
inside one transaction.
"""

from __future__ import annotations

import argparse
import random
import secrets
from datetime import timedelta

from peewee import fn
from rich.progress import Progress

from core.database import db
from core.security import hash_password
from models.base import utc_now
from models.cassie import AnswerOption, Castie, Comment, Forecast, Group, Membership, User, new_uuid

PASSWORD = "cassie123"
BATCH = 500
POINTS = 10
FIRST = ["Steph", "Luly", "Mark", "Lizzy", "Gretchen", "Helen", "Tess", "Chloe", "Lisette", "James", "Christina"]
LAST = ["Socias", "Alvarez", "Swanson", "Tanner", "Weitz", "Jakubiec", "Paman", "Cruz", "Smith", "Bahr"]
TOPICS = ["Boston Weather", "Politics", "Pop Culture", "European Sports", "Basketball", "Movies", "Science"]
QUESTIONS = ["Will it rain tomorrow?", "Who wins the final?", "Will the bill pass?", "Is a sequel coming?",
             "Snow before December?", "Will prices go up?", "Best picture this year?"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/dummy-data cassie", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="how many users (default 50)")
    parser.add_argument("--groups", type=int, default=5, help="how many groups (default 5)")
    parser.add_argument("--casties", type=int, default=100, help="how many casties (default 100)")
    parser.add_argument("--forecasts", type=int, default=1000, help="how many forecasts (default 1000)")
    parser.add_argument("--comments", type=int, default=200, help="how many comments (default 200)")
    args = parser.parse_args(argv)
    if min(args.users, args.groups, args.casties) < 1 or min(args.forecasts, args.comments) < 0:
        parser.error("--users, --groups and --casties must be at least 1; --forecasts and --comments at least 0")
    if args.forecasts > args.users * args.casties:
        parser.error("--forecasts can be at most --users times --casties (one forecast per user per castie)")
    password_hash, run = hash_password(PASSWORD), secrets.token_hex(3)  # a run's handles never clash with another's
    with Progress() as progress, db.atomic():
        users = _users(args.users, run, password_hash, progress)
        groups = _groups(args.groups, run, users, progress)
        casties = _casties(args.casties, users, groups, progress)
        _forecasts(args.forecasts, users, casties, progress)
        _comments(args.comments, users, casties, progress)
    print(f"{len(users)} users (e.g. {User.get_by_id(users[0]).email} / {PASSWORD}), {len(groups)} groups, "
          f"{len(casties)} casties, {args.forecasts} forecasts, {args.comments} comments added.")
    return 0


def _insert(model, rows: list[dict], progress: Progress, label: str) -> list[int]:
    """Inserts the rows in batches; their ids, in order."""
    task, ids = progress.add_task(label, total=len(rows)), []
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ids += [row[0] for row in model.insert_many(batch).returning(model.id).tuples().execute()]
        progress.advance(task, len(batch))
    return ids


def _users(count: int, run: str, password_hash: str, progress: Progress) -> list[int]:
    now = utc_now()
    rows = []
    for n in range(count):
        first, last = random.choice(FIRST), random.choice(LAST)
        handle = f"{first[0]}{last}-{run}{n}"
        rows.append({"email": f"{handle.lower()}@example.com", "password_hash": password_hash, "handle": handle,
                     "user_uuid": new_uuid(), "first_name": first, "last_name": last, "city": "Boston",
                     "state": "MA", "is_active": True, "date_joined": now})
    return _insert(User, rows, progress, "users")


def _groups(count: int, run: str, users: list[int], progress: Progress) -> list[int]:
    rows = [{"slug": f"group-{run}-{n}", "name": f"{TOPICS[n % len(TOPICS)]} {n}"} for n in range(count)]
    groups = _insert(Group, rows, progress, "groups")
    follows = [{"user": user, "group": group, "following": True} for group in groups for user in users]
    _insert(Membership, follows, progress, "follows")
    return groups


def _casties(count: int, users: list[int], groups: list[int], progress: Progress) -> list[dict]:
    now = utc_now()
    rows = [
        {"uuid": new_uuid(), "question": random.choice(QUESTIONS), "group": random.choice(groups),
         "submitter": random.choice(users), "created_at": now - timedelta(days=2), "open_ended": False,
         "ends_at": now + timedelta(days=1 if n % 2 else -1), "answer_submitted": n % 2 == 0}
        for n in range(count)
    ]
    ids = _insert(Castie, rows, progress, "casties")
    options = [{"castie": castie, "text": text, "is_correct": text == "Yes" and n % 2 == 0}
               for n, castie in enumerate(ids) for text in ("Yes", "No")]
    option_ids = _insert(AnswerOption, options, progress, "answer options")
    return [{"id": castie, "answered": n % 2 == 0, "options": option_ids[2 * n : 2 * n + 2]}
            for n, castie in enumerate(ids)]


def _forecasts(count: int, users: list[int], casties: list[dict], progress: Progress) -> None:
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < count:
        pairs.add((random.randrange(len(casties)), random.choice(users)))
    rows = []
    for index, user in pairs:
        castie = casties[index]
        choice = random.randrange(2)
        correct = castie["answered"] and choice == 0
        rows.append({"castie": castie["id"], "user": user, "answer_option": castie["options"][choice],
                     "text": ("Yes", "No")[choice], "is_correct": correct, "points_earned": POINTS if correct else 0,
                     "created_at": utc_now()})
    _insert(Forecast, rows, progress, "forecasts")
    earned = Forecast.select(fn.COALESCE(fn.SUM(Forecast.points_earned), 0)).where(Forecast.user == User.id)
    created = User.id.between(min(users), max(users))  # no IN list: there may be 100k of them
    User.update(xp=earned).where(created).execute()
    User.update(level=1 + User.xp / 100).where(created).execute()


def _comments(count: int, users: list[int], casties: list[dict], progress: Progress) -> None:
    rows = [{"uuid": new_uuid(), "castie": random.choice(casties)["id"], "user": random.choice(users),
             "text": random.choice(["Easy one.", "No way!", "I love Cassie so much!", "Hmm..."]),
             "created_at": utc_now()} for _ in range(count)]
    _insert(Comment, rows, progress, "comments")
