"""Fixtures for tests/ and contract_tests/: one app per session, on SQLite (a temporary
file) or on TEST_DATABASE_URL, with responses validated against the specs."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest
import uvicorn

from app import create_app, migrate
from core import database, pagination, ratelimit
from core.config import Config, activate
from core.context import use

KEPT_TABLES = {"schema_migration", "service_setting"}
TEST_SECRET = "test-secret-key-of-at-least-32-bytes"
UNTHROTTLED = "1000000/second"

pytest_plugins = ["testing.spec_coverage"]


@pytest.fixture(scope="session")
def config(tmp_path_factory) -> Config:
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return Config(
        database_url=url,
        password_hash_profile="fast",
        validate_responses=True,
        secret_key=TEST_SECRET,
        # Tests log in far more often than people: tests/security sets its own limits.
        rate_limit_address=UNTHROTTLED,
        rate_limit_account=UNTHROTTLED,
    )


@pytest.fixture(scope="session")
def app(config, record_responses):
    migrate(config)
    application = create_app(config)
    use(application.context)  # tests reach the models directly, outside requests
    record_responses(application)
    return application


@pytest.fixture(scope="session")
def client(app):
    with app.test_client(follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def live_server(app) -> str:
    """The same app behind a real uvicorn server on a free loopback port; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    host, port = sock.getsockname()
    yield f"http://{host}:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def fresh_state(app, config):
    """Empty tables and the settings the app was created with (autouse in tests/; contract
    tests that need it ask for it, as their Schemathesis modules build up state on purpose)."""
    use(app.context)  # a test may have built (and entered) another app
    activate(config)
    ratelimit.reset()
    empty_all_tables()
    pagination.forget()  # ids and versions start again in the emptied tables


def empty_all_tables() -> None:
    db = database.db
    with db.connection_context():
        tables = [t for t in db.get_tables() if t not in KEPT_TABLES]
        if not tables:
            return
        if database.is_postgres():
            db.execute_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            return
        with db.atomic():
            db.execute_sql("PRAGMA defer_foreign_keys = ON")
            for table in tables:
                db.execute_sql(f'DELETE FROM "{table}"')
