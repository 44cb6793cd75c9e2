"""What every floor shares: its own database pool, statements in the driver's placeholder
style, timestamps from the driver's value, the request's origin for links, JWTs, and
the one error answer (`Refused`).

The floors answer only what the bench asks for, and only successful requests exactly as
ours: their refusals (a bad token, a missing header) are plain JSON with the right status,
not each API's error shape.
"""

from __future__ import annotations

import contextlib
import functools
import os
from datetime import UTC, datetime

import anyio
import jwt
import orjson
from starlette.requests import Request
from starlette.responses import Response

from core.database import open_database

_db = None


def open_once() -> None:
    """The floor's own pool on DATABASE_URL (SQLite with our pragmas, or PostgreSQL), as ours has."""
    global _db
    if _db is None:
        _db = open_database(os.environ["DATABASE_URL"])


@contextlib.contextmanager
def connection():
    """A pooled connection for one request's statements."""
    with _db.connection_context():
        yield


@functools.lru_cache(maxsize=256)
def _native(sql: str) -> str:
    return sql.replace("?", _db.param) if _db.param != "?" else sql  # psycopg2 takes %s


def rows(sql: str, *params) -> list[tuple]:
    """The statement's rows as the driver returns them (no conversion)."""
    return _db.execute_sql(_native(sql), params).fetchall()


def marks(count: int) -> str:
    """`?, ?, ?` for an IN list of `count` values."""
    return ", ".join("?" * count)


class Refused(Exception):
    """A request a floor will not answer: its status, with a one-line JSON message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


async def refused(_request, error: Refused) -> Response:
    return Response(orjson.dumps({"message": error.message}), status_code=error.status, media_type="application/json")


def answer(body, headers: dict | None = None) -> Response:
    return Response(orjson.dumps(body), media_type="application/json", headers=headers)


@contextlib.asynccontextmanager
async def lifespan(_app):
    """As many handler threads as ours (THREADS)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = int(os.environ["THREADS"])
    yield


# --- timestamps: naive UTC, text from SQLite, datetime from PostgreSQL ---------------------


def stamp(value) -> str | None:
    """`YYYY-MM-DD HH:MM:SS.ffffff`, as our timestamps are stored: SQLite's text as it is."""
    if value is None or (isinstance(value, str) and len(value) == 26):
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def epoch(value) -> int | None:
    """Whole seconds since 1970 (UTC), truncated."""
    text = stamp(value)
    return None if text is None else int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


# --- links, tokens -------------------------------------------------------------------------


def origin(request: Request) -> str:
    """Where the client reached us, the way core.urls decides it: PUBLIC_BASE_URL, or the
    socket's address (never the Host header)."""
    configured = os.environ.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    scope = request.scope
    scheme = scope.get("scheme", "http")
    host, port = scope.get("server") or ("localhost", None)
    netloc = host if port in (None, {"http": 80, "https": 443}.get(scheme)) else f"{host}:{port}"
    return f"{scheme}://{netloc}{scope.get('root_path', '').rstrip('/')}"


@functools.cache
def signing_key() -> str:
    """SECRET_KEY, or the key ours generated and keeps in the database."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    with connection():
        return rows("SELECT value FROM service_setting WHERE name = ?", "secret_key")[0][0]


def claims(token: str, **verify) -> dict:
    """A JWT's claims, checked as ours checks them (HS256, times, required claims)."""
    try:
        return jwt.decode(token, signing_key(), algorithms=["HS256"],
                          options={"require": ["exp", "iat", "nbf", "jti", "sub"]}, **verify)
    except jwt.InvalidTokenError:
        raise Refused(401, "invalid token") from None


REVOKED = "EXISTS(SELECT 1 FROM service_revoked_token WHERE jti = ?)"
