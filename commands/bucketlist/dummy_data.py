"""`scripts/dummy-data bucketlist`: a user to try the API with, and lists long enough to page.

The user example@bucketmail.com / 123456 (created, or given that password again), then 100
buckets and 1000 items spread at random over them, as the original's `manage.py dummy`
did. Rows go in batches inside one transaction, so it takes seconds, not minutes.
"""

from __future__ import annotations

import argparse
import random

from rich.progress import Progress

from core.database import db
from core.security import hash_password
from models.base import utc_now
from models.bucketlist import Bucket, Item, User

EMAIL, PASSWORD = "example@bucketmail.com", "123456"
BATCH = 200

THEMES = ["Travel", "Adventure", "Cooking", "Music", "Learning", "Sports", "Family", "Nature", "Art", "Career"]
VERBS = ["Visit", "Learn", "Try", "Climb", "Build", "Read", "Cook", "Paint", "Run", "See"]
THINGS = ["Kyoto", "the Alps", "a marathon", "Italian", "a sourdough loaf", "the northern lights", "a canoe",
          "War and Peace", "a portrait", "Mount Kenya", "the piano", "a tree house"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/dummy-data bucketlist", description=__doc__.split("\n\n")[0])
    parser.add_argument("--buckets", type=int, default=100, help="how many buckets (default 100)")
    parser.add_argument("--items", type=int, default=1000, help="how many items, over those buckets (default 1000)")
    args = parser.parse_args(argv)
    if args.buckets < 1 or args.items < 0:
        parser.error("--buckets must be at least 1 and --items at least 0")
    password_hash = hash_password(PASSWORD)  # before the transaction: SQLite takes its write lock at once
    with Progress() as progress, db.atomic():
        user_id = _user(password_hash)
        bucket_ids = _buckets(user_id, args.buckets, progress)
        _items(bucket_ids, args.items, progress)
        Bucket.recount(bucket_ids)  # inserted in bulk: their kept counts, as Item.add keeps them
        User.recount([user_id])  # and the user's, as Bucket.add keeps them
    print(f"{EMAIL} / {PASSWORD}: {len(bucket_ids)} buckets and {args.items} items added.")
    return 0


def _user(password_hash: str) -> int:
    upsert = User.insert(email=EMAIL, password_hash=password_hash, created_at=utc_now())
    upsert.on_conflict(conflict_target=[User.email], update={User.password_hash: password_hash}).execute()
    return User.get(User.email == EMAIL).id


def _batches(rows: list[dict], progress: Progress, label: str):
    task = progress.add_task(label, total=len(rows))
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        yield batch
        progress.advance(task, len(batch))


def _buckets(user_id: int, count: int, progress: Progress) -> list[int]:
    now = utc_now()
    row = {"user": user_id, "created_at": now, "modified_at": now}
    rows = [{**row, "name": random.choice(THEMES)} for _ in range(count)]
    ids: list[int] = []
    for batch in _batches(rows, progress, "buckets"):
        ids += [row[0] for row in Bucket.insert_many(batch).returning(Bucket.id).tuples().execute()]
    return ids


def _items(bucket_ids: list[int], count: int, progress: Progress) -> None:
    now = utc_now()
    rows = [
        {
            "bucket": random.choice(bucket_ids),
            "name": f"{random.choice(VERBS)} {random.choice(THINGS)}",
            "description": random.choice([None, "", "lorem ipsum", "one day, for sure"]),
            "created_at": now,
            "modified_at": now,
        }
        for _ in range(count)
    ]
    for batch in _batches(rows, progress, "items"):
        Item.insert_many(batch).execute()
