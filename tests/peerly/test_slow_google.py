"""A slow or absent Google delays only the logins waiting for it (issue 16, item 3).

The login awaits Google on the event loop, holding no handler thread, so with more logins
waiting than the app has threads, an unrelated request still answers at once; Google
slower than 5 s is a 502 in Peerly's shape within the timeout, and logins recover as soon
as Google does, without a restart. Over real HTTP (uvicorn on loopback), bounded in time.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from core.config import active
from tests.peerly.helpers import URL, error

GOOGLE_WAIT = 4.0  # long enough that a request queued behind the logins would show it (under 5 s: a 502)


def log_in(base: str, token: str) -> httpx.Response:
    return httpx.post(f"{base}{URL}/oauth/google", json={"access_token": token}, timeout=15)


def wait_for_requests(google, count: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while len(google.requests) < count and time.monotonic() < deadline:
        time.sleep(0.02)


def test_logins_waiting_for_google_leave_other_requests_fast(live_server, google, acme):
    logins = 2 * active().handler_threads  # more than there are handler threads
    google.knows("slow", "kay@acme.test")
    google.fails("slow", 200, wait=GOOGLE_WAIT)

    with ThreadPoolExecutor(logins) as pool:
        started = time.monotonic()
        waiting = [pool.submit(log_in, live_server, "slow") for _ in range(logins)]
        wait_for_requests(google, logins, GOOGLE_WAIT / 2)
        before = time.monotonic()
        unrelated = httpx.get(f"{live_server}/chitter/peeps", timeout=15)
        unrelated_seconds = time.monotonic() - before
        # Queued behind the logins it would wait at least for the rest of Google's answer;
        # the margin below that is for a loaded machine (1.8 s seen with a load of 16 on 2 cores).
        queued_at_least = GOOGLE_WAIT - (before - started)
        statuses = [future.result().status_code for future in waiting]
        all_seconds = time.monotonic() - started

    assert unrelated.status_code == 200
    assert unrelated_seconds < 0.75 * queued_at_least, f"GET /chitter/peeps took {unrelated_seconds:.2f}s"
    assert len(google.requests) == logins  # all asked Google at once: none queued for a thread
    assert statuses == [200] * logins
    assert all_seconds < 2 * GOOGLE_WAIT  # together, not one batch of threads after another


def test_google_too_slow_is_a_502_within_the_timeout_then_logins_recover(live_server, google, acme):
    google.knows("slow", "kay@acme.test")
    google.fails("slow", 200, wait=6.0)

    with ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        waiting = [pool.submit(log_in, live_server, "slow") for _ in range(4)]
        responses = [future.result() for future in waiting]
        seconds = time.monotonic() - started
    google.knows("fast", "kay@acme.test")

    assert [response.status_code for response in responses] == [502] * 4
    assert responses[0].json() == error("google-unavailable", "Google could not be reached to check the token")
    assert 5.0 <= seconds < 5.9  # the 5 s timeout in all, not one per request
    assert log_in(live_server, "fast").status_code == 200
