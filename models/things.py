"""Things: users, the tokens they log in with, and their things (a name plus any attributes)."""

from __future__ import annotations

import json
from datetime import timedelta

import orjson
from peewee import AutoField, CharField, ForeignKeyField, IntegerField, TextField

from core.database import db, prebuilt
from core.pagination import Listing
from models.base import UTCDateTimeField, api_model, utc_now

ThingsModel = api_model("things")
USERNAME_LENGTH = 255


class JSONTextField(TextField):
    """A JSON document in a text column, ASCII-escaped so any string a client sent can be stored."""

    def db_value(self, value):
        return json.dumps(value, separators=(",", ":"))

    def python_value(self, value):
        return json.loads(value) if value is not None else None


class User(ThingsModel):
    id = AutoField()
    username = CharField(max_length=USERNAME_LENGTH, unique=True)  # case-sensitive; NFKC (core.text)
    password_hash = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)
    # Bumped by every create and delete of the user's things (Thing.add, Thing.remove), in its
    # transaction: GET /stuff remembers deep pages' keys per version (core.pagination).
    things_version = IntegerField(default=0)

    @classmethod
    def things_changed(cls, user_id: int) -> None:
        cls.update({cls.things_version: cls.things_version + 1}).where(cls.id == user_id).execute()


class Token(ThingsModel):
    """One per login, so logging in on a second device does not end the first one's session."""

    id = AutoField()
    user = ForeignKeyField(User, backref="tokens", on_delete="CASCADE", index=False)  # led by the index below
    digest = CharField(max_length=64, unique=True)  # SHA-256 of the token; the token itself is never stored
    expires_at = UTCDateTimeField()
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # Each login purges the user's expired tokens.
        indexes = ((("user", "expires_at"), False),)

    @classmethod
    def issue(cls, user_id: int, token_digest: str, ttl: timedelta) -> None:
        """A new login; the user's expired tokens go at the same time."""
        now = utc_now()
        with cls._meta.database.atomic():
            cls.delete().where(cls.user == user_id, cls.expires_at <= now).execute()
            cls.create(user=user_id, digest=token_digest, expires_at=now + ttl)

    @classmethod
    def user_of(cls, token_digest: str) -> int | None:
        """The id of the user an unexpired token names (every authenticated request asks)."""
        rows = _token_user(token_digest, cls.expires_at.db_value(utc_now()))
        return rows[0][0] if rows else None


class Thing(ThingsModel):
    id = AutoField()
    owner = ForeignKeyField(User, backref="things", on_delete="CASCADE", index=False)  # led by the index below
    name = CharField(max_length=255)
    # Every other attribute the client sent, echoed back as sent.
    attributes = JSONTextField(default=dict)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("owner", "id"), False),)  # GET /stuff: the caller's things in id order

    @classmethod
    def owned(cls, thing_id: int, user_id: int):
        """The condition on one thing: another user's thing is a missing one."""
        return (cls.id == thing_id) & (cls.owner == user_id)

    @classmethod
    def add(cls, user_id: int, name: str, attributes: dict) -> Thing:
        """A new thing, and its owner's things version bumped in the same transaction."""
        with db.atomic():
            thing = cls.create(owner=user_id, name=name, attributes=attributes)
            User.things_changed(user_id)
        return thing

    @classmethod
    def remove(cls, thing_id: int, user_id: int) -> bool:
        """Deletes the user's thing, bumping the version in the same transaction; False if none."""
        with db.atomic():
            removed = cls.delete().where(cls.owned(thing_id, user_id)).execute()
            if removed:
                User.things_changed(user_id)
        return bool(removed)

    @classmethod
    def page(cls, user_id: int, limit: int, offset: int) -> list[tuple[int, str, dict]]:
        """A user's things in id order, `limit` from `offset`, and the next one if there is one
        (whether a next page exists): (id, name, attributes). A deep page costs what the first
        does once its offset was reached before (core.pagination.Listing.rows)."""
        rows = _things.rows((user_id,), offset, limit, one_more=True)
        return [(thing_id, name, _attributes(text)) for thing_id, name, text in rows]


# Compiled once (core.database.prebuilt): Peewee built them on every request.
_token_user = prebuilt(lambda digest, now: Token.select(Token.user)
                       .where(Token.digest == digest, Token.expires_at > now))

# GET /stuff: a user's things in id order, sought per things version (an edit keeps the id).
_things = Listing("things_thing", (Thing.id, Thing.name, Thing.attributes), lambda user: Thing.owner == user,
                  (Thing.id,), version=lambda user: User.select(User.things_version).where(User.id == user))


def _attributes(text: str) -> dict:
    # orjson reads the stored text 3x faster; it refuses the lone surrogates (escaped, as
    # json.dumps wrote them) that json reads back.
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


MODELS = (User, Token, Thing)
