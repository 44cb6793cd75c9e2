"""scripts/dummy-data peerly: a demo organisation to try Peerly with.

    scripts/dummy-data peerly [--domain peerly.example] [--users 20] [--recognitions 60] [--seed 1]

An OrganisationAdmin (admin@DOMAIN), a Moderator (moderator@DOMAIN) and employees, five
core values, and recognitions among them (the last 30 days) with hi5s. Balances start
full, as after a renewal. Get a token with `scripts/admin peerly token --email admin@DOMAIN`.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import timedelta

from commands.peerly.admin import print_error, spec_schema
from core.database import db
from core.errors import ApiError
from core.validation import check
from handlers.peerly import new_organisation
from models.base import utc_now
from models.peerly import EMPLOYEE, MODERATOR, ORGANISATION_ADMIN, CoreValue, Hi5, Organisation, Recognition, User

HI5_LIMIT = 5
FIRST_NAMES = ["Asha", "Ben", "Chen", "Divya", "Emil", "Fatima", "Gopal", "Hana", "Ivan", "Jaya", "Kofi", "Lena"]
LAST_NAMES = ["Sharma", "Okafor", "Lee", "Novak", "Gomez", "Patel", "Berg", "Tanaka", "Silva", "Khan"]
CORE_VALUES = {
    "Teamwork": "Achieving more together than alone.",
    "Ownership": "Seeing things through, and owning the outcome.",
    "Customer first": "Starting from what the customer needs.",
    "Learning": "Getting better every week, and helping others to.",
    "Integrity": "Doing the right thing when nobody is watching.",
}
THANKS = [
    "Thanks for staying late to get the release out!",
    "Your review caught a bug that would have hurt customers.",
    "You onboarded the new joiners brilliantly.",
    "Great demo today, clear and honest.",
    "Thanks for taking the on-call shift when I was ill.",
    "You turned a messy incident into a calm fix.",
]


def people(rng: random.Random, domain: str, count: int) -> list[dict]:
    staff = [("admin", ORGANISATION_ADMIN), ("moderator", MODERATOR)]
    staff += [(f"employee{n}", EMPLOYEE) for n in range(1, count - 1)]
    rows = []
    for local_part, role_id in staff:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append(
            {
                "email": f"{local_part}@{domain}",
                "first_name": first,
                "last_name": last,
                "display_name": f"{first} {last}",
                "role_id": role_id,
                "hi5_quota_balance": HI5_LIMIT,
            }
        )
    return rows


def recognise(rng: random.Random, org_id: int, user_ids: list[int], core_value_ids: list[int], count: int) -> int:
    """`count` recognitions among the users, each with its giver's hi5 and a few more; the hi5s made."""
    now, hi5s = utc_now(), 0
    for _ in range(count):
        giver, receiver = rng.sample(user_ids, 2)
        given_at = now - timedelta(minutes=rng.randrange(30 * 24 * 60))
        recognition = Recognition.create(
            org=org_id,
            core_value=rng.choice(core_value_ids),
            text=rng.choice(THANKS),
            given_for=receiver,
            given_by=giver,
            given_at=given_at,
        )
        others = [u for u in user_ids if u not in (giver, receiver)]
        for hi5_giver in [giver, *rng.sample(others, rng.randrange(min(4, len(others) + 1)))]:
            Hi5.create(recognition=recognition, given_by=hi5_giver, given_at=given_at)
            hi5s += 1
    return hi5s


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/dummy-data peerly", description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain", default="peerly.example", help="the demo organisation's email domain")
    parser.add_argument("--users", type=int, default=20, choices=range(3, 1001), metavar="3..1000")
    parser.add_argument("--recognitions", type=int, default=60, choices=range(0, 100001), metavar="0..100000")
    parser.add_argument("--seed", type=int, default=1, help="the same seed makes the same data")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    organisation = {"name": "Peerly Demo", "domain_name": args.domain, "hi5_limit": HI5_LIMIT}
    try:
        check(spec_schema("NewOrganisation"), organisation)
        with db.atomic():
            org_id = new_organisation(organisation)
            User.insert_many([{**row, "org": org_id} for row in people(rng, args.domain.lower(), args.users)]).execute()
            Organisation.users_changed(org_id)
            user_ids = [u.id for u in User.select(User.id).where(User.org == org_id)]
            core_value_ids = [
                CoreValue.create(org=org_id, text=text, description=description).id
                for text, description in CORE_VALUES.items()
            ]
            hi5s = recognise(rng, org_id, user_ids, core_value_ids, args.recognitions)
            Organisation.recognitions_changed(org_id)  # once for them all, as Recognition.give would each
    except ApiError as error:
        print_error(error)
        print("The demo is there already: use it, or run again with another --domain.", file=sys.stderr)
        return 1
    print(
        f"Peerly Demo (organisation {org_id}, @{args.domain.lower()}): {len(user_ids)} users, "
        f"{len(core_value_ids)} core values, {args.recognitions} recognitions, {hi5s} hi5s."
    )
    print(f"A token for its admin: scripts/admin peerly token --email admin@{args.domain.lower()}")
    return 0
