"""Peerly: the original's subscription fields on organisations, and its badges.

- subscription_status and subscription_valid_upto (integer epoch seconds, as the original
  stores it), optional: organisations made before this migration, or without them, have
  none (null).
- peerly_badge: an organisation's badges. On SQLite its ids are AUTOINCREMENT, so a
  deleted badge's id is never given to another.
"""

from peewee import AutoField, BigIntegerField, CharField, Check, ForeignKeyField, IntegerField, Model, SqliteDatabase
from playhouse.sqlite_ext import AutoIncrementField

COLUMNS = {
    "subscription_status": IntegerField(null=True),
    "subscription_valid_upto": BigIntegerField(null=True),
}


def up(migrator, db):
    migrator.migrate(*(migrator.add_column("peerly_organisation", name, field) for name, field in COLUMNS.items()))

    class Organisation(Model):
        class Meta:
            database = db
            table_name = "peerly_organisation"

    class Badge(Model):
        id = AutoIncrementField() if isinstance(db, SqliteDatabase) else AutoField()
        org = ForeignKeyField(Organisation, index=False)
        name = CharField(max_length=45)
        hi5_count_required = IntegerField(constraints=[Check("hi5_count_required >= 0")])
        hi5_frequency = CharField(max_length=45)

        class Meta:
            database = db
            legacy_table_names = False
            table_name = "peerly_badge"
            indexes = ((("org", "id"), False),)

    db.create_tables([Badge])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("peerly_badge"))
    migrator.migrate(*(migrator.drop_column("peerly_organisation", name) for name in COLUMNS))
