"""GET /users at any offset is what OFFSET over the current users gives, while users sign up
between requests; a remembered offset seeks by id (core.pagination), and the version it is
checked against is the sign-up tally, read by the page's own statement."""

from __future__ import annotations

import random

from playhouse.test_utils import count_queries

from models.chitter import Tally, User
from tests.chitter.helpers import sign_up

URL = "/chitter/users"
USERS = 300


def fill() -> None:
    User.insert_many([{"handle": f"bulk{n}", "password_hash": "x"} for n in range(USERS)]).execute()


def assert_page(client, offset: int, limit: int) -> None:
    response = client.get(URL, params={"offset": offset, "limit": limit})
    assert response.status_code == 200, response.text
    expected = list(User.select(User.id, User.handle).order_by(User.id).dicts())[offset : offset + limit]
    assert response.json() == expected, (offset, limit)


def test_walking_every_page_forwards_gives_what_offset_gives(client):
    fill()
    for offset in range(0, USERS + 20, 17):
        assert_page(client, offset, 17)


def test_pages_stay_right_when_users_sign_up_between_requests(client):
    fill()
    rng = random.Random(13)
    for step in range(40):
        limit = rng.choice([7, 10, 100])
        offset = rng.randrange(0, USERS + 10)
        assert_page(client, offset, limit)
        assert_page(client, offset + limit, limit)  # from the key the page before remembered
        if step % 2:
            sign_up(client, f"new{step}")


def test_each_sign_up_bumps_the_users_version(client):
    sign_up(client, "kay")
    sign_up(client, "dog")

    assert Tally.get_by_id("users").value == 2


def statements(client, offset: int) -> int:
    with count_queries() as counted:
        assert client.get(URL, params={"offset": offset, "limit": 10}).status_code == 200
    return counted.count


def test_a_deep_page_costs_one_statement_as_the_first(client):
    fill()
    first, deep_miss, deep_hit, next_hit = (statements(client, offset) for offset in (0, 250, 250, 260))

    assert first == deep_miss == deep_hit == next_hit == 1
    sign_up(client, "late")
    assert statements(client, 260) == 2  # the remembered key's version is stale: OFFSET again
    assert statements(client, 260) == 1
