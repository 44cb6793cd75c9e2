"""scripts/admin peerly COMMAND: set up an installation, and renew hi5s from cron.

    create-org --name N --domain D [--hi5-limit 5] [--renewal WEEKLY|MONTHLY] [--timezone UTC]
               [--contact-email E]
    create-user --email E --role 1|2|3|4 [--first-name F] [--last-name L] [--display-name D]
    renew-hi5 [--date YYYY-MM-DD]      reset balances where it is Monday (WEEKLY) or the 1st
                                       (MONTHLY); run it daily from cron, twice is harmless
    token --email E                    a JWT for the user, as logging in with Google gives

A new installation: create-org for your company's email domain, create-user --role 1 for
its first SuperAdmin; everyone else is created by their first Google login.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from functools import cache

import yaml
from peewee import IntegrityError

from core.config import SPECS
from core.database import db
from core.errors import ApiError
from core.validation import check
from handlers.peerly import issue_token, new_organisation
from models.peerly import MONTHLY, ROLES, WEEKLY, Organisation, User, renew_hi5

SPEC = SPECS / "peerly.yaml"


@cache
def spec_schema(name: str) -> dict:
    """A schema of the spec with its references inlined: the commands check input as the API does."""
    components = yaml.safe_load(SPEC.read_text())["components"]["schemas"]

    def inline(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(components[node["$ref"].rpartition("/")[2]])
            return {key: inline(value) for key, value in node.items()}
        return [inline(item) for item in node] if isinstance(node, list) else node

    return inline(components[name])


def create_org(args) -> str:
    fields = {
        "name": args.name,
        "domain_name": args.domain,
        "hi5_limit": args.hi5_limit,
        "hi5_quota_renewal_frequency": args.renewal,
        "timezone": args.timezone,
    }
    if args.contact_email is not None:
        fields["contact_email"] = args.contact_email
    check(spec_schema("NewOrganisation"), fields)
    return f"created organisation {new_organisation(fields)} ({args.domain.lower()})"


def create_user(args) -> str:
    email = args.email.strip().lower()
    local_part, _, domain = email.rpartition("@")
    organisation = Organisation.get_or_none(Organisation.domain_name == domain)
    if not local_part or organisation is None:
        raise ApiError(f"no organisation has the domain of {email!r}: create it first with create-org")
    first_name, last_name = args.first_name or local_part, args.last_name or ""
    names = {
        "first_name": first_name,
        "last_name": last_name,
        "display_name": args.display_name or f"{first_name} {last_name}".strip(),
    }
    try:
        with db.atomic():  # the user, and the version of the organisation's users list
            user = User.create(
                org=organisation, email=email, role_id=args.role, hi5_quota_balance=organisation.hi5_limit, **names
            )
            Organisation.users_changed(organisation.id)
    except IntegrityError:
        raise ApiError(f"{email} already exists") from None
    return f"created user {user.id} ({email}, {ROLES[args.role]}) in {organisation.name}"


def renew(args) -> str:
    renewed = renew_hi5(args.date)
    if not renewed:
        return "no organisation renews its hi5s today"
    return "renewed hi5s in " + ", ".join(f"{o.name} ({o.hi5_limit} each)" for o in renewed)


def token(args) -> str:
    user = (
        User.select(User, Organisation)
        .join(Organisation)
        .where(User.email == args.email.strip().lower(), User.soft_delete_at.is_null())
        .first()
    )
    if user is None:
        raise ApiError(f"no current user has the email {args.email!r}")
    return issue_token(user, user.org)


def text(limit: int):
    """An argparse type: a non-blank string of at most `limit` characters, as the API allows."""

    def parse(value: str) -> str:
        if not value.strip() or len(value) > limit:
            raise argparse.ArgumentTypeError(f"expected 1 to {limit} characters")
        return value.strip()

    return parse


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="scripts/admin peerly", description=__doc__.split("\n\n")[0])
    commands = root.add_subparsers(dest="command", required=True)

    org = commands.add_parser("create-org", help="an organisation, whose email domain can then log in")
    org.add_argument("--name", required=True)
    org.add_argument("--domain", required=True, help="its people's email domain, e.g. joshsoftware.com")
    org.add_argument("--hi5-limit", type=int, default=5, help="hi5s per user per period (default 5)")
    org.add_argument("--renewal", choices=[WEEKLY, MONTHLY], default=WEEKLY)
    org.add_argument("--timezone", default="UTC", help="IANA time zone whose Mondays renew (default UTC)")
    org.add_argument("--contact-email")
    org.set_defaults(run=create_org)

    user = commands.add_parser("create-user", help="a user in the organisation of their email's domain")
    user.add_argument("--email", required=True, type=text(254))
    user.add_argument(
        "--role",
        type=int,
        choices=sorted(ROLES),
        required=True,
        help=", ".join(f"{number} {name}" for number, name in ROLES.items()),
    )
    user.add_argument("--first-name", type=text(255))
    user.add_argument("--last-name", type=text(255))
    user.add_argument("--display-name", type=text(255))
    user.set_defaults(run=create_user)

    renewal = commands.add_parser("renew-hi5", help="reset hi5 balances where a period starts today")
    renewal.add_argument("--date", type=date.fromisoformat, help="act as if today were this date (YYYY-MM-DD)")
    renewal.set_defaults(run=renew)

    jwt = commands.add_parser("token", help="print a JWT for a user")
    jwt.add_argument("--email", required=True)
    jwt.set_defaults(run=token)
    return root


def print_error(error: ApiError) -> None:
    for field, messages in (error.fields or {"error": [error.message]}).items():
        print(f"{field}: {'; '.join(messages)}", file=sys.stderr)


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        print(args.run(args))
    except ApiError as error:
        print_error(error)
        return 1
    return 0
