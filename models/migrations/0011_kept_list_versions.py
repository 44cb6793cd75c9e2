"""What makes deep pages cheap at 1M rows (issue 13): counts and versions kept by the writes.

- bucketlist_bucket.item_count: the bucket's items, kept by each item's create and delete
  (the items page read `COUNT(*)` over every item of the bucket on every page);
  bucketlist_bucket.items_version: bumped by the same writes, so a page can reuse the sort
  key it remembered for an offset (core.pagination.seek_rows) until the items change.
- chitter_tally: named counters; "users" is bumped by every sign-up, the version of the
  users list's order (users are never deleted; see models.chitter.Tally for why not MAX(id)).

Both are filled from the rows already there. `ADD COLUMN ... NOT NULL DEFAULT 0` is the
same statement on SQLite and PostgreSQL and rebuilds no table (Peewee's add_column would
rebuild SQLite's to add NOT NULL).
"""

from peewee import CharField, IntegerField, Model

BUCKET_COLUMNS = ("item_count", "items_version")


def up(migrator, db):
    for column in BUCKET_COLUMNS:
        db.execute_sql(f"ALTER TABLE bucketlist_bucket ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    db.execute_sql(
        "UPDATE bucketlist_bucket SET item_count = "
        "(SELECT COUNT(*) FROM bucketlist_item WHERE bucketlist_item.bucket_id = bucketlist_bucket.id)"
    )

    class Tally(Model):
        name = CharField(max_length=64, primary_key=True)
        value = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "chitter_tally"

    db.create_tables([Tally])
    db.execute_sql("INSERT INTO chitter_tally (name, value) SELECT 'users', COUNT(*) FROM chitter_user")


def down(migrator, db):
    migrator.migrate(migrator.drop_table("chitter_tally"))
    migrator.migrate(*(migrator.drop_column("bucketlist_bucket", column) for column in BUCKET_COLUMNS))
