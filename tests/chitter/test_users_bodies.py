"""GET /users, for users paged at several offsets and limits, walked again (from remembered
keys) and after sign-ups (stale keys), equal to the bodies recorded in
tests/chitter/users_bodies.json (made by the code before the list ran on prebuilt
statements, issue 13): rewriting how rows are read must not change one byte a client sees.

Regenerate (only for a deliberate change of the answers): CHITTER_BODIES_WRITE=1
scripts/test tests/chitter/test_users_bodies.py, then review the diff.
"""

from __future__ import annotations

from pathlib import Path

from models.chitter import Tally, User
from tests.golden import assert_as_recorded

GOLDEN = Path(__file__).with_name("users_bodies.json")
HANDLES = ["kay", "Dog", "émile", "a_b", "50%", "x" * 27, "quote\"d", "back\\slash"]


def _sign_up(first: int, last: int) -> None:
    """Users with ids first..last, counted in the tally as sign-ups are."""
    User.insert_many([{"id": n, "handle": f"{HANDLES[n % len(HANDLES)]}{n}", "password_hash": "x"}
                      for n in range(first, last + 1)]).execute()
    for _ in range(first, last + 1):
        Tally.bump("users")


def _walk(client, answers: dict, label: str) -> None:
    for limit in (1, 7, 100, None):
        for offset in (*range(0, 60, limit or 25), 200):
            query = f"offset={offset}" + (f"&limit={limit}" if limit else "")
            response = client.get(f"/chitter/users?{query}")
            answers[f"{label} {query}"] = [response.status_code, response.text]


def test_users_pages_answer_the_recorded_bodies(client):
    answers = {}
    _sign_up(1, 50)
    _walk(client, answers, "first")
    _walk(client, answers, "again")
    _sign_up(51, 53)
    _walk(client, answers, "more")

    assert_as_recorded(answers, GOLDEN, "CHITTER_BODIES_WRITE")
