"""A user's bucket count and buckets version, kept by the writes (issue 13), as 0011 keeps a
bucket's items: the buckets page read `COUNT(*)` over every bucket of the user on every
page, and walked its OFFSET on every deep one.

- bucketlist_user.bucket_count: the user's buckets, kept by each bucket's create and delete.
- bucketlist_user.buckets_version: bumped by the same writes, so a page can reuse the sort
  key it remembered for an offset (core.pagination.Listing.rows) until the buckets change.

Filled from the rows already there; `ADD COLUMN ... NOT NULL DEFAULT 0` as in 0011.
"""

USER_COLUMNS = ("bucket_count", "buckets_version")


def up(migrator, db):
    for column in USER_COLUMNS:
        db.execute_sql(f"ALTER TABLE bucketlist_user ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    db.execute_sql(
        "UPDATE bucketlist_user SET bucket_count = "
        "(SELECT COUNT(*) FROM bucketlist_bucket WHERE bucketlist_bucket.user_id = bucketlist_user.id)"
    )


def down(migrator, db):
    migrator.migrate(*(migrator.drop_column("bucketlist_user", column) for column in USER_COLUMNS))
