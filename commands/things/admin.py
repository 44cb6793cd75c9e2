"""`scripts/admin things`: end a user's sessions (the API has no logout)."""

from __future__ import annotations

import argparse
import sys

from models.things import Token, User


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/admin things", description="End a user's sessions: the API has no logout."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    revoke = commands.add_parser("revoke-tokens", help="make every token of a user stop working, at once")
    revoke.add_argument("--username", required=True)
    args = parser.parse_args(argv)
    user = User.get_or_none(User.username == args.username)
    if user is None:
        print(f"No user named {args.username}.", file=sys.stderr)
        return 1
    revoked = Token.delete().where(Token.user == user.id).execute()
    print(f"{revoked} tokens of {args.username} revoked.")
    return 0
