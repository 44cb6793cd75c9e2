"""Bucket list: users (by email), their buckets, and the items in each bucket."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, TextField

from core.errors import BadRequest
from models.base import UTCDateTimeField, api_model, utc_now

BucketlistModel = api_model("bucketlist")


class StorableText:
    """Text a database cannot store (NUL, unpaired surrogates) is the client's error, not a 500."""

    def db_value(self, value):
        if isinstance(value, str) and ("\x00" in value or not _encodable(value)):
            raise BadRequest("The text has characters that cannot be stored (NUL or unpaired surrogates)")
        return super().db_value(value)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Chars(StorableText, CharField):
    pass


class Text(StorableText, TextField):
    pass


class User(BucketlistModel):
    id = AutoField()
    email = Chars(max_length=254, unique=True)  # stored lower-cased: emails compare case-insensitively
    password_hash = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)


class Bucket(BucketlistModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="buckets", on_delete="CASCADE", index=False)  # led by the index below
    name = Chars(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)
    modified_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # A user's buckets, in id order (lists, pages, and every lookup by id and owner).
        indexes = ((("user", "id"), False),)


class Item(BucketlistModel):
    id = AutoField()
    bucket = ForeignKeyField(Bucket, backref="items", on_delete="CASCADE", index=False)  # led by the index below
    name = Chars(max_length=255)
    description = Text(null=True)
    created_at = UTCDateTimeField(default=utc_now)
    modified_at = UTCDateTimeField(default=utc_now)

    class Meta:
        # A bucket's items, newest first, ties broken by id.
        indexes = ((("bucket", "created_at", "id"), False),)


MODELS = (User, Bucket, Item)
