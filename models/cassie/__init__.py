"""Cassie: users signing up in steps, groups they follow, casties (questions) with answer
options, one forecast per user per castie, comments, frodads (friends) and notifications."""

from __future__ import annotations

import uuid

from peewee import AutoField, BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from models.base import UTCDateTimeField, api_model, utc_now

CassieModel = api_model("cassie")


def new_uuid() -> str:
    return uuid.uuid4().hex


class User(CassieModel):
    """A profile. Sign-up creates it at the password step; the picture step activates it."""

    id = AutoField()
    email = CharField(max_length=254, unique=True)  # stored lower-cased; the Basic username
    password_hash = CharField(max_length=255)
    handle = CharField(max_length=255, unique=True, null=True)  # set at the handle step
    user_uuid = CharField(max_length=32, unique=True, default=new_uuid)
    first_name = CharField(max_length=255, default="")
    last_name = CharField(max_length=255, default="")
    city = CharField(max_length=255, default="")
    state = CharField(max_length=255, default="")
    adjective = CharField(max_length=255, default="")
    noun = CharField(max_length=255, default="")
    prof_pic = CharField(max_length=64, default="")  # a file name in the media folder
    image_last_updated = UTCDateTimeField(null=True)
    is_private = BooleanField(default=False)
    is_active = BooleanField(default=False)  # only complete accounts authenticate
    level = IntegerField(default=1)
    xp = IntegerField(default=0)
    last_login = UTCDateTimeField(null=True)
    date_joined = UTCDateTimeField(default=utc_now)


class Group(CassieModel):
    """Created by `scripts/admin cassie create-group`; private ones approve each follower."""

    id = AutoField()
    slug = CharField(max_length=255, unique=True)
    name = CharField(max_length=255, index=True)
    info_text = TextField(default="")
    icon = CharField(max_length=255, default="")
    requires_approval = BooleanField(default=False)
    access_denied_message = TextField(default="")
    allow_member_casties = BooleanField(default=True)


class Membership(CassieModel):
    """A user's standing in a group: following a public one, or pending/granted in a private one."""

    id = AutoField()
    user = ForeignKeyField(User, on_delete="CASCADE", index=False)  # led by the unique index
    group = ForeignKeyField(Group, on_delete="CASCADE")
    access = CharField(max_length=16, null=True)  # "pending" | "granted" | None (public group)
    following = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "group"), True),)


class Castie(CassieModel):
    id = AutoField()
    uuid = CharField(max_length=32, unique=True, default=new_uuid)
    question = TextField()
    group = ForeignKeyField(Group, on_delete="CASCADE", index=False)  # led by (group, created_at)
    submitter = ForeignKeyField(User, on_delete="CASCADE")
    show_username = BooleanField(default=True)
    created_at = UTCDateTimeField(default=utc_now, index=True)
    # Led by the home tabs' index (migration 0015: per dialect, which Peewee cannot declare).
    last_forecasted_at = UTCDateTimeField(null=True)
    open_ended = BooleanField(default=False)
    ends_at = UTCDateTimeField(null=True)
    allow_write_in = BooleanField(default=False)
    answer_submitted = BooleanField(default=False)
    correct_keyword = CharField(max_length=255, null=True)  # the answer of a write-in castie

    class Meta:
        indexes = ((("group", "created_at"), False),)


class AnswerOption(CassieModel):
    id = AutoField()
    castie = ForeignKeyField(Castie, on_delete="CASCADE")
    text = CharField(max_length=255)
    is_correct = BooleanField(default=False)  # set when the creator answers with this option


class Forecast(CassieModel):
    id = AutoField()
    castie = ForeignKeyField(Castie, on_delete="CASCADE", index=False)  # led by the unique index
    user = ForeignKeyField(User, on_delete="CASCADE")
    answer_option = ForeignKeyField(AnswerOption, null=True, on_delete="CASCADE")
    text = TextField()  # the write-in text, or the chosen option's text
    is_correct = BooleanField(default=False)
    points_earned = IntegerField(default=0)
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("castie", "user"), True),)  # one forecast per user per castie


class Comment(CassieModel):
    id = AutoField()
    uuid = CharField(max_length=32, unique=True, default=new_uuid)
    castie = ForeignKeyField(Castie, on_delete="CASCADE", index=False)  # led by (castie, created_at)
    user = ForeignKeyField(User, on_delete="CASCADE")
    text = TextField()
    created_at = UTCDateTimeField(default=utc_now)
    is_offensive = BooleanField(default=False)

    class Meta:
        indexes = ((("castie", "created_at"), False),)


class Frodad(CassieModel):
    """One row per pair of users, whoever asked: a pending request, or (accepted) frodads.

    The pair is stored lower id first, so a unique index makes a second request between
    the same two users, in either direction, impossible.
    """

    id = AutoField()
    user_low = ForeignKeyField(User, on_delete="CASCADE", index=False)  # led by the unique index
    user_high = ForeignKeyField(User, on_delete="CASCADE")
    requester = ForeignKeyField(User, on_delete="CASCADE")
    accepted = BooleanField(default=False)
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("user_low", "user_high"), True),)


class Notification(CassieModel):
    id = AutoField()
    user = ForeignKeyField(User, on_delete="CASCADE", index=False)  # led by (user, created_at)
    notification_type = CharField(max_length=64)
    data = CharField(max_length=255)  # a handle, castie uuid or group slug, by type
    message = TextField()
    created_at = UTCDateTimeField(default=utc_now)
    has_been_read = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "created_at"), False), (("user", "has_been_read"), False))


class Report(CassieModel):
    """A user reporting a castie or a comment as inappropriate (once each: unique indexes)."""

    id = AutoField()
    reporter = ForeignKeyField(User, on_delete="CASCADE", index=False)
    castie = ForeignKeyField(Castie, null=True, on_delete="CASCADE")
    comment = ForeignKeyField(Comment, null=True, on_delete="CASCADE")
    created_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("reporter", "castie"), True), (("reporter", "comment"), True))


MODELS = (User, Group, Membership, Castie, AnswerOption, Forecast, Comment, Frodad, Notification, Report)
