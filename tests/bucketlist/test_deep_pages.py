"""A bucket's items pages, deep or not, are what OFFSET over the current items gives, while
items come and go between requests; each page reads the count kept in the bucket row, and
a page whose offset was reached before seeks from the remembered key (core.pagination)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.bucketlist import Bucket, Item
from tests.bucketlist.helpers import API, create_item

ITEMS = 240


@pytest.fixture
def filled(client, member, bucket) -> int:
    """240 items, a third named "walk", in runs sharing one created_at (ties go by id)."""
    start = utc_now() - timedelta(days=1)
    rows = [
        {"bucket": bucket["id"], "name": f"{'walk' if n % 3 == 0 else 'item'} {n}",
         "created_at": start + timedelta(seconds=n // 4), "modified_at": start}
        for n in range(ITEMS)
    ]
    Item.insert_many(rows).execute()
    Bucket.recount([bucket["id"]])
    return bucket["id"]


def truth(bucket_id: int, q: str | None = None) -> list[int]:
    """Every item id as the list orders it, read without the API."""
    items = Item.select(Item.id).where(Item.bucket == bucket_id)
    if q:
        items = items.where(Item.name.contains(q))
    return [item.id for item in items.order_by(Item.created_at.desc(), Item.id.desc())]


def assert_page(client, member, bucket_id: int, page: int, limit: int, q: str | None = None) -> dict:
    params = {"page": page, "limit": limit, **({"q": q} if q else {})}
    response = client.get(f"{API}/bucketlists/{bucket_id}/items", params=params, headers=member.auth)
    assert response.status_code == 200, response.text
    expected = truth(bucket_id, q)
    body = response.json()
    assert [item["id"] for item in body["items"]] == expected[(page - 1) * limit : page * limit], (page, limit, q)
    assert body["count"] == len(expected)
    assert (body["next"] is not None) == (page * limit < len(expected))
    assert (body["previous"] is not None) == (page > 1)
    return body


def kept_count(bucket_id: int) -> int:
    return Bucket.get_by_id(bucket_id).item_count


@pytest.mark.parametrize("q", [None, "walk"])
def test_walking_every_page_forwards_gives_what_offset_gives(client, member, filled, q):
    pages = -(-len(truth(filled, q)) // 9)
    for page in range(1, pages + 2):  # and one past the end: empty
        assert_page(client, member, filled, page, 9, q)


@pytest.mark.parametrize("q", [None, "walk"])
def test_pages_stay_right_when_items_come_and_go_between_requests(client, member, filled, q):
    rng = random.Random(13)
    for step in range(60):
        limit = rng.choice([5, 9, 10])
        page = rng.randint(1, -(-ITEMS // limit) + 1)
        assert_page(client, member, filled, page, limit, q)
        assert_page(client, member, filled, page + 1, limit, q)  # the next page, from the key just remembered
        if step % 3 == 0:
            create_item(client, member, filled, name=rng.choice(["walk on", "item new"]))
        elif step % 3 == 1:
            victim = rng.choice(truth(filled))
            assert client.delete(f"{API}/bucketlists/{filled}/items/{victim}", headers=member.auth).status_code == 200
        else:  # an edit renames (changing what q matches) but keeps the order
            victim = rng.choice(truth(filled))
            body = {"name": rng.choice(["walk renamed", "item renamed"])}
            assert client.put(f"{API}/bucketlists/{filled}/items/{victim}", json=body,
                              headers=member.auth).status_code == 200
    assert kept_count(filled) == len(truth(filled))


def test_the_kept_count_follows_creates_and_deletes_but_not_edits(client, member, bucket):
    before = Bucket.get_by_id(bucket["id"])
    items = [create_item(client, member, bucket["id"], name=f"item {n}") for n in range(3)]
    assert client.delete(f"{API}/bucketlists/{bucket['id']}/items/{items[0]['id']}",
                         headers=member.auth).status_code == 200
    after_writes = Bucket.get_by_id(bucket["id"])
    client.put(f"{API}/bucketlists/{bucket['id']}/items/{items[1]['id']}", json={"name": "x"}, headers=member.auth)
    after_edit = Bucket.get_by_id(bucket["id"])

    assert (before.item_count, before.items_version) == (0, 0)
    assert (after_writes.item_count, after_writes.items_version) == (2, 4)
    assert (after_edit.item_count, after_edit.items_version) == (2, 4)


def test_deleting_a_missing_item_changes_no_count(client, member, bucket):
    item = create_item(client, member, bucket["id"])
    url = f"{API}/bucketlists/{bucket['id']}/items/{item['id']}"
    assert client.delete(url, headers=member.auth).status_code == 200

    assert client.delete(url, headers=member.auth).status_code == 404
    assert (Bucket.get_by_id(bucket["id"]).item_count, Item.select().count()) == (0, 0)


def statements(client, member, bucket_id: int, page: int) -> int:
    with count_queries() as counted:
        response = client.get(f"{API}/bucketlists/{bucket_id}/items", params={"page": page, "limit": 10},
                              headers=member.auth)
    assert response.status_code == 200
    return counted.count


def test_a_deep_page_costs_the_statements_of_the_first(client, member, filled):
    first = statements(client, member, filled, 1)
    deep_miss = statements(client, member, filled, 20)  # OFFSET 190, its key remembered
    deep_hit = statements(client, member, filled, 20)
    next_hit = statements(client, member, filled, 21)

    assert first == deep_miss == deep_hit == next_hit == 3  # the token, the bucket with its count, the page


def test_a_remembered_deep_page_seeks_instead_of_walking_the_offset(client, member, filled):
    statements(client, member, filled, 20)
    with count_queries() as counted:
        client.get(f"{API}/bucketlists/{filled}/items", params={"page": 20, "limit": 10}, headers=member.auth)
    page_sql = counted.get_queries()[-1].getMessage()

    assert "OFFSET" not in page_sql.upper() and "<=" in page_sql
