import json
from datetime import timedelta

import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.bucketlist import Bucket, Item
from tests.bucketlist.helpers import API, ISO_DATE, assert_failed, create_bucket, create_item


def items_url(bucket_id, item_id=None) -> str:
    url = f"{API}/bucketlists/{bucket_id}/items"
    return url if item_id is None else f"{url}/{item_id}"


@pytest.fixture
def item(client, member, bucket) -> dict:
    return create_item(client, member, bucket["id"])


# --- create ---------------------------------------------------------------------------


def test_create_item_answers_200_with_the_item(client, member, bucket):
    body = {"name": "food", "description": "Enjoying the good life"}

    response = client.post(items_url(bucket["id"]), json=body, headers=member.auth)

    assert response.status_code == 200
    stored = Item.get()
    item = response.json()["item"]
    assert response.json() == {"status": "success", "item": item}
    assert item == {
        "id": stored.id,
        "name": "food",
        "description": "Enjoying the good life",
        "bucketId": bucket["id"],
        "createdAt": stored.created_at.replace(tzinfo=None).isoformat(),
        "modifiedAt": item["createdAt"],
    }
    assert ISO_DATE.match(item["createdAt"])
    assert stored.bucket_id == bucket["id"]


@pytest.mark.parametrize("body, stored", [({"name": "food"}, None), ({"name": "food", "description": None}, None),
                                          ({"name": "food", "description": ""}, "")])
def test_create_item_without_a_description(client, member, bucket, body, stored):
    response = client.post(items_url(bucket["id"]), json=body, headers=member.auth)

    assert response.json()["item"]["description"] == stored
    assert Item.get().description == stored


@pytest.mark.parametrize("body", [{"description": ""}, {"name": ""}, {"name": " "}, {"name": None}, {}])
def test_create_item_without_a_name_is_refused(client, member, bucket, body):
    response = client.post(items_url(bucket["id"]), json=body, headers=member.auth)

    assert_failed(response, 400, "No name or value attribute found")
    assert Item.select().count() == 0


def test_create_item_with_an_overlong_description_is_refused(client, member, bucket):
    response = client.post(items_url(bucket["id"]), json={"name": "x", "description": "d" * 5001}, headers=member.auth)

    assert_failed(response, 400, "Descriptions must be at most 5000 characters")


def test_create_item_in_a_missing_bucket_is_not_found(client, member):
    response = client.post(items_url(1), json={"name": "food"}, headers=member.auth)

    assert_failed(response, 404, "User has no Bucket with Id 1")


def test_create_item_without_a_name_in_a_missing_bucket_says_the_name_is_missing(client, member):
    assert_failed(client.post(items_url(1), json={}, headers=member.auth), 400, "No name or value attribute found")


def test_create_item_in_a_bucket_of_another_user_is_not_found(client, member, stranger):
    theirs = create_bucket(client, stranger, "Secret")

    response = client.post(items_url(theirs["id"]), json={"name": "food"}, headers=member.auth)

    assert_failed(response, 404, f"User has no Bucket with Id {theirs['id']}")
    assert Item.select().count() == 0


def test_create_item_with_a_malformed_bucket_id_is_refused(client, member):
    response = client.post(items_url("id"), json={"name": "food"}, headers=member.auth)

    assert_failed(response, 400, "Provide a valid Bucket Id")


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_item_bodies_that_are_not_json_are_refused(client, member, item, method):
    url = items_url(item["bucketId"], None if method == "POST" else item["id"])
    headers = {**member.auth, "Content-Type": "application/javascript"}

    response = client.request(method, url, content='{"name": "food"}', headers=headers)

    assert_failed(response, 400, "Content-type must be application/json")  # the original's words here


# --- list -----------------------------------------------------------------------------


def test_list_items_of_a_bucket(client, member, bucket, item):
    create_item(client, member, create_bucket(client, member, "Other")["id"], "elsewhere")

    response = client.get(items_url(bucket["id"]), headers=member.auth)

    assert response.status_code == 200
    assert response.json() == {"status": "success", "previous": None, "next": None, "count": 1, "items": [item]}


def test_list_items_of_an_empty_bucket(client, member, bucket):
    response = client.get(items_url(bucket["id"]), headers=member.auth)

    assert response.json() == {"status": "success", "previous": None, "next": None, "count": 0, "items": []}


