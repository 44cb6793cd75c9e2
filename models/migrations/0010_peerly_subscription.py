"""Peerly: organisations keep the original's subscription_status and subscription_valid_upto
(integer epoch seconds, as the original stores it). Both optional here: organisations made
before this migration, or without them, have none (null)."""

from peewee import BigIntegerField, IntegerField

COLUMNS = {
    "subscription_status": IntegerField(null=True),
    "subscription_valid_upto": BigIntegerField(null=True),
}


def up(migrator, db):
    migrator.migrate(*(migrator.add_column("peerly_organisation", name, field) for name, field in COLUMNS.items()))


def down(migrator, db):
    migrator.migrate(*(migrator.drop_column("peerly_organisation", name) for name in COLUMNS))
