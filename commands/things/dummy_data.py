"""`scripts/dummy-data things`: a demo user with a collection of things to browse."""

from __future__ import annotations

import argparse

from peewee import chunked

from core.database import db
from core.security import hash_password
from models.things import Thing, User

COLORS = ("red", "green", "blue", "yellow", "black", "white")
PLACES = ("home", "office", "garage", "attic")


def demo_thing(owner_id: int, n: int) -> dict:
    attributes = {"color": COLORS[n % len(COLORS)], "quantity": n % 7 + 1, "tags": [PLACES[n % len(PLACES)]]}
    return {"owner": owner_id, "name": f"Thing {n}", "attributes": attributes}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/dummy-data things", description="Add a demo user with a collection of things to browse."
    )
    parser.add_argument("--username", default="demo", help="created if missing (default: demo)")
    parser.add_argument("--password", default="demo-password", help="for a new user (default: demo-password)")
    parser.add_argument("--things", type=int, default=100, help="how many things to add (default: 100)")
    args = parser.parse_args(argv)
    password_hash = hash_password(args.password)  # before the transaction: it holds SQLite's write lock
    with db.atomic():
        user, created = User.get_or_create(username=args.username, defaults={"password_hash": password_hash})
        start = Thing.select().where(Thing.owner == user.id).count() + 1
        for rows in chunked((demo_thing(user.id, n) for n in range(start, start + args.things)), 500):
            Thing.insert_many(rows).execute()
        User.things_changed(user.id)  # inserted in bulk: the version Thing.add keeps
    note = f"password {args.password}" if created else "existing user, password unchanged"
    print(f"{args.things} things added for {args.username} ({note}).")
    return 0
