"""Whether the database can be written, asked before it matters.

A SQLite file the server may read but not write (a read-only file, directory or mount)
answers reads and refuses every write, and a full disk refuses writes only while it is
full. Neither is a bug of the request: the server refuses to start on the first
(`require_writable`), `/health` reports both, and a write that meets either at run time
is a 503 in the API's shape (`unavailable`), which clears by itself once space is freed.
"""

from __future__ import annotations

import sqlite3

from peewee import Database, PostgresqlDatabase

from core.config import ConfigError
from core.errors import DatabaseUnavailable

# SQLite's primary result codes meaning "the storage cannot take this write now".
UNWRITABLE = ("SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_BUSY")


def probe(db: Database) -> None:
    """Raises the driver's error if a write transaction cannot be opened (SQLite only:
    PostgreSQL refuses writes per statement and reports them itself)."""
    if isinstance(db, PostgresqlDatabase):
        return
    with db.connection_context():
        # A write rolled back: opening a write transaction alone succeeds on a read-only file.
        db.execute_sql("BEGIN IMMEDIATE")
        try:
            version = db.execute_sql("PRAGMA user_version").fetchone()[0]
            db.execute_sql(f"PRAGMA user_version = {int(version)}")
        finally:
            db.execute_sql("ROLLBACK")


def require_writable(db: Database, url: str) -> None:
    """Fail at start, naming the file, if the database cannot be written."""
    try:
        probe(db)
    except Exception as error:  # noqa: BLE001 (any driver error means the same here)
        raise ConfigError(f"DATABASE_URL={url!r}: the database cannot be written ({error})") from None


def unavailable(error: BaseException) -> DatabaseUnavailable | None:
    """The 503 for a SQLite error that says the storage (not the request) is at fault."""
    # Peewee re-raises the driver's error as its own, carrying the original as args[0].
    candidates = [error, error.__cause__, error.__context__, *getattr(error, "args", ())]
    names = [c.sqlite_errorname for c in candidates if isinstance(c, sqlite3.Error)]
    if any(name.startswith(UNWRITABLE) for name in names):
        return DatabaseUnavailable("The database cannot take writes right now", retry_after=5)
    return None
