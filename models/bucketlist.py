"""Bucket list: users (by email), their buckets, and the items in each bucket."""

from __future__ import annotations

import hashlib

from peewee import SQL, AutoField, CharField, ForeignKeyField, IntegerField, Select, TextField, fn

from core.database import db, prebuilt
from core.pagination import Listing
from models.base import UTCDateTimeField, api_model, utc_now
from models.service import RevokedToken

BucketlistModel = api_model("bucketlist")
EMAIL_LENGTH = 254


class User(BucketlistModel):
    id = AutoField()
    # Stored NFKC and case-folded (core.text.folded): emails compare ignoring case.
    email = CharField(max_length=EMAIL_LENGTH, unique=True)
    password_hash = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)
    # Kept by every bucket's create and delete (Bucket.add, Bucket.remove), in its transaction:
    # the buckets page reads them instead of counting the user's buckets, and remembers deep
    # pages' keys per version (as Bucket.item_count and items_version do for items).
    bucket_count = IntegerField(default=0)
    buckets_version = IntegerField(default=0)

    @staticmethod
    def password_stamp(password_hash: str) -> str:
        """A token carries it: a new password (a new salted hash) ends every earlier token."""
        return hashlib.sha256(password_hash.encode()).hexdigest()[:16]

    @classmethod
    def stamp_of(cls, user_id: int) -> str | None:
        """The current password stamp of a user; None if there is no such user."""
        password_hash = cls.select(cls.password_hash).where(cls.id == user_id).scalar()
        return None if password_hash is None else cls.password_stamp(password_hash)

    @classmethod
    def token_state(cls, user_id: int, jti: str) -> tuple[bool, str | None]:
        """Whether a token was logged out, and its user's current stamp (None: no such user).
        Every bucket and item request asks: one statement, compiled once, where there were two."""
        revoked, password_hash = _token_state(jti, user_id)[0]
        return bool(revoked), None if password_hash is None else cls.password_stamp(password_hash)

    @classmethod
    def buckets_kept(cls, user_id: int) -> tuple[int, int]:
        """(bucket count, buckets version) of the user: what the buckets page needs."""
        kept = _buckets_kept(user_id)
        return kept[0] if kept else (0, 0)

    @classmethod
    def buckets_changed(cls, user_id: int, by: int) -> None:
        """One atomic UPDATE (the row lock orders concurrent writers): `by` buckets more or fewer."""
        changes = {cls.bucket_count: cls.bucket_count + by, cls.buckets_version: cls.buckets_version + 1}
        cls.update(changes).where(cls.id == user_id).execute()

    @classmethod
    def recount(cls, user_ids) -> None:
        """Counts again the buckets of users given buckets in bulk (dummy data, benches, tests)."""
        counted = Bucket.select(fn.COUNT(Bucket.id)).where(Bucket.user == cls.id)
        changes = {cls.bucket_count: counted, cls.buckets_version: cls.buckets_version + 1}
        cls.update(changes).where(cls.id.in_(list(user_ids))).execute()


_token_state = prebuilt(lambda jti, user_id: Select(columns=[
    fn.EXISTS(RevokedToken.select(SQL("1")).where(RevokedToken.jti == jti)),
    User.select(User.password_hash).where(User.id == user_id),
]).bind(db))  # a statement of no table: bound, so it compiles in the database's dialect


