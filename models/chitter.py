"""Chitter: users with one current session key each, their peeps, and likes."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, IntegerField, TextField, fn

from core.database import db, prebuilt
from core.pagination import Listing
from models.base import UTCDateTimeField, api_model, utc_now

ChitterModel = api_model("chitter")
HANDLE_LENGTH = 30


class Tally(ChitterModel):
    """Named counters kept by the writes they count. "users": one more per sign-up.

    It is the version of the users list (ordered by id), which changes only when a user
    appears (the API and the commands never delete one). MAX(id) would not do: PostgreSQL
    hands out sequence ids before commit, so user 11 can commit before user 10, and the
    row at an offset changes while MAX(id) stays 11. COUNT(*) would do but reads every row.
    """

    name = CharField(max_length=64, primary_key=True)
    value = IntegerField(default=0)

    @classmethod
    def bump(cls, name: str) -> None:
        """One more, in one atomic statement (the row is made if it is missing)."""
        insert = cls.insert(name=name, value=1)
        insert.on_conflict(conflict_target=[cls.name], update={cls.value: cls.value + 1}).execute()

    @classmethod
    def read(cls, name: str):
        """The value as a scalar subquery, for a statement to select with its rows (0 if never bumped)."""
        return cls.select(fn.COALESCE(fn.MAX(cls.value), 0)).where(cls.name == name)


class User(ChitterModel):
    id = AutoField()
    handle = CharField(max_length=HANDLE_LENGTH, unique=True)  # case-sensitive, as the original; NFKC (core.text)
    password_hash = CharField(max_length=255)
    # SHA-256 of the current session key; each login replaces it, so earlier keys stop working.
    session_key_digest = CharField(max_length=64, null=True)
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)

    @classmethod
    def find(cls, user_id) -> User | None:
        return cls.get_or_none(cls.id == int(user_id))

    @classmethod
    def sign_up(cls, handle: str, password_hash: str) -> User:
        """A new user, and the users list's version bumped in the same transaction."""
        with db.atomic():
            user = cls.create(handle=handle, password_hash=password_hash)
            Tally.bump("users")
        return user

    @classmethod
    def page(cls, offset: int, limit: int) -> list[dict]:
        """Users by id, as GET /users pages them: at any offset, in the cost of the first page."""
        return [{"id": id_, "handle": handle} for id_, handle in _users.rows((), offset, limit)]

    @classmethod
    def shown(cls, user_id: int) -> dict | None:
        """What GET /users/{id} shows of a user, as a page does; None if there is none."""
        return next(({"id": id_, "handle": handle} for id_, handle in _user_by_id(user_id)), None)

    @classmethod
    def start_session(cls, user_id: int, key_digest: str) -> None:
        """Replacing the digest ends every earlier session of this user."""
        cls.update(session_key_digest=key_digest).where(cls.id == user_id).execute()


class Peep(ChitterModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="peeps", on_delete="CASCADE")
    body = TextField()
    created_at = UTCDateTimeField(default=utc_now)
    updated_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # GET /peeps: the newest 50, ties broken by id.
        indexes = ((("created_at", "id"), False),)

    @classmethod
    def with_author(cls, peep_id: int) -> Peep | None:
        return cls.select(cls, User).join(User).where(cls.id == peep_id).first()

    @classmethod
    def exists_by_id(cls, peep_id: int) -> bool:
        return cls.select().where(cls.id == peep_id).exists()

    @classmethod
    def newest(cls, count: int):
        return cls.select().order_by(cls.created_at.desc(), cls.id.desc()).limit(count)

    @classmethod
    def edit(cls, peep_id: int, body: str) -> None:
        cls.update(body=body, updated_at=utc_now()).where(cls.id == peep_id).execute()


class Like(ChitterModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="likes", on_delete="CASCADE")
    peep = ForeignKeyField(Peep, backref="likes", on_delete="CASCADE", index=False)  # led by the unique index
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("peep", "user"), True),)  # one like per user per peep

    @classmethod
    def remove(cls, peep_id: int, user_id: int) -> bool:
        """Unlike; False if there was no such like."""
        return bool(cls.delete().where(cls.peep == peep_id, cls.user == user_id).execute())


MODELS = (Tally, User, Peep, Like)

NEWEST = 50


# GET /users: by id, sought with the sign-up tally as the version, read by each page's statement.
_users = Listing("chitter_user", (User.id, User.handle), None, (User.id,), version=lambda: Tally.read("users"))
# GET /peeps: the same two statements every time, compiled once (core.database.prebuilt).
newest_peeps = prebuilt(lambda: Peep.newest(NEWEST).select(Peep.id, Peep.body, Peep.created_at, Peep.updated_at,
                                                 User.id, User.handle).join(User))
# Their likes, oldest first. The same peeps again as a subquery: no ids to pass.
likes_of_newest_peeps = prebuilt(lambda: Like.select(Like.peep, User.id, User.handle).join(User)
                                 .where(Like.peep.in_(Peep.newest(NEWEST).select(Peep.id))).order_by(Like.id))
# GET /peeps/{id}, and the peep a create or an edit answers with: its row, then its likes.
peep_by_id = prebuilt(lambda peep: Peep.select(Peep.id, Peep.body, Peep.created_at, Peep.updated_at, User.id,
                                               User.handle).join(User).where(Peep.id == peep))
likes_of_peep = prebuilt(lambda peep: Like.select(Like.peep, User.id, User.handle).join(User)
                         .where(Like.peep == peep).order_by(Like.id))
# GET /users/{id}: what the API shows of a user.
_user_by_id = prebuilt(lambda user: User.select(User.id, User.handle).where(User.id == user))
