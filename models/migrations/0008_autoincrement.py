"""SQLite never reuses an id: every integer primary key becomes AUTOINCREMENT.

Without it SQLite gives a new row max(id) + 1, so deleting the newest peep, bucket or thing
hands its id (and every URL a client stored with it) to the next one created. PostgreSQL's
sequences never go back, so this is a no-op there.

SQLite cannot alter a column, so each table is rebuilt the way its documentation says
(https://www.sqlite.org/lang_altertable.html#otheralter): create the new table, copy the
rows, drop the old one, rename the new one, recreate its indexes. The runner turns foreign
keys off around the migration (so the drop cascades nothing) and runs it in one
transaction; the foreign keys are checked before it commits. sqlite_sequence starts at each
table's largest id, so an id deleted before this migration ran may still be given once more.
"""

import re

from peewee import SqliteDatabase

PLAIN_KEY = re.compile(r"INTEGER NOT NULL PRIMARY KEY(?! AUTOINCREMENT)", re.IGNORECASE)
RUNNER_TABLES = ("schema_migration",)


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    tables = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for table, sql in tables.fetchall():
        if table not in RUNNER_TABLES and PLAIN_KEY.search(sql):
            rebuild(db, table, sql)
    violations = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    if violations:
        raise RuntimeError(f"foreign keys broken by the rebuild: {violations[:5]}")


def rebuild(db, table: str, sql: str) -> None:
    indexes = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    new = f"{table}__rebuilt"
    create = PLAIN_KEY.sub("INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", sql, count=1)
    create = re.sub(rf'^(CREATE TABLE (?:IF NOT EXISTS )?)"?{re.escape(table)}"?', rf'\1"{new}"', create, count=1)
    db.execute_sql(create)
    db.execute_sql(f'INSERT INTO "{new}" SELECT * FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for (index_sql,) in indexes:
        db.execute_sql(index_sql)


def down(migrator, db):
    pass  # AUTOINCREMENT only stops reuse: keeping it is harmless
