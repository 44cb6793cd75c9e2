"""`GET /stuff?offset=N` is what OFFSET over the caller's current things gives, while things
come and go between requests; an offset reached before seeks from its remembered key
(core.pagination) at the owner's things version, which every create and delete bumps."""

from __future__ import annotations

import random

import pytest
from playhouse.test_utils import count_queries

from models.things import Thing, User
from tests.things.helpers import post_thing

URL = "/things/stuff"
THINGS = 90


@pytest.fixture
def filled(kay) -> int:
    Thing.insert_many([{"owner": kay.id, "name": f"thing {n}", "attributes": {"n": n}}
                       for n in range(THINGS)]).execute()
    return kay.id


def truth(user_id: int) -> list[int]:
    return [thing.id for thing in Thing.select(Thing.id).where(Thing.owner == user_id).order_by(Thing.id)]


def assert_page(client, member, offset: int, limit: int) -> None:
    response = client.get(URL, params={"offset": offset, "limit": limit}, headers=member.auth)
    assert response.status_code == 200, response.text
    expected = truth(member.id)
    assert [thing["id"] for thing in response.json()] == expected[offset : offset + limit], (offset, limit)
    more = offset + limit < len(expected)
    assert ("link" in response.headers) == more
    if more:
        assert f"offset={offset + limit}>" in response.headers["link"]


def version(user_id: int) -> int:
    return User.get_by_id(user_id).things_version


def test_walking_every_page_by_its_next_link_gives_what_offset_gives(client, kay, filled):
    for offset in range(0, THINGS + 7, 7):
        assert_page(client, kay, offset, 7)


def test_pages_stay_right_when_things_come_and_go_between_requests(client, kay, dog, filled):
    rng = random.Random(5)
    for step in range(45):
        limit = rng.choice([5, 8, 10])
        offset = rng.randint(0, THINGS // limit) * limit
        assert_page(client, kay, offset, limit)
        assert_page(client, kay, offset + limit, limit)  # the next page, from the key just remembered
        if step % 4 == 0:
            post_thing(client, kay, "new")
        elif step % 4 == 1:
            victim = rng.choice(truth(kay.id))
            assert client.delete(f"{URL}/{victim}", headers=kay.auth).status_code == 200
        elif step % 4 == 2:  # an edit keeps the order
            victim = rng.choice(truth(kay.id))
            assert client.put(f"{URL}/{victim}", json={"name": "edited"}, headers=kay.auth).status_code == 200
        else:  # another owner's things are another list
            post_thing(client, dog, "not kay's")


def test_the_version_follows_creates_and_deletes_but_not_edits(client, kay, dog):
    things = [post_thing(client, kay, f"thing {n}") for n in range(3)]
    assert client.delete(f"{URL}/{things[0]['id']}", headers=kay.auth).status_code == 200
    assert client.delete(f"{URL}/{things[0]['id']}", headers=kay.auth).status_code == 404
    assert client.delete(f"{URL}/{things[1]['id']}", headers=dog.auth).status_code == 404
    client.put(f"{URL}/{things[1]['id']}", json={"name": "x"}, headers=kay.auth)

    assert (version(kay.id), version(dog.id)) == (4, 0)


def test_a_remembered_deep_page_costs_the_statements_of_the_first_and_seeks(client, kay, filled):
    def page(offset: int):
        with count_queries() as counted:
            assert client.get(URL, params={"offset": offset, "limit": 10}, headers=kay.auth).status_code == 200
        return counted

    first, deep_miss, deep_hit = page(0), page(70), page(70)

    assert first.count == deep_miss.count == deep_hit.count == 2  # the token, then the page
    assert "OFFSET" in deep_miss.get_queries()[-1].getMessage().upper()
    assert "OFFSET" not in deep_hit.get_queries()[-1].getMessage().upper()
