import json
from datetime import timedelta
from email.utils import parsedate_to_datetime

import httpx
import pytest
from playhouse.test_utils import count_queries

from core.config import Config, ConfigError
from models.base import utc_now
from models.bucketlist import Bucket, Item
from tests.bucketlist.helpers import API, HTTP_DATE, ISO_DATE, assert_failed, create_bucket, create_item

URL = f"{API}/bucketlists"
LINK = f"http://testserver{URL}"


def names(response) -> list[str]:
    return [bucket["name"] for bucket in response.json()["buckets"]]


# --- create ---------------------------------------------------------------------------


def test_create_bucket_answers_201_flat_with_rfc_1123_dates(client, member):
    response = client.post(URL, json={"name": "Travel"}, headers=member.auth)

    assert response.status_code == 201
    bucket = Bucket.get()
    body = response.json()
    assert body == {
        "status": "success",
        "id": bucket.id,
        "name": "Travel",
        "createdAt": body["createdAt"],
        "modifiedAt": body["createdAt"],
    }
    assert HTTP_DATE.match(body["createdAt"])
    assert parsedate_to_datetime(body["createdAt"]) == bucket.created_at.replace(microsecond=0)
    assert (bucket.user_id, bucket.name) == (member.id, "Travel")


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "   "}, {"name": None}, {"name": 7}, []])
def test_create_bucket_without_a_name_is_refused(client, member, body):
    assert_failed(client.post(URL, json=body, headers=member.auth), 400, "Missing name attribute")
    assert Bucket.select().count() == 0


def test_bucket_names_may_have_255_characters_not_256(client, member):
    assert client.post(URL, json={"name": "b" * 255}, headers=member.auth).status_code == 201

    response = client.post(URL, json={"name": "b" * 256}, headers=member.auth)

    assert_failed(response, 400, "Bucket names must be at most 255 characters")


def test_create_bucket_with_a_body_that_is_not_json_is_refused(client, member):
    response = client.post(URL, content='{"name": "Travel"}', headers={**member.auth, "Content-Type": "text/plain"})

    assert_failed(response, 400, "Content-type must be json")
    assert Bucket.select().count() == 0


# --- list -----------------------------------------------------------------------------


def test_list_buckets_when_there_are_none(client, member):
    response = client.get(URL, headers=member.auth)

    assert response.status_code == 200
    assert response.json() == {"status": "success", "previous": None, "next": None, "count": 0, "buckets": []}


def test_list_buckets_gives_only_the_users_own_in_the_order_created(client, member, stranger):
    mine = [create_bucket(client, member, name)["id"] for name in ("Travel", "Cooking")]
    create_bucket(client, stranger, "Hidden")

    response = client.get(URL, headers=member.auth)

    assert [b["id"] for b in response.json()["buckets"]] == mine
    first = response.json()["buckets"][0]
    assert list(first) == ["id", "name", "createdAt", "modifiedAt"]
    assert ISO_DATE.match(first["createdAt"])
    assert response.json()["count"] == 2


def test_search_pages_with_links_to_either_side(client, member):
    ids = [create_bucket(client, member, name)["id"] for name in ("Travel", "Tral", "Trvel", "Tavel", "Travl", "Trave")]

    first = client.get(URL, params={"q": "T", "limit": 3}, headers=member.auth).json()
    second = client.get(URL, params={"q": "T", "limit": 3, "page": 2}, headers=member.auth).json()

    assert [b["id"] for b in first["buckets"]] == ids[:3]
    assert (first["count"], first["previous"], first["next"]) == (6, None, f"{LINK}?q=T&limit=3&page=2")
    assert [b["id"] for b in second["buckets"]] == ids[3:]
    assert (second["count"], second["previous"], second["next"]) == (6, f"{LINK}?q=T&limit=3&page=1", None)


def test_search_ignores_case_and_matches_within_names(client, member):
    for name in ("Travel", "Tral", "Trvel", "Tavel", "Travl", "Trave"):
        create_bucket(client, member, name)

    response = client.get(URL, params={"q": " rAv "}, headers=member.auth)

    assert names(response) == ["Travel", "Travl", "Trave"]
    assert response.json()["count"] == 3


def test_search_takes_like_wildcards_literally(client, member):
    for name in ("100% fun", "100 fun", "a_b", "ab"):
        create_bucket(client, member, name)

    assert names(client.get(URL, params={"q": "%"}, headers=member.auth)) == ["100% fun"]
    assert names(client.get(URL, params={"q": "_"}, headers=member.auth)) == ["a_b"]


def test_an_empty_search_matches_everything(client, member):
    create_bucket(client, member, "Travel")

    assert client.get(URL, params={"q": ""}, headers=member.auth).json()["count"] == 1


def test_links_encode_the_search_and_keep_the_base_path(client, member):
    for _ in range(2):
        create_bucket(client, member, "road trip")

    response = client.get(URL + "/", params={"q": "road trip", "limit": 1}, headers=member.auth)

    assert response.json()["next"] == f"{LINK}?q=road%20trip&limit=1&page=2"


