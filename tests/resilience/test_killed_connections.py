"""PostgreSQL backends killed under live traffic (`pg_terminate_backend`, as a failover or a
restart does): every answer is a success or the documented 503, no acknowledged write is
lost, none is doubled, and the server recovers by itself."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit

import httpx
import psycopg2
import pytest

from core import database
from models.chitter import Peep
from tests.chitter.helpers import member

STORM_SECONDS = 3
CLIENTS = 4
KILL_EVERY = 0.05  # seconds


def _killer(url: str, stop: threading.Event, kills: list[int]) -> None:
    """Terminates every other backend of our test database until told to stop."""
    parts = urlsplit(url)
    connection = psycopg2.connect(
        dbname=parts.path.lstrip("/"), host=parts.hostname, port=parts.port, user=parts.username
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            while not stop.wait(KILL_EVERY):
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                kills.append(cursor.fetchone()[0])
    finally:
        connection.close()


def _traffic(base: str, auth: dict, user_id: int, worker: int, stop: threading.Event, answers: list) -> None:
    with httpx.Client(base_url=base, timeout=10) as http:
        sequence = 0
        while not stop.is_set():
            sequence += 1
            body = f"peep {worker}-{sequence}"
            response = http.post("/chitter/peeps", json={"peep": {"user_id": user_id, "body": body}}, headers=auth)
            answers.append(("POST", response.status_code, body if response.status_code == 201 else None))
            response = http.get("/chitter/peeps")
            answers.append(("GET", response.status_code, None))


def test_killed_backends_give_503s_only_and_lose_no_write(client, config, live_server):
    if not database.is_postgres():
        pytest.skip("pg_terminate_backend needs PostgreSQL (TEST_DATABASE_URL)")
    kay = member(client, "kay")
    stop, kills, answers = threading.Event(), [], []
    threads = [threading.Thread(target=_killer, args=(config.database_url, stop, kills))] + [
        threading.Thread(target=_traffic, args=(live_server, kay.auth, kay.id, worker, stop, answers))
        for worker in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(STORM_SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted({status for _, status, _ in answers})
    print(f"\n{len(answers)} requests, {sum(kills)} backends killed, statuses {statuses}")
    assert sum(kills) > 0
    assert set(statuses) <= {200, 201, 503}
    # Recovery without a restart: the pool dropped the dead connections.
    assert client.get("/chitter/peeps").status_code == 200
    acknowledged = [body for method, _, body in answers if body is not None]
    sent = sum(1 for method, _, _ in answers if method == "POST")
    with database.db.connection_context():
        stored = [peep.body for peep in Peep.select(Peep.body)]
    assert set(acknowledged) <= set(stored)  # none lost
    assert len(stored) == len(set(stored)) <= sent  # none doubled
