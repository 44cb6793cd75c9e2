"""The one database of all five APIs: opened from a URL, migrated, and used per handler.

`db` is a proxy to the database of the app answering the request (core.context), so
models and handlers import one name while each app has its own pool.

Peewee keeps connection state per thread and Connexion runs sync handlers in a thread
pool, so the connection is taken from the pool and returned around each handler, in the
handler's own thread (`in_connection`, applied once by the resolver). Writes that span
several statements run in `db.atomic()`.

A connection that dies (failover, restart, a killed backend) is dropped from the pool and
the request gets `DatabaseUnavailable` (503 in its API's shape); it is tried again once on
a fresh connection when that cannot repeat a write: a read (GET, HEAD), or nothing written
yet. A serialization failure or deadlock (PostgreSQL rolled the transaction back) is tried
again a few times unless a write already committed. We run READ COMMITTED, PostgreSQL's
default (invariants are kept by constraints and row locks); under SERIALIZABLE the same
retries make it correct too.
"""

from __future__ import annotations

import contextlib
import functools
import random
import threading
import time
import weakref
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
from peewee import ColumnBase, Database, DatabaseProxy, InterfaceError, InternalError, OperationalError
from playhouse.migrations import Runner
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase
from starlette.concurrency import run_in_threadpool

from core import context
from core.config import ConfigError
from core.errors import DatabaseUnavailable


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


# SQLSTATEs of a connection lost or refused (class 08; admin/crash shutdown, starting up)
# and of a node that turned read-only under us (a demoted primary): the next connection may work.
LOST_STATES = ("08", "57P01", "57P02", "57P03", "25006")
# The transaction was rolled back and may simply be run again.
CONFLICT_STATES = ("40001", "40P01")  # serialization_failure, deadlock_detected
CONFLICT_ATTEMPTS = 3
# Peewee's errors, and the driver's where they escape its wrapper (rows fetched after a query).
# InternalError: psycopg2's class of 25006, a node still read-only just after its promotion.
FAILURES = (
    OperationalError, InterfaceError, InternalError,
    psycopg2.OperationalError, psycopg2.InterfaceError, psycopg2.InternalError,
)
RETRY_PAUSE = 0.05  # seconds, times the attempt, with jitter: racing retries drift apart


class _Unit(threading.local):
    """What the current unit of work (a handler, a security lookup) sent, per thread."""

    wrote = False  # a write was sent: it may have happened
    committed = False  # a write surely happened: running again would repeat it


_unit = _Unit()


class _Tracked:
    """Notes in `_unit` which writes were sent and committed (BEGIN/COMMIT bypass execute_sql)."""

    def execute_sql(self, sql, params=None):
        write = not sql.lstrip()[:6].upper().startswith("SELECT")
        _unit.wrote = _unit.wrote or write
        cursor = super().execute_sql(sql, params)
        if write and not self.in_transaction():
            _unit.committed = True
        return cursor

    def commit(self):
        super().commit()
        _unit.committed = _unit.committed or _unit.wrote


class _PostgresqlDatabase(_Tracked, PooledPostgresqlDatabase):
    pass