def test_a_page_past_the_last_is_empty_but_counts_every_match(client, member):
    for _ in range(3):
        create_bucket(client, member)

    body = client.get(URL, params={"page": 5, "limit": 2}, headers=member.auth).json()

    assert body == {"status": "success", "previous": f"{LINK}?limit=2&page=4", "next": None, "count": 3, "buckets": []}


def test_pages_hold_ten_buckets_by_default(client, member):
    for n in range(11):
        create_bucket(client, member, f"bucket {n}")

    body = client.get(URL, headers=member.auth).json()

    assert len(body["buckets"]) == 10
    assert body["next"] == f"{LINK}?page=2"


@pytest.mark.parametrize(
    "params, message",
    [
        ({"page": 0}, "Please provide a valid page number"),
        ({"page": "two"}, "Please provide a valid page number"),
        ({"limit": 0}, "The limit must be a number from 1 to 100"),
        ({"limit": 101}, "The limit must be a number from 1 to 100"),
        ({"q": "x" * 256}, "The search query must be at most 255 characters"),
        ({"per_page": 5}, "per_page is not allowed"),
    ],
)
def test_list_buckets_with_bad_parameters_is_refused(client, member, params, message):
    assert_failed(client.get(URL, params=params, headers=member.auth), 400, message)


@pytest.mark.parametrize("limit", [5, 100])
def test_list_buckets_runs_three_queries_whatever_the_page_size(client, member, limit):
    Bucket.insert_many([{"user": member.id, "name": f"b{n}"} for n in range(120)]).execute()

    with count_queries() as counted:
        response = client.get(URL, params={"q": "b", "limit": limit}, headers=member.auth)

    assert len(response.json()["buckets"]) == limit
    assert counted.count == 3  # the token (its denylist and user in one), then the count and the page


# --- get ------------------------------------------------------------------------------


def test_get_bucket_answers_it_with_iso_dates(client, member, bucket):
    response = client.get(f"{URL}/{bucket['id']}", headers=member.auth)

    assert response.status_code == 200
    stored = Bucket.get_by_id(bucket["id"])
    assert response.json() == {
        "status": "success",
        "bucket": {
            "id": bucket["id"],
            "name": "Travel",  # stored as given (the original lower-cased it)
            "createdAt": stored.created_at.replace(tzinfo=None).isoformat(),
            "modifiedAt": stored.modified_at.replace(tzinfo=None).isoformat(),
        },
    }


def test_get_missing_bucket_is_not_found(client, member):
    assert_failed(client.get(f"{URL}/1", headers=member.auth), 404, "Bucket not found")


def test_get_bucket_of_another_user_is_not_found(client, member, stranger):
    theirs = create_bucket(client, stranger, "Secret")

    assert_failed(client.get(f"{URL}/{theirs['id']}", headers=member.auth), 404, "Bucket not found")


@pytest.mark.parametrize("bucket_id", ["dsfgsdsg", "-1", "1.5", "12345678901"])
def test_get_bucket_with_a_malformed_id_is_refused(client, member, bucket_id):
    assert_failed(client.get(f"{URL}/{bucket_id}", headers=member.auth), 400, "Please provide a valid Bucket Id")


# --- update ---------------------------------------------------------------------------


def test_update_bucket_renames_it_and_answers_201_flat(client, member, bucket):
    Bucket.update(modified_at=utc_now() - timedelta(days=1)).execute()

    response = client.put(f"{URL}/{bucket['id']}", json={"name": "Adventure"}, headers=member.auth)

    assert response.status_code == 201
    body = response.json()
    stored = Bucket.get_by_id(bucket["id"])
    assert body == {"status": "success", "id": bucket["id"], "name": "Adventure",
                    "createdAt": bucket["createdAt"], "modifiedAt": body["modifiedAt"]}
    assert HTTP_DATE.match(body["modifiedAt"])
    assert stored.name == "Adventure"
    assert stored.modified_at > utc_now() - timedelta(minutes=1)  # bumped (the original never did)


def test_update_missing_bucket_is_not_found(client, member):
    response = client.put(f"{URL}/1", json={"name": "Adventure"}, headers=member.auth)

    assert_failed(response, 404, "The Bucket with Id 1 does not exist")


def test_update_bucket_of_another_user_is_not_found_and_changes_nothing(client, member, stranger):
    theirs = create_bucket(client, stranger, "Secret")

    response = client.put(f"{URL}/{theirs['id']}", json={"name": "Mine now"}, headers=member.auth)

    assert_failed(response, 404, f"The Bucket with Id {theirs['id']} does not exist")
    assert Bucket.get_by_id(theirs["id"]).name == "Secret"


def test_update_bucket_with_a_malformed_id_is_refused(client, member):
    response = client.put(f"{URL}/bucketid", json={"name": "Adventure"}, headers=member.auth)

    assert_failed(response, 400, "Please provide a valid Bucket Id")