class Bucket(BucketlistModel):
    id = AutoField()
    user = ForeignKeyField(User, backref="buckets", on_delete="CASCADE", index=False)  # led by the index below
    name = CharField(max_length=255)
    created_at = UTCDateTimeField(default=utc_now)
    modified_at = UTCDateTimeField(default=utc_now)
    # Kept by every item's create and delete (Item.add, Item.remove), in its transaction: the
    # items page reads them instead of counting 1M items, and remembers deep pages' keys per version.
    item_count = IntegerField(default=0)
    items_version = IntegerField(default=0)

    class Meta:
        # A user's buckets, in id order (lists, pages, and every lookup by id and owner).
        indexes = ((("user", "id"), False),)

    @classmethod
    def owned(cls, bucket_id, user_id):
        """The condition every lookup by id adds: another user's bucket is a missing one
        (`bucket_id` as the path has it, the field converts it; or a prebuilt's placeholder)."""
        return (cls.id == bucket_id) & (cls.user == user_id)

    @classmethod
    def add(cls, user_id: int, **fields) -> Bucket:
        """A new bucket, counted for its user in the same transaction."""
        with db.atomic():
            bucket = cls.create(user=user_id, **fields)
            User.buckets_changed(user_id, +1)
        return bucket

    @classmethod
    def remove(cls, bucket_id, user_id: int) -> bool:
        """Deletes the user's bucket (its items go too: ON DELETE CASCADE), uncounted in the
        same transaction; False if the user has no such bucket."""
        with db.atomic():
            removed = cls.delete().where(cls.owned(bucket_id, user_id)).execute()
            if removed:
                User.buckets_changed(user_id, -removed)
        return bool(removed)

    @classmethod
    def is_owned(cls, bucket_id, user_id: int) -> bool:
        return cls.select().where(cls.owned(bucket_id, user_id)).exists()

    @classmethod
    def items_kept(cls, bucket_id, user_id: int) -> tuple[int, int] | None:
        """(item count, items version) of the user's bucket, None if it is not the user's:
        the ownership check and what the items page needs, in one query."""
        kept = _items_kept(int(bucket_id), user_id)
        return kept[0] if kept else None

    @classmethod
    def items_changed(cls, bucket_id: int, by: int) -> None:
        """One atomic UPDATE (the row lock orders concurrent writers): `by` items more or fewer."""
        changes = {cls.item_count: cls.item_count + by, cls.items_version: cls.items_version + 1}
        cls.update(changes).where(cls.id == bucket_id).execute()

    @classmethod
    def recount(cls, bucket_ids) -> None:
        """Counts again the items of buckets filled in bulk (dummy data, benches, tests)."""
        counted = Item.select(fn.COUNT(Item.id)).where(Item.bucket == cls.id)
        changes = {cls.item_count: counted, cls.items_version: cls.items_version + 1}
        cls.update(changes).where(cls.id.in_(list(bucket_ids))).execute()


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
    def in_owned_bucket(cls, bucket_id, item_id, user_id):
        """The condition on one item: in this bucket, which must be the user's (ids as the path
        has them, the fields convert them; or a prebuilt's placeholders)."""
        users_bucket = Bucket.select(Bucket.id).where(Bucket.owned(bucket_id, user_id))
        return (cls.id == item_id) & (cls.bucket == bucket_id) & cls.bucket.in_(users_bucket)

    @classmethod
    def add(cls, bucket_id: int, **fields) -> Item:
        """A new item, counted in its bucket in the same transaction."""
        with db.atomic():
            item = cls.create(bucket=bucket_id, **fields)
            Bucket.items_changed(bucket_id, +1)
        return item

    @classmethod
    def remove(cls, bucket_id, item_id, user_id: int) -> bool:
        """Deletes one item of the user's bucket, uncounted in the same transaction; False if none."""
        with db.atomic():
            removed = cls.delete().where(cls.in_owned_bucket(bucket_id, item_id, user_id)).execute()
            if removed:
                Bucket.items_changed(int(bucket_id), -removed)
        return bool(removed)


MODELS = (User, Bucket, Item)

# What the API shows of a bucket and of an item, in this order (its bucket_json, item_json).
BUCKET_COLUMNS = (Bucket.id, Bucket.name, Bucket.created_at, Bucket.modified_at)
ITEM_COLUMNS = (Item.id, Item.name, Item.description, Item.bucket, Item.created_at, Item.modified_at)

# GET /bucketlists: a user's buckets in id order, sought with the count and version the user
# keeps (User.buckets_kept). A rename keeps the id, so only a create or a delete moves the order.
users_buckets = Listing("bucketlist_bucket", BUCKET_COLUMNS, lambda user: Bucket.user == user, (Bucket.id,),
                        search=Bucket.name)
# GET /bucketlists/{id}/items: a bucket's items page by page, newest first, as its index is
# ordered, sought with the count and version the bucket keeps (Bucket.items_kept). An edit
# keeps created_at, so only a create or a delete moves the order (and bumps the version).
bucket_items = Listing("bucketlist_item", ITEM_COLUMNS, lambda bucket: Item.bucket == bucket,
                       (Item.created_at, Item.id), descending=True, search=Item.name)
# GET /bucketlists/{id} and GET /bucketlists/{id}/items/{id}: the row, if it is the user's.
bucket_row = prebuilt(lambda bucket, user: Bucket.select(*BUCKET_COLUMNS).where(Bucket.owned(bucket, user)))
item_row = prebuilt(lambda bucket, item, user: Item.select(*ITEM_COLUMNS)
                    .where(Item.in_owned_bucket(bucket, item, user)))
_buckets_kept = prebuilt(lambda user: User.select(User.bucket_count, User.buckets_version).where(User.id == user))
_items_kept = prebuilt(lambda bucket, user: Bucket.select(Bucket.item_count, Bucket.items_version)
                       .where(Bucket.owned(bucket, user)).limit(1))