def test_search_items_pages_newest_first_with_links(client, member, bucket):
    names = ("food", "fod", "foood", "foda", "fd", "foodad")
    ids = [create_item(client, member, bucket["id"], name)["id"] for name in names]
    link = f"http://testserver{items_url(bucket['id'])}"

    first = client.get(items_url(bucket["id"]), params={"q": "f", "limit": 3}, headers=member.auth).json()
    second = client.get(items_url(bucket["id"]), params={"q": "f", "limit": 3, "page": 2}, headers=member.auth).json()

    assert [i["id"] for i in first["items"]] == ids[::-1][:3]
    assert first["items"][0]["bucketId"] == bucket["id"]
    assert (first["count"], first["previous"], first["next"]) == (6, None, f"{link}?q=f&limit=3&page=2")
    assert [i["id"] for i in second["items"]] == ids[::-1][3:]
    assert (second["count"], second["previous"], second["next"]) == (6, f"{link}?q=f&limit=3&page=1", None)


def test_list_items_orders_by_creation_time_then_id(client, member, bucket):
    old, new, newer = (create_item(client, member, bucket["id"], name)["id"] for name in ("old", "new", "newer"))
    Item.update(created_at=utc_now() - timedelta(days=1)).where(Item.id == old).execute()
    Item.update(created_at=utc_now()).where(Item.id.in_([new, newer])).execute()

    response = client.get(items_url(bucket["id"]), headers=member.auth)

    assert [i["id"] for i in response.json()["items"]] == [newer, new, old]


def test_search_items_ignores_case(client, member, bucket):
    for name in ("Biscuits", "cheese", "BISCOTTI"):
        create_item(client, member, bucket["id"], name)

    response = client.get(items_url(bucket["id"]), params={"q": "bisc"}, headers=member.auth)

    assert [i["name"] for i in response.json()["items"]] == ["BISCOTTI", "Biscuits"]


def test_list_items_of_a_missing_bucket_is_not_found(client, member):
    assert_failed(client.get(items_url(1), headers=member.auth), 404, "Bucket not found")


def test_list_items_of_a_bucket_of_another_user_is_not_found(client, member, stranger):
    theirs = create_bucket(client, stranger, "Secret")
    create_item(client, stranger, theirs["id"])

    assert_failed(client.get(items_url(theirs["id"]), headers=member.auth), 404, "Bucket not found")


@pytest.mark.parametrize("limit", [5, 100])
def test_list_items_runs_three_queries_whatever_the_page_size(client, member, bucket, limit):
    Item.insert_many([{"bucket": bucket["id"], "name": f"item {n}"} for n in range(120)]).execute()
    Bucket.recount([bucket["id"]])

    with count_queries() as counted:
        response = client.get(items_url(bucket["id"]), params={"limit": limit}, headers=member.auth)

    assert len(response.json()["items"]) == limit and response.json()["count"] == 120
    # The token (its denylist and user in one), the bucket's owner with its kept count, the page.
    assert counted.count == 3


# --- get ------------------------------------------------------------------------------


def test_get_item(client, member, item):
    response = client.get(items_url(item["bucketId"], item["id"]), headers=member.auth)

    assert response.status_code == 200
    assert response.json() == {"status": "success", "item": item}


def test_get_missing_item_is_not_found(client, member, bucket):
    assert_failed(client.get(items_url(bucket["id"], 1), headers=member.auth), 404, "Item not found")


def test_get_item_through_another_bucket_of_the_user_is_not_found(client, member, item):
    other = create_bucket(client, member, "Other")

    assert_failed(client.get(items_url(other["id"], item["id"]), headers=member.auth), 404, "Item not found")


def test_get_item_of_a_missing_bucket_is_not_found(client, member):
    assert_failed(client.get(items_url(1, 1), headers=member.auth), 404, "User has no Bucket with Id 1")


def test_get_item_of_another_user_is_not_found(client, member, stranger):
    theirs = create_item(client, stranger, create_bucket(client, stranger, "Secret")["id"])

    response = client.get(items_url(theirs["bucketId"], theirs["id"]), headers=member.auth)

    assert_failed(response, 404, f"User has no Bucket with Id {theirs['bucketId']}")


@pytest.mark.parametrize(
    "bucket_id, item_id, message",
    [("1", "dsfdgfghjg", "Provide a valid item Id"), ("id", "1", "Provide a valid Bucket Id")],
)
def test_item_routes_with_malformed_ids_are_refused(client, member, bucket_id, item_id, message):
    for method in ("GET", "PUT", "DELETE"):
        response = client.request(method, items_url(bucket_id, item_id), json={"name": "x"}, headers=member.auth)

        assert_failed(response, 400, message)


# --- update ---------------------------------------------------------------------------


