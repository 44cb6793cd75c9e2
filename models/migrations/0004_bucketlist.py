"""Bucket list: users, buckets, items."""
from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, Model, TextField


def up(migrator, db):
    class User(Model):
        id = AutoField()
        email = CharField(unique=True, max_length=254)
        password_hash = CharField(max_length=255)
        created_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "bucketlist_user"

    class Bucket(Model):
        id = AutoField()
        user = ForeignKeyField(User, on_delete="CASCADE", index=False)
        name = CharField(max_length=255)
        created_at = DateTimeField()
        modified_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "bucketlist_bucket"
            indexes = ((("user", "id"), False),)

    class Item(Model):
        id = AutoField()
        bucket = ForeignKeyField(Bucket, on_delete="CASCADE", index=False)
        name = CharField(max_length=255)
        description = TextField(null=True)
        created_at = DateTimeField()
        modified_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "bucketlist_item"
            indexes = ((("bucket", "created_at", "id"), False),)

    db.create_tables([User, Bucket, Item])


def down(migrator, db):
    for table in ("bucketlist_item", "bucketlist_bucket", "bucketlist_user"):
        migrator.migrate(migrator.drop_table(table))
