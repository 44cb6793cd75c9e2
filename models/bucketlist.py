"""Bucket list: users (by email), their buckets, and the items in each bucket."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, TextField

from models.base import UTCDateTimeField, api_model, utc_now

BucketlistModel = api_model("bucketlist")


class User(BucketlistModel):
    id = AutoField()
    email = CharField(max_length=254, unique=True)  # stored lower-cased: emails compare case-insensitively
    password_hash = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)


class Bucket(BucketlistModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="buckets", on_delete="CASCADE", index=False)  # led by the index below
    name = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)
    modified_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # A user's buckets, in id order (lists, pages, and every lookup by id and owner).
        indexes = ((("user", "id"), False),)


class Item(BucketlistModel):
    id = AutoField()
    bucket = ForeignKeyField(Bucket, backref="items", on_delete="CASCADE", index=False)  # led by the index below
    name = CharField(max_length=255)
    description = TextField(null=True)
    created_at = UTCDateTimeField(default=utc_now)
    modified_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # A bucket's items, newest first, ties broken by id.
        indexes = ((("bucket", "created_at", "id"), False),)


MODELS = (User, Bucket, Item)
