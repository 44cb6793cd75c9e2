"""Every field of the bucket and item lists, for a dataset covering their cases (pages,
limits, searches with characters LIKE treats specially, ties in the items' order, deep
pages reached again from remembered keys), equal to the bodies recorded in
tests/bucketlist/bodies.json (made by the code before the lists ran on prebuilt statements
and driver rows, issue 13): rewriting how rows are read must not change one byte a client sees.

Regenerate (only for a deliberate change of the answers): BUCKETLIST_BODIES_WRITE=1
scripts/test tests/bucketlist/test_bodies.py, then review the diff.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from models.bucketlist import Bucket, Item, User
from tests.bucketlist.helpers import API, register
from tests.golden import assert_as_recorded

GOLDEN = Path(__file__).with_name("bodies.json")
START = datetime(2017, 8, 24, 19, 56, 7, tzinfo=UTC)
NAMES = ["Travel", "travel light", "100% done", "50%", "a_b", "ab", "back\\slash", "Walk", "WALK the dog",
         "Café", "under_score", "plain"]
# Fixed moments, some on a whole second (no fraction shown), some shared by several rows.
MOMENTS = [START + timedelta(seconds=n // 3, microseconds=0 if n % 4 == 0 else 942974 + n) for n in range(40)]
QUERIES = [None, "", " ", "walk", "WALK", "%", "_", "\\", "a_b", "50%", "café", "nothing", " travel "]


def _fill(member) -> None:
    Bucket.insert_many([{"id": 10 + n, "user": member.id, "name": name, "created_at": MOMENTS[n],
                         "modified_at": MOMENTS[-1 - n]} for n, name in enumerate(NAMES)]).execute()
    for bucket in (10, 11):
        Item.insert_many([{"id": 100 * bucket + n, "bucket": bucket, "name": NAMES[n % len(NAMES)],
                           "description": None if n % 5 == 0 else f"about {n}", "created_at": MOMENTS[n],
                           "modified_at": MOMENTS[(n * 7) % len(MOMENTS)]} for n in range(37)]).execute()
    Bucket.recount([10, 11])
    User.recount([member.id])


def _pages(path: str, total: int) -> list[str]:
    urls = []
    for limit in (None, 1, 4, 10, 100):
        size = limit or 10  # the default
        for page in range(1, -(-total // size) + 2):  # and one past the end
            urls.append(path + f"?page={page}" + (f"&limit={limit}" if limit else ""))
    for q in QUERIES:
        for page in (1, 2):
            urls.append(path + f"?page={page}&limit=3" + ("" if q is None else f"&q={q}"))
    return urls


def test_bucket_and_item_lists_answer_the_recorded_bodies(client):
    member = register(client)
    _fill(member)
    lists = {f"{API}/bucketlists": len(NAMES), f"{API}/bucketlists/10/items": 37, f"{API}/bucketlists/11/items": 37}
    urls = [url for path, total in lists.items() for url in _pages(path, total)]
    urls += [f"{API}/bucketlists/10/items?page=9&limit=4"] * 2 + [f"{API}/bucketlists/99/items"]  # remembered; none
    answers = {}
    for n, url in enumerate(urls):
        response = client.get(url, headers=member.auth)
        answers[f"{n} {url}"] = [response.status_code, response.text]

    assert_as_recorded(answers, GOLDEN, "BUCKETLIST_BODIES_WRITE")