class _SqliteDatabase(_Tracked, PooledSqliteDatabase):
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
        return _PostgresqlDatabase(
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


def in_connection(handler, *, idempotent: bool = False):
    """Runs `handler` with a pooled connection, retried as the module says; `idempotent`
    (a GET) allows one retry on a lost connection even after a write was sent."""

    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        attempt = 0
        while True:
            attempt += 1
            _unit.wrote = _unit.committed = False
            try:
                return _in_one_connection(handler, args, kwargs)
            except FAILURES as error:
                kind = _failure(error)
                if kind is None:
                    raise
                retry = (
                    attempt == 1 and (idempotent or not _unit.wrote)
                    if kind == "lost"
                    else attempt < CONFLICT_ATTEMPTS and not _unit.committed
                )
                if not retry:
                    raise DatabaseUnavailable() from error
                time.sleep(RETRY_PAUSE * attempt * random.random())

    return wrapper


def _in_one_connection(handler, args, kwargs):
    if not db.is_closed():  # left open by a unit that failed on this thread: not reusable
        db.manual_close()
    try:
        db.connect()
    except FAILURES as error:
        raise _Refused(*error.args) from error
    try:
        return handler(*args, **kwargs)
    except FAILURES as error:
        if _failure(error) == "lost":
            db.manual_close()  # never back into the pool: the next checkout opens a new one
        raise
    finally:
        db.close()


class _Refused(OperationalError):
    """The connection could not even be opened."""


def _failure(error: Exception) -> str | None:
    """"lost" (the connection is gone or useless), "conflict" (run the transaction again) or None."""
    if isinstance(error, (_Refused, InterfaceError, psycopg2.InterfaceError)):
        return "lost"
    cause = getattr(error, "orig", error if isinstance(error, psycopg2.Error) else None)  # the driver's
    state = getattr(cause, "pgcode", None)
    if state is None:
        # psycopg2 gives no SQLSTATE when the server closed the connection under it.
        lost = is_postgres() and isinstance(cause, psycopg2.OperationalError)
        return "lost" if lost else None
    if state.startswith(LOST_STATES):
        return "lost"
    return "conflict" if state in CONFLICT_STATES else None


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


_VALUE = -1  # the shape of an argument bound as one parameter (a list's is its length)


class _Bound:
    """Where a prebuilt statement's parameter comes from: argument `index` (item `item` of a list)."""

    __slots__ = ("index", "item")

    def __init__(self, index: int, item: int | None):
        self.index, self.item = index, item

    def value(self, args):
        return args[self.index] if self.item is None else args[self.index][self.item]


class _Slot(ColumnBase):
    """An argument of a prebuilt statement in the query that builds it: one parameter, or
    `(?, ?, ...)` for a list (an IN list of that length)."""

    def __init__(self, index: int, size: int):
        super().__init__()
        self.index, self.size = index, size

    def __sql__(self, ctx):
        if self.size == _VALUE:
            return ctx.value(_Bound(self.index, None), False)  # False: no converter, bound as given
        ctx.literal("(")
        for item in range(self.size):
            ctx.literal(", " if item else "").value(_Bound(self.index, item), False)
        return ctx.literal(")")


def _shape(arg) -> int | None:
    return None if arg is None else len(arg) if type(arg) is list else _VALUE


def _compile(build, shape: tuple) -> tuple[str, list]:
    if 0 in shape:  # `IN ()`: PostgreSQL refuses it, and the answer is known without asking
        raise ValueError("prebuilt: an empty list matches nothing; answer without running the statement")
    slots = [None if size is None else _Slot(index, size) for index, size in enumerate(shape)]
    return build(*slots).sql()


def prebuilt(build):
    """A query compiled once per database and shape, run with the driver:
    `rows = prebuilt(lambda viewer, ids: query)(viewer_id, [1, 2])`.

    For hot lists and details: Peewee builds the same SQL on every request otherwise (11-24%
    of their CPU). `build` gets a placeholder per argument: one parameter, or for a list an
    IN list `(?, ?, ...)`, compiled once per length (keep the lengths few: pad them; an
    empty list is refused). None is part of the statement, not a value: `build` gets None
    itself, to leave out an optional condition (one more compilation). Arguments are bound
    as given, without the fields' conversion: pass what the driver takes (ints, text). Rows
    come as the driver returns them (`fetch`).
    """
    compiled = weakref.WeakKeyDictionary()

    def rows(*args) -> list[tuple]:
        database = db.obj
        shapes = compiled.get(database)
        if shapes is None:
            shapes = compiled[database] = {}
        shape = tuple(map(_shape, args))
        statement = shapes.get(shape)
        if statement is None:
            statement = shapes[shape] = _compile(build, shape)
        sql, template = statement
        params = [param.value(args) if type(param) is _Bound else param for param in template]
        return database.execute_sql(sql, params).fetchall()

    return rows


async def run_in_connection(function, *args):
    """Database work from the event loop (security functions run there): in a worker thread."""
    return await run_in_threadpool(_connected(function), *args)


# The same few functions (each API's credential check) on every authenticated request:
# wrapped once each, not per call.
_connected = functools.lru_cache(maxsize=256)(in_connection)


def is_postgres() -> bool:
    return isinstance(context.current().database, PooledPostgresqlDatabase)
