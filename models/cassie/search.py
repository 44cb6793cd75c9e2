"""Search by prefix, in any case, answered from an index on both databases.

Each searched column has an index on its lower-cased value (PostgreSQL: in the "C"
collation, byte order), and a prefix is asked as the range of that value from the prefix
up to the prefix with its last character incremented: migration 0009 explains why.
"""

from __future__ import annotations

from peewee import SQL, NodeList, fn

from core.database import is_postgres
from models.cassie import Castie, Group, User

QUESTION_PREFIX = 100  # the indexed length of a question


def _indexed(expression):
    """The lower-cased expression as the index holds it."""
    lowered = fn.LOWER(expression)
    return NodeList((lowered, SQL('COLLATE "C"'))) if is_postgres() else lowered


def _after(prefix: str) -> str | None:
    """The least string greater than every string starting with `prefix` (None: there is none)."""
    while prefix:
        code = ord(prefix[-1]) + 1
        code = 0xE000 if 0xD800 <= code < 0xE000 else code  # surrogates are no characters
        if code <= 0x10FFFF:
            return prefix[:-1] + chr(code)
        prefix = prefix[:-1]
    return None


def starts_with(expression, prefix: str):
    """A condition: the expression, lower-cased, starts with the (non-empty, lower-cased) prefix."""
    prefix = prefix.lower()
    indexed, after = _indexed(expression), _after(prefix)
    return (indexed >= prefix) & (indexed < after) if after else indexed >= prefix


def people(query: str):
    """Active users whose handle, first or last name starts with the query."""
    return User.select().where(
        User.is_active,
        starts_with(User.handle, query) | starts_with(User.first_name, query) | starts_with(User.last_name, query),
    )


def group_condition(query: str):
    return starts_with(Group.name, query) | starts_with(Group.slug, query)


def castie_condition(query: str):
    return starts_with(fn.SUBSTR(Castie.question, 1, QUESTION_PREFIX), query[:QUESTION_PREFIX])
