"""Migration 0008: SQLite never gives a deleted row's id to a new one (PostgreSQL never does)."""

from __future__ import annotations

import pytest
from peewee import SqliteDatabase
from playhouse.migrations import Runner

from core import database
from core.database import MIGRATIONS, SQLITE_PRAGMAS

INDEXES = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
PLAIN_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%INTEGER NOT NULL PRIMARY KEY,%'"
    " AND name <> 'schema_migration'"
)


@pytest.fixture
def old_database(tmp_path):
    """A database migrated up to 0007 holding a user, two peeps (the second liked) and a thing."""
    sqlite = SqliteDatabase(str(tmp_path / "old.db"), pragmas=SQLITE_PRAGMAS)
    Runner(sqlite, str(MIGRATIONS)).up(target="0007_peerly")
    now = "2026-01-01 00:00:00.000000"
    sqlite.execute_sql("INSERT INTO chitter_user VALUES (1, 'kay', 'h', NULL, ?, ?)", (now, now))
    for peep_id in (1, 2, 3):
        sqlite.execute_sql("INSERT INTO chitter_peep VALUES (?, 1, 'hi', ?, ?)", (peep_id, now, now))
    sqlite.execute_sql("INSERT INTO chitter_like VALUES (1, 1, 2, ?)", (now,))
    sqlite.execute_sql("INSERT INTO things_user VALUES (1, 'kay', 'h', ?)", (now,))
    sqlite.execute_sql("INSERT INTO things_thing VALUES (1, 1, 'lamp', '{\"color\":\"red\"}', ?, ?)", (now, now))
    yield sqlite
    sqlite.close()


def test_the_migration_keeps_rows_indexes_and_foreign_keys(old_database):
    indexes_before = old_database.execute_sql(INDEXES).fetchall()
    assert old_database.execute_sql(PLAIN_TABLES).fetchall()  # the old tables reuse ids

    assert Runner(old_database, str(MIGRATIONS)).up(target="0008_autoincrement") == ["0008_autoincrement"]

    assert old_database.execute_sql(PLAIN_TABLES).fetchall() == []
    assert [row for row in old_database.execute_sql(INDEXES).fetchall() if row in indexes_before] == indexes_before
    assert old_database.execute_sql("SELECT id, body FROM chitter_peep ORDER BY id").fetchall() == [
        (1, "hi"), (2, "hi"), (3, "hi")
    ]
    assert old_database.execute_sql("SELECT attributes FROM things_thing").fetchall() == [('{"color":"red"}',)]
    # The newest peep deleted, the next one gets a new id.
    old_database.execute_sql("DELETE FROM chitter_peep WHERE id = 3")
    old_database.execute_sql("INSERT INTO chitter_peep (user_id, body, created_at, updated_at) VALUES (1, 'x', '', '')")
    assert old_database.execute_sql("SELECT max(id) FROM chitter_peep").fetchone() == (4,)
    # Foreign keys still cascade: deleting the peep takes its like.
    old_database.execute_sql("DELETE FROM chitter_peep WHERE id = 2")
    assert old_database.execute_sql("SELECT count(*) FROM chitter_like").fetchone() == (0,)
    assert old_database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_every_table_of_the_app_database_is_autoincrement(app):
    if database.is_postgres():
        pytest.skip("PostgreSQL sequences never reuse an id")
    with database.db.connection_context():
        assert database.db.execute_sql(PLAIN_TABLES).fetchall() == []
