"""Statements per request, pinned for every list and detail endpoint of Chitter, Bucketlist
and Things (Cassie and Peerly pin theirs beside their tests): whatever the number of rows,
a list costs the same few queries, never one per row."""

import pytest
from playhouse.test_utils import count_queries

from models.bucketlist import Bucket, Item
from models.chitter import Like, Peep
from tests.bucketlist.helpers import create_bucket, register
from tests.chitter.helpers import member as chitter_member
from tests.chitter.helpers import post_peep
from tests.things.helpers import member as things_member
from tests.things.helpers import post_thing


def queries(client, url: str, headers: dict | None = None) -> int:
    with count_queries() as counted:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, response.text
    return counted.count


@pytest.fixture
def chitter(client):
    """Two members, 60 peeps liked by both."""
    kay, dog = chitter_member(client, "Kay"), chitter_member(client, "Dog")
    peeps = [post_peep(client, kay, f"peep {n}") for n in range(60)]
    Like.insert_many([{"user": user.id, "peep": peep["id"]} for peep in peeps for user in (kay, dog)]).execute()
    return kay, peeps[0]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/chitter/peeps", 2),  # the newest 50, then all their likes
        ("/chitter/peeps/{peep}", 2),  # the peep, then its likes
        ("/chitter/users", 1),
        ("/chitter/users/{user}", 1),
    ],
)
def test_chitter(client, chitter, url, expected):
    kay, peep = chitter
    assert queries(client, url.format(peep=peep["id"], user=kay.id)) == expected
    assert Peep.select().count() == 60


@pytest.fixture
def bucketlist(client):
    """A member's 30 buckets, one of them with 30 items."""
    account = register(client, "example@gmail.com", "123456")
    buckets = [create_bucket(client, account, f"bucket {n}") for n in range(30)]
    Item.insert_many([{"bucket": buckets[0]["id"], "name": f"item {n}"} for n in range(30)]).execute()
    Bucket.recount([buckets[0]["id"]])
    return account, buckets[0]["id"], Item.select().first().id


@pytest.mark.parametrize(
    "url, expected",
    [
        # Each starts with the token's check: its denylist and its user's stamp, in one statement.
        ("/bucketlist/v1/bucketlists?limit=100", 3),  # then the count and the page
        ("/bucketlist/v1/bucketlists/{bucket}", 2),  # then the bucket
        ("/bucketlist/v1/bucketlists/{bucket}/items?limit=100", 3),  # then the bucket with its count, the page
        ("/bucketlist/v1/bucketlists/{bucket}/items?limit=100&q=item", 4),  # a search counts its matches
        ("/bucketlist/v1/bucketlists/{bucket}/items/{item}", 2),  # then the item, its bucket joined
    ],
)
def test_bucketlist(client, bucketlist, url, expected):
    account, bucket_id, item_id = bucketlist
    assert queries(client, url.format(bucket=bucket_id, item=item_id), account.auth) == expected


def test_things_list(client):
    kay = things_member(client, "kay")
    for n in range(30):
        post_thing(client, kay, f"thing {n}")
    assert queries(client, "/things/stuff", kay.auth) == 2  # the token's owner, then the things
