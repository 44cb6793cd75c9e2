"""The migration is a frozen copy of the models: both make the same tables and indexes.

Index names are one namespace per database (SQLite and PostgreSQL alike), shared by all
five APIs, so they carry the table's prefix: a frozen class named User would otherwise
make `user_email`, and another API's `user_email` would be silently skipped.
"""

import importlib.util

from peewee import SqliteDatabase

from core.database import MIGRATIONS
from models.peerly import MODELS


def schema(database: SqliteDatabase) -> set:
    return set(
        database.execute_sql("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name LIKE 'peerly%'")
    )


def test_the_migration_creates_exactly_the_models_schema():
    from_models, from_migration = SqliteDatabase(":memory:"), SqliteDatabase(":memory:")
    with from_models.bind_ctx(MODELS):
        from_models.create_tables(MODELS)
    spec = importlib.util.spec_from_file_location("peerly_migration", MIGRATIONS / "0007_peerly.py")
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)

    migration.up(None, from_migration)

    assert schema(from_migration) == schema(from_models)
    indexes = [name for kind, name, _, _ in schema(from_migration) if kind == "index"]
    assert len(indexes) == 16
    assert all(name.startswith("peerly_") for name in indexes)  # index names are global: never another API's