@pytest.mark.parametrize("body", [{"name": ""}, {}, {"title": "Adventure"}])
def test_update_bucket_without_a_name_changes_nothing(client, member, bucket, body):
    response = client.put(f"{URL}/{bucket['id']}", json=body, headers=member.auth)

    assert_failed(response, 400, "No attribute or value was specified, nothing was changed")
    assert Bucket.get_by_id(bucket["id"]).name == "Travel"


def test_update_bucket_with_a_body_that_is_not_json_is_refused(client, member, bucket):
    headers = {**member.auth, "Content-Type": "application/javascript"}

    response = client.put(f"{URL}/{bucket['id']}", content='{"name": "Adventure"}', headers=headers)

    assert_failed(response, 400, "Content-type must be json")


@pytest.mark.parametrize("content", ["", '{"name": '])
def test_update_bucket_with_an_empty_or_malformed_json_body_is_a_bad_request(client, member, bucket, content):
    headers = {**member.auth, "Content-Type": "application/json"}

    assert_failed(client.put(f"{URL}/{bucket['id']}", content=content, headers=headers), 400, "Bad Request")


# --- delete ---------------------------------------------------------------------------


def test_delete_bucket_deletes_it_and_its_items(client, member, bucket):
    create_item(client, member, bucket["id"])

    response = client.delete(f"{URL}/{bucket['id']}", headers=member.auth)

    assert response.status_code == 200
    assert response.json() == {"status": "success", "message": "Bucket Deleted successfully"}
    assert Bucket.select().count() == Item.select().count() == 0


def test_delete_missing_bucket_is_not_found(client, member):
    assert_failed(client.delete(f"{URL}/1", headers=member.auth), 404, "Bucket resource cannot be found")


def test_delete_bucket_of_another_user_is_not_found_and_keeps_it(client, member, stranger):
    theirs = create_bucket(client, stranger, "Secret")

    response = client.delete(f"{URL}/{theirs['id']}", headers=member.auth)

    assert_failed(response, 404, "Bucket resource cannot be found")
    assert Bucket.select().where(Bucket.id == theirs["id"]).exists()


def test_delete_bucket_with_a_malformed_id_is_refused(client, member):
    assert_failed(client.delete(f"{URL}/dsfgsdsg", headers=member.auth), 400, "Please provide a valid Bucket Id")


# --- text a database cannot store -----------------------------------------------------

UNSTORABLE = "name must not contain NUL characters or lone surrogates"  # as the spec says it


@pytest.mark.parametrize(
    "name, message",
    [
        ("nul \x00 inside", UNSTORABLE),
        ("unpaired \ud800 surrogate", UNSTORABLE),
    ],
    ids=["nul", "surrogate"],
)
def test_names_a_database_cannot_store_are_a_bad_request(client, member, bucket, name, message):
    body, headers = json.dumps({"name": name}), {**member.auth, "Content-Type": "application/json"}

    created = client.post(URL, content=body, headers=headers)
    renamed = client.put(f"{URL}/{bucket['id']}", content=body, headers=headers)

    assert_failed(created, 400, message)
    assert_failed(renamed, 400, message)
    assert [b.name for b in Bucket.select()] == ["Travel"]


def test_a_search_with_a_nul_character_is_refused(client, member):
    response = client.get(URL, params={"q": "a\x00"}, headers=member.auth)

    assert_failed(response, 400, "The search query cannot contain NUL characters")


# --- settings -------------------------------------------------------------------------


def test_the_default_page_size_is_a_setting(client, member, settings):
    settings(bucketlist_per_page=3)
    for n in range(4):
        create_bucket(client, member, f"bucket {n}")

    body = client.get(URL, headers=member.auth).json()

    assert len(body["buckets"]) == 3
    assert body["next"] == f"{LINK}?page=2"


@pytest.mark.parametrize("value", ["0", "101", "ten"])
def test_a_bad_page_size_setting_fails_at_start_naming_it(value):
    with pytest.raises(ConfigError, match=f"BUCKETLIST_PER_PAGE='{value}'"):
        Config.from_env({"BUCKETLIST_PER_PAGE": value})


def test_a_deleted_buckets_id_is_never_given_again(client, member):
    newest = create_bucket(client, member)
    assert client.delete(f"{URL}/{newest['id']}", headers=member.auth).status_code == 200

    assert create_bucket(client, member)["id"] > newest["id"]


def test_page_links_ignore_a_forged_host_header(client, member, live_server):
    for name in ("Travel", "Food"):
        create_bucket(client, member, name)

    response = httpx.get(f"{live_server}{URL}?limit=1", headers={**member.auth, "Host": "evil.example"})

    assert response.json()["next"] == f"{live_server}{URL}?limit=1&page=2"


def test_page_links_are_under_the_public_base_url_when_it_is_set(client, member, settings):
    for name in ("Travel", "Food"):
        create_bucket(client, member, name)
    settings(public_base_url="https://lists.example.com")

    response = client.get(f"{URL}?limit=1&page=2", headers={**member.auth, "Host": "evil.example"})

    assert response.json()["previous"] == f"https://lists.example.com{URL}?limit=1&page=1"
