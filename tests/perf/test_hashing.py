"""A login waiting for the password-hash executor lends its handler-thread slot and gives
its database connection back: reads go on while every hash thread is busy."""

import os
import threading
import time

import anyio.to_thread
import pytest

from core import database, security
from tests.chitter.helpers import sign_up

SESSIONS = "/chitter/sessions"


@pytest.fixture
def one_handler_thread(client):
    """The app as if started with THREADS=1 (the limit the lifespan sets)."""

    def set_limit(tokens: int) -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = tokens

    before = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
    client.portal.call(set_limit, 1)
    yield
    client.portal.call(set_limit, before)


@pytest.fixture
def kay(client) -> str:
    sign_up(client, "Kay")
    return "Kay"


@pytest.fixture
def busy_hash_threads():
    """Every hash thread busy until the test lets them go (or 10 s pass). Waits until each
    runs: one still queued would pass for the login's hash in the test's wait."""
    done, running = threading.Event(), threading.Semaphore(0)

    def occupy() -> None:
        running.release()
        done.wait(10)

    for _ in range(security.HASH_THREADS):
        security._executor.submit(occupy)
    for _ in range(security.HASH_THREADS):
        assert running.acquire(timeout=10)
    yield done
    done.set()


def test_reads_go_on_while_a_login_waits_for_a_hash(client, kay, one_handler_thread, busy_hash_threads):
    answers = []
    body = {"session": {"handle": kay, "password": "mypassword"}}
    login = threading.Thread(target=lambda: answers.append(client.post(SESSIONS, json=body)))
    login.start()
    while security._executor._work_queue.qsize() == 0:  # until the login's hash is queued
        time.sleep(0.01)

    started = time.monotonic()
    peeps = client.get("/chitter/peeps")
    waited = time.monotonic() - started
    connections_in_use = len(database.db.obj._in_use)
    busy_hash_threads.set()
    login.join(timeout=10)

    assert peeps.status_code == 200
    assert waited < 5  # not behind the login, which holds the only slot until the hashes end
    assert connections_in_use == 0  # the waiting login gave its connection back
    assert answers[0].status_code == 201


def test_hashes_run_at_the_lowest_cpu_priority(client, kay):
    """Argon2 (and the lane threads it starts, which inherit the value) yields the cores to reads."""
    handler_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    hashing_niceness = security._executor.submit(
        lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).result(timeout=10)
    login = client.post(SESSIONS, json={"session": {"handle": kay, "password": "mypassword"}})

    assert login.status_code == 201
    assert hashing_niceness == security.HASH_NICENESS > handler_niceness
