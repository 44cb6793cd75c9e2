"""Cassie's administration: groups have no creation API, and private groups' followers are
approved here.

    scripts/admin cassie create-group --slug weather --name "Boston Weather" [--private]
    scripts/admin cassie approve --group weather --handle steph
"""

from __future__ import annotations

import argparse
import sys

from peewee import IntegrityError

from core.database import db
from models.cassie import Group, Membership, User
from models.cassie.notifications import notify


def create_group(args) -> int:
    try:
        Group.create(slug=args.slug, name=args.name, info_text=args.info, icon=args.icon,
                     requires_approval=args.private, access_denied_message=args.access_denied_message)
    except IntegrityError:
        print(f"A group with the slug {args.slug!r} already exists.", file=sys.stderr)
        return 1
    print(f"Created the {'private' if args.private else 'public'} group {args.slug!r} ({args.name}).")
    return 0


def approve(args) -> int:
    group = Group.get_or_none(Group.slug == args.group)
    user = User.get_or_none(User.handle == args.handle, User.is_active)
    if group is None or user is None:
        print(f"No {'group ' + repr(args.group) if group is None else 'user ' + repr(args.handle)}.", file=sys.stderr)
        return 1
    with db.atomic():
        granted = {"access": "granted", "following": True}
        Membership.insert(user=user, group=group, **granted).on_conflict(
            conflict_target=[Membership.user, Membership.group], update=granted
        ).execute()
        notify([user.id], "group-access-granted", group.slug, f"You have been approved to join the {group.name} group")
    print(f"{args.handle} may now see and forecast the casties of {args.group!r}.")
    return 0


def parser() -> argparse.ArgumentParser:
    commands = argparse.ArgumentParser(prog="scripts/admin cassie", description=__doc__.split("\n\n")[0])
    sub = commands.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create-group", help="create a group")
    create.add_argument("--slug", required=True, help="its unique name in URLs")
    create.add_argument("--name", required=True, help="its display name")
    create.add_argument("--private", action="store_true", help="followers need approval (see approve)")
    create.add_argument("--info", default="", help="its description (groupInfoText)")
    create.add_argument("--icon", default="", help="its icon's URL (groupIcon)")
    create.add_argument("--access-denied-message", default="", help="shown to those not approved yet")
    create.set_defaults(run=create_group)
    grant = sub.add_parser("approve", help="grant a user access to a private group (and follow it)")
    grant.add_argument("--group", required=True, help="the group's slug")
    grant.add_argument("--handle", required=True, help="the user's handle")
    grant.set_defaults(run=approve)
    return commands


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
