"""The migrations are a frozen copy of the models: both make the same tables and indexes.

Index names are one namespace per database (SQLite and PostgreSQL alike), shared by all
five APIs, so they carry the table's prefix: a frozen class named User would otherwise
make `user_email`, and another API's `user_email` would be silently skipped.
"""

import importlib.util

from peewee import SqliteDatabase
from playhouse.migrate import SchemaMigrator

from core.database import MIGRATIONS
from models.peerly import MODELS

PEERLY_MIGRATIONS = ("0007_peerly.py", "0010_peerly_subscription_badges.py", "0014_kept_peerly_versions.py")


def schema(database: SqliteDatabase) -> set:
    """Every peerly table's columns (name, type, not null, default, key) and every index."""
    tables = [name for (name,) in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {
        (table, *column[1:])
        for table in tables
        if table.startswith("peerly")
        for column in database.execute_sql(f'PRAGMA table_info("{table}")')
    }
    indexes = set(
        database.execute_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'peerly%'"
        )
    )
    return columns | indexes


def migrated(database: SqliteDatabase) -> SqliteDatabase:
    for name in PEERLY_MIGRATIONS:
        spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), MIGRATIONS / name)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.up(SchemaMigrator.from_database(database), database)
    return database


def test_the_migrations_create_exactly_the_models_schema():
    from_models, from_migration = SqliteDatabase(":memory:"), migrated(SqliteDatabase(":memory:"))
    with from_models.bind_ctx(MODELS):
        from_models.create_tables(MODELS)

    assert schema(from_migration) == schema(from_models)
    indexes = [row[0] for row in schema(from_migration) if len(row) == 3]
    assert len(indexes) == 17
    assert all(name.startswith("peerly_") for name in indexes)  # index names are global: never another API's
