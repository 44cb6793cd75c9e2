"""The one database of all five APIs: opened from a URL, migrated, and used per handler.

`db` is a proxy to the database of the app answering the request (core.context), so
models and handlers import one name while each app has its own pool.

Peewee keeps connection state per thread and Connexion runs sync handlers in a thread
pool, so the connection is taken from the pool and returned around each handler, in the
handler's own thread (`in_connection`, applied once by the resolver). Writes that span
several statements run in `db.atomic()`.
"""

from __future__ import annotations

import contextlib
import functools
import weakref
from pathlib import Path
from urllib.parse import urlsplit

from peewee import Database, DatabaseProxy
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase
from starlette.concurrency import run_in_threadpool

from core import context
from core.config import ConfigError


class _AppDatabase(DatabaseProxy):
    """A proxy whose target is the current app's database, chosen per request."""

    @property
    def obj(self):
        return context.current().database

    @obj.setter
    def obj(self, _value):
        pass  # set once by Proxy.__init__; the target is always the context's


db = _AppDatabase()

MIGRATIONS = Path(__file__).resolve().parent.parent / "models" / "migrations"
POOL = {"max_connections": 64, "stale_timeout": 300, "timeout": 10}
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


class _SqliteDatabase(PooledSqliteDatabase):
    def begin(self, lock_type=None):
        # Take the write lock up front: a deferred transaction that reads and then writes
        # fails at once (SQLITE_BUSY) when another writer committed in between.
        super().begin(lock_type or "IMMEDIATE")


def open_database(url: str) -> Database:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = Path(parts.path[1:] if parts.netloc == "" else parts.netloc + parts.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return _SqliteDatabase(
            str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False, **POOL
        )
    if parts.scheme in ("postgres", "postgresql"):
        return PooledPostgresqlDatabase(
            parts.path.lstrip("/"),
            host=parts.hostname,
            port=parts.port,
            user=parts.username,
            password=parts.password,
            **POOL,
        )
    raise ConfigError(f"DATABASE_URL={url!r}: expected sqlite:///PATH or postgresql://...")


def migrate(database: Database) -> list[str]:
    """Apply pending migrations in order; returns the names applied."""
    with database.connection_context():
        return Runner(database, str(MIGRATIONS)).up()


def pending_migrations(database: Database) -> list[str]:
    """The migrations not applied yet (all of them on an empty database)."""
    with database.connection_context():
        return [m.name for m in Runner(database, str(MIGRATIONS)).status() if not m.applied]


def opens_its_own_connection(handler):
    """Marks a handler that `in_connection` must not wrap: one that answers even when no
    connection can be opened (the health check)."""
    handler.opens_its_own_connection = True
    return handler


def in_connection(handler):
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        with db.connection_context():
            return handler(*args, **kwargs)

    return wrapper


def fetch(query) -> list[tuple]:
    """A query's rows as the driver returns them, without Peewee's per-column conversion.

    For lists, where building rows is most of the cost: convert only what needs it
    (timestamps: models.base.as_utc).
    """
    return db.execute(query).fetchall()


@contextlib.contextmanager
def connection_released():
    """This thread's connection back in the pool for a long wait (a password hash), and a
    connection again after it. Inside a transaction, nothing changes.

    The enclosing `connection_context`s stay as they were (Peewee's `close()` and
    `connect()` forget them, hence the save and restore).
    """
    if db.obj is None or db.is_closed() or db.in_transaction():
        yield
        return
    contexts = db._state.ctx
    db.close()
    try:
        yield
    finally:
        db.connect()
        db._state.ctx = contexts


def prebuilt(build):
    """A query compiled once per database, run with the driver: `rows = prebuilt(lambda: query)()`.

    For hot lists whose SQL never changes: Peewee builds the same SQL on every request
    otherwise (11-24% of their CPU). Rows come as the driver returns them (`fetch`).
    """
    compiled = weakref.WeakKeyDictionary()

    def rows() -> list[tuple]:
        database = db.obj
        sql = compiled.get(database)
        if sql is None:
            sql = compiled[database] = build().sql()
        return database.execute_sql(*sql).fetchall()

    return rows


async def run_in_connection(function, *args):
    """Database work from the event loop (security functions run there): in a worker thread."""
    return await run_in_threadpool(in_connection(function), *args)


def is_postgres() -> bool:
    return isinstance(context.current().database, PooledPostgresqlDatabase)