def test_update_item_sets_name_and_description(client, member, item):
    Item.update(modified_at=utc_now() - timedelta(days=1)).execute()
    body = {"name": "Chocolate", "description": "the dark ones"}

    response = client.put(items_url(item["bucketId"], item["id"]), json=body, headers=member.auth)

    assert response.status_code == 200
    edited = response.json()["item"]
    assert edited == {**item, "name": "Chocolate", "description": "the dark ones", "modifiedAt": edited["modifiedAt"]}
    stored = Item.get_by_id(item["id"])
    assert (stored.name, stored.description) == ("Chocolate", "the dark ones")
    assert stored.modified_at > utc_now() - timedelta(minutes=1)


@pytest.mark.parametrize("body", [{"name": "Chocolate"}, {"name": "Chocolate", "description": None}])
def test_update_item_without_a_description_keeps_it(client, member, item, body):
    response = client.put(items_url(item["bucketId"], item["id"]), json=body, headers=member.auth)

    assert response.json()["item"]["description"] == "Enjoying the good life"
    assert Item.get_by_id(item["id"]).description == "Enjoying the good life"


def test_update_item_can_empty_the_description(client, member, item):
    body = {"name": "food", "description": ""}

    assert client.put(items_url(item["bucketId"], item["id"]), json=body, headers=member.auth).status_code == 200
    assert Item.get_by_id(item["id"]).description == ""


@pytest.mark.parametrize(
    "body, message",
    [({}, "No attributes specified in the request"), ({"description": ""}, "No name or value attribute found"),
     ({"name": ""}, "No name or value attribute found")],
)
def test_update_item_without_a_name_changes_nothing(client, member, item, body, message):
    response = client.put(items_url(item["bucketId"], item["id"]), json=body, headers=member.auth)

    assert_failed(response, 400, message)
    assert Item.get_by_id(item["id"]).name == "food"


def test_update_item_of_a_missing_bucket_is_not_found(client, member):
    response = client.put(items_url(1, 1), json={"name": "food"}, headers=member.auth)

    assert_failed(response, 404, "User has no Bucket with Id 1")


def test_update_missing_item_is_not_found(client, member, bucket):
    response = client.put(items_url(bucket["id"], 1), json={"name": "food"}, headers=member.auth)

    assert_failed(response, 404, "Item not found")


def test_update_item_of_another_user_is_not_found_and_changes_nothing(client, member, stranger):
    theirs = create_item(client, stranger, create_bucket(client, stranger, "Secret")["id"])

    response = client.put(items_url(theirs["bucketId"], theirs["id"]), json={"name": "mine"}, headers=member.auth)

    assert_failed(response, 404, f"User has no Bucket with Id {theirs['bucketId']}")
    assert Item.get_by_id(theirs["id"]).name == "food"


# --- delete ---------------------------------------------------------------------------


def test_delete_item(client, member, item):
    response = client.delete(items_url(item["bucketId"], item["id"]), headers=member.auth)

    assert response.status_code == 200
    expected = f"Successfully deleted the item from bucket with Id {item['bucketId']}"
    assert response.json() == {"status": "success", "message": expected}
    assert Item.select().count() == 0
    assert_failed(client.delete(items_url(item["bucketId"], item["id"]), headers=member.auth), 404, "Item not found")


def test_delete_item_of_a_missing_bucket_is_not_found(client, member):
    assert_failed(client.delete(items_url(1, 1), headers=member.auth), 404, "User has no Bucket with Id 1")


def test_delete_item_of_another_user_is_not_found_and_keeps_it(client, member, stranger):
    theirs = create_item(client, stranger, create_bucket(client, stranger, "Secret")["id"])

    response = client.delete(items_url(theirs["bucketId"], theirs["id"]), headers=member.auth)

    assert_failed(response, 404, f"User has no Bucket with Id {theirs['bucketId']}")
    assert Item.select().where(Item.id == theirs["id"]).exists()


def test_a_description_a_database_cannot_store_is_a_bad_request(client, member, item):
    body = json.dumps({"name": "food", "description": "unpaired \udc00 surrogate"})  # ASCII, escaped
    headers = {**member.auth, "Content-Type": "application/json"}

    created = client.post(items_url(item["bucketId"]), content=body, headers=headers)
    edited = client.put(items_url(item["bucketId"], item["id"]), content=body, headers=headers)

    assert_failed(created, 400, "description must not contain NUL characters or lone surrogates")
    assert_failed(edited, 400, "description must not contain NUL characters or lone surrogates")
    assert [i.description for i in Item.select()] == ["Enjoying the good life"]
