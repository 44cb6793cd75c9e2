"""Bucket list: users (by email), their buckets, and the items in each bucket."""

from __future__ import annotations

import hashlib

from peewee import AutoField, CharField, ForeignKeyField, TextField

from models.base import UTCDateTimeField, api_model, utc_now

BucketlistModel = api_model("bucketlist")
EMAIL_LENGTH = 254


class User(BucketlistModel):
    id = AutoField()
    # Stored NFKC and case-folded (core.text.folded): emails compare ignoring case.
    email = CharField(max_length=EMAIL_LENGTH, unique=True)
    password_hash = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)

    @staticmethod
    def password_stamp(password_hash: str) -> str:
        """A token carries it: a new password (a new salted hash) ends every earlier token."""
        return hashlib.sha256(password_hash.encode()).hexdigest()[:16]

    @classmethod
    def stamp_of(cls, user_id: int) -> str | None:
        """The current password stamp of a user; None if there is no such user."""
        password_hash = cls.select(cls.password_hash).where(cls.id == user_id).scalar()
        return None if password_hash is None else cls.password_stamp(password_hash)


class Bucket(BucketlistModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="buckets", on_delete="CASCADE", index=False)  # led by the index below
    name = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)
    modified_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # A user's buckets, in id order (lists, pages, and every lookup by id and owner).
        indexes = ((("user", "id"), False),)

    @classmethod
    def owned(cls, bucket_id, user_id: int):
        """The condition every lookup by id adds: another user's bucket is a missing one."""
        return (cls.id == int(bucket_id)) & (cls.user == user_id)

    @classmethod
    def is_owned(cls, bucket_id, user_id: int) -> bool:
        return cls.select().where(cls.owned(bucket_id, user_id)).exists()


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

    @classmethod
    def in_owned_bucket(cls, bucket_id, item_id, user_id: int):
        """The condition on one item: in this bucket, which must be the user's."""
        users_bucket = Bucket.select(Bucket.id).where(Bucket.owned(bucket_id, user_id))
        return (cls.id == int(item_id)) & (cls.bucket == int(bucket_id)) & cls.bucket.in_(users_bucket)


MODELS = (User, Bucket, Item)
