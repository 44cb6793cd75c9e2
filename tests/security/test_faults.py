"""Storage faults on SQLite: a file that cannot be written, a disk that is full.

Each must be a clean 503 in the API's shape (or a refusal to start), `/health` must say
so, and the server must answer writes again once the fault is gone, without a restart.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core import database
from tests.chitter.helpers import member

ROOT = Path(__file__).resolve().parents[2]
on_sqlite = pytest.mark.skipif(
    os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"), reason="SQLite's own faults"
)


@contextlib.contextmanager
def read_only(path: Path):
    """`path` unwritable, even by root (whose writes a file mode does not stop)."""
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("root cannot make a file read-only here (chattr +i refused)")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)


@contextlib.contextmanager
def fresh_connections(**pragmas):
    """New pool connections, opened with `pragmas` on top of the usual ones, while the block runs."""
    pool = database.db.obj
    saved = list(pool._pragmas)
    pool._pragmas = [*saved, *pragmas.items()]
    pool.close_idle()
    try:
        yield
    finally:
        pool._pragmas = saved
        pool.close_idle()


def test_the_server_refuses_to_start_on_a_sqlite_file_it_cannot_write(tmp_path):
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = wal")
        connection.execute("CREATE TABLE kept (x)")
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "k" * 32}
    with read_only(path):
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "serve"), "--port", "0", "--workers", "1"],
            capture_output=True, text=True, timeout=60, env=environment,
        )

    assert result.returncode == 2  # a start error: one line, as every setting's (commands/cli.py)
    assert result.stderr.strip().splitlines() == [
        f"reference-apis serve: DATABASE_URL='sqlite:///{path}': the database cannot be written"
        " (attempt to write a readonly database)"
    ]


@on_sqlite
def test_a_file_turned_read_only_is_a_503_in_each_apis_shape_and_on_health(client, config):
    kay = member(client, "kay")
    path = Path(config.database_url.removeprefix("sqlite:///"))
    with read_only(path), fresh_connections():
        health = client.get("/health")
        sign_up = client.post("/chitter/users", json={"user": {"handle": "dog", "password": "mypassword"}})
        other = client.post("/things/users", json={"username": "dog", "password": "correct horse"})
        reads = client.get("/chitter/peeps")

    assert (health.status_code, health.json()) == (
        503,
        {"status": "unavailable", "database": "read-only", "pending_migrations": 0},
    )
    assert (sign_up.status_code, sign_up.json()) == (503, {"status": 503, "error": "Service Unavailable"})
    assert sign_up.headers["retry-after"] == "5"
    assert other.status_code == 503
    assert other.json() == {"code": 503, "message": "The database cannot take writes right now"}
    assert reads.status_code == 200  # reads still answer
    assert client.get("/health").status_code == 200
    again = client.post("/chitter/peeps", json={"peep": {"user_id": kay.id, "body": "back"}}, headers=kay.auth)
    assert again.status_code == 201


@on_sqlite
def test_a_full_disk_is_a_503_and_writes_resume_once_there_is_room(client):
    kay = member(client, "kay")
    acknowledged, refused = [], None
    with fresh_connections(max_page_count=1):  # no page beyond those the file has now
        for n in range(500):
            response = client.post(
                "/chitter/peeps", json={"peep": {"user_id": kay.id, "body": f"{n} " + "x" * 270}}, headers=kay.auth
            )
            if response.status_code != 201:
                refused = response
                break
            acknowledged.append(response.json()["id"])

    assert refused is not None, "the database never filled up"
    assert (refused.status_code, refused.json()) == (503, {"status": 503, "error": "Service Unavailable"})
    peeps = {peep["id"] for peep in client.get("/chitter/peeps").json()}
    assert set(acknowledged[-50:]) <= peeps  # every acknowledged write kept (the list shows the last 50)
    again = client.post("/chitter/peeps", json={"peep": {"user_id": kay.id, "body": "room again"}}, headers=kay.auth)
    assert again.status_code == 201
