"""A user's buckets pages, deep or not, are what OFFSET over the current buckets gives, while
buckets come and go between requests; each page reads the count kept in the user's row, and
a page whose offset was reached before seeks from the remembered key (core.pagination), as
a bucket's items pages do (test_deep_pages.py)."""

from __future__ import annotations

import random

import pytest
from playhouse.test_utils import count_queries

from models.bucketlist import Bucket, User
from tests.bucketlist.helpers import API, create_bucket, create_item

BUCKETS = 120
URL = f"{API}/bucketlists"


@pytest.fixture
def filled(member) -> int:
    """120 buckets, a third named "walk", put in bulk and counted as the dummy data counts them."""
    Bucket.insert_many([{"user": member.id, "name": f"{'walk' if n % 3 == 0 else 'bucket'} {n}"}
                        for n in range(BUCKETS)]).execute()
    User.recount([member.id])
    return member.id


def truth(user_id: int, q: str | None = None) -> list[int]:
    """Every bucket id of the user as the list orders it, read without the API."""
    buckets = Bucket.select(Bucket.id).where(Bucket.user == user_id)
    if q:
        buckets = buckets.where(Bucket.name.contains(q))
    return [bucket.id for bucket in buckets.order_by(Bucket.id)]


def assert_page(client, member, page: int, limit: int, q: str | None = None) -> None:
    params = {"page": page, "limit": limit, **({"q": q} if q else {})}
    response = client.get(URL, params=params, headers=member.auth)
    assert response.status_code == 200, response.text
    expected, body = truth(member.id, q), response.json()
    assert [bucket["id"] for bucket in body["buckets"]] == expected[(page - 1) * limit : page * limit], (page, q)
    assert body["count"] == len(expected)
    assert (body["next"] is not None) == (page * limit < len(expected))
    assert (body["previous"] is not None) == (page > 1)


def kept(user_id: int) -> tuple[int, int]:
    user = User.get_by_id(user_id)
    return user.bucket_count, user.buckets_version


@pytest.mark.parametrize("q", [None, "walk"])
def test_walking_every_page_forwards_gives_what_offset_gives(client, member, filled, q):
    pages = -(-len(truth(member.id, q)) // 9)
    for page in range(1, pages + 2):  # and one past the end: empty
        assert_page(client, member, page, 9, q)


@pytest.mark.parametrize("q", [None, "walk"])
def test_pages_stay_right_when_buckets_come_and_go_between_requests(client, member, filled, q):
    rng = random.Random(17)
    for step in range(45):
        limit = rng.choice([5, 9, 10])
        page = rng.randint(1, -(-BUCKETS // limit) + 1)
        assert_page(client, member, page, limit, q)
        assert_page(client, member, page + 1, limit, q)  # the next page, from the key just remembered
        if step % 3 == 0:
            create_bucket(client, member, rng.choice(["walk on", "bucket new"]))
        elif step % 3 == 1:
            victim = rng.choice(truth(member.id))
            assert client.delete(f"{URL}/{victim}", headers=member.auth).status_code == 200
        else:  # an edit renames (changing what q matches) but keeps the order
            victim = rng.choice(truth(member.id))
            body = {"name": rng.choice(["walk renamed", "bucket renamed"])}
            assert client.put(f"{URL}/{victim}", json=body, headers=member.auth).status_code == 201
    assert kept(member.id)[0] == len(truth(member.id))


def test_the_kept_count_follows_creates_and_deletes_but_not_edits_or_items(client, member, stranger):
    buckets = [create_bucket(client, member, f"bucket {n}") for n in range(3)]
    assert client.delete(f"{URL}/{buckets[0]['id']}", headers=member.auth).status_code == 200
    after_writes = kept(member.id)
    client.put(f"{URL}/{buckets[1]['id']}", json={"name": "x"}, headers=member.auth)
    create_item(client, member, buckets[1]["id"])

    assert after_writes == (2, 4)
    assert kept(member.id) == (2, 4)
    assert kept(stranger.id) == (0, 0)


def test_deleting_a_missing_or_anothers_bucket_changes_no_count(client, member, stranger, bucket):
    assert client.delete(f"{URL}/{bucket['id']}", headers=stranger.auth).status_code == 404
    assert client.delete(f"{URL}/{bucket['id'] + 1}", headers=member.auth).status_code == 404

    assert kept(member.id) == (1, 1)
    assert kept(stranger.id) == (0, 0)
    assert Bucket.select().count() == 1


def statements(client, member, page: int, q: str | None = None) -> int:
    with count_queries() as counted:
        response = client.get(URL, params={"page": page, "limit": 10, **({"q": q} if q else {})},
                              headers=member.auth)
    assert response.status_code == 200
    return counted.count


def test_a_deep_page_costs_the_statements_of_the_first(client, member, filled):
    first = statements(client, member, 1)
    deep_miss = statements(client, member, 10)  # OFFSET 90, its key remembered
    deep_hit = statements(client, member, 10)
    next_hit = statements(client, member, 11)

    assert first == deep_miss == deep_hit == next_hit == 3  # the token, the user's kept count, the page
    assert statements(client, member, 2, q="walk") == 3  # a search counts its matches instead


def test_a_remembered_deep_page_seeks_instead_of_walking_the_offset(client, member, filled):
    statements(client, member, 10)
    with count_queries() as counted:
        client.get(URL, params={"page": 10, "limit": 10}, headers=member.auth)
    page_sql = counted.get_queries()[-1].getMessage()

    assert "OFFSET" not in page_sql.upper() and ">=" in page_sql
