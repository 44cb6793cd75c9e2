"""Chitter: users with one current session key each, their peeps, and likes."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, TextField

from core.database import prebuilt
from models.base import UTCDateTimeField, api_model, utc_now

ChitterModel = api_model("chitter")


class User(ChitterModel):
    id = AutoField()
    handle = CharField(max_length=30, unique=True)  # case-sensitive, as the original
    password_hash = CharField(max_length=255)
    # SHA-256 of the current session key; each login replaces it, so earlier keys stop working.
    session_key_digest = CharField(max_length=64, null=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)


class Peep(ChitterModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="peeps", on_delete="CASCADE")
    body = TextField()
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # GET /peeps: the newest 50, ties broken by id.
        indexes = ((("created_at", "id"), False),)


class Like(ChitterModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="likes", on_delete="CASCADE")
    peep = ForeignKeyField(Peep, backref="likes", on_delete="CASCADE", index=False)  # led by the unique index
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("peep", "user"), True),)  # one like per user per peep


MODELS = (User, Peep, Like)

NEWEST = 50


def _newest():
    return Peep.select().order_by(Peep.created_at.desc(), Peep.id.desc()).limit(NEWEST)


# GET /peeps: the same two statements every time, compiled once (core.database.prebuilt).
newest_peeps = prebuilt(lambda: _newest().select(Peep.id, Peep.body, Peep.created_at, Peep.updated_at,
                                                 User.id, User.handle).join(User))
# Their likes, oldest first. The same peeps again as a subquery: no ids to pass.
likes_of_newest_peeps = prebuilt(lambda: Like.select(Like.peep, User.id, User.handle).join(User)
                                 .where(Like.peep.in_(_newest().select(Peep.id))).order_by(Like.id))
