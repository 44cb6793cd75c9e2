import dataclasses
import json

import pytest
from playhouse.test_utils import count_queries

from app import create_app
from models.things import Thing
from tests.things.helpers import assert_access_denied, assert_error, post_thing

URL = "/things/stuff"


def thing_url(thing: dict | int) -> str:
    return f"{URL}/{thing['id'] if isinstance(thing, dict) else thing}"


def stored(thing: dict) -> dict:
    row = Thing.get_by_id(thing["id"])
    return {"id": row.id, "name": row.name, **row.attributes}


# --- list -----------------------------------------------------------------------------


def test_list_stuff_when_there_is_none(client, kay):
    response = client.get(URL, headers=kay.auth)

    assert response.status_code == 200
    assert response.json() == []
    assert "link" not in response.headers


def test_list_stuff_gives_only_the_callers_things_oldest_first(client, kay, dog):
    first = post_thing(client, kay, "My first thing")
    post_thing(client, dog, "Not yours")
    second = post_thing(client, kay, "My second thing", color="blue", tags=["home"])

    response = client.get(URL, headers=kay.auth)

    assert response.status_code == 200
    assert response.json() == [
        {"id": first["id"], "name": "My first thing"},
        {"id": second["id"], "name": "My second thing", "color": "blue", "tags": ["home"]},
    ]


def test_list_stuff_runs_two_queries_however_many_things(client, kay):
    Thing.insert_many([{"owner": kay.id, "name": f"thing {n}", "attributes": {"n": n}} for n in range(150)]).execute()

    with count_queries() as counted:
        response = client.get(URL, headers=kay.auth)

    assert counted.count == 2  # the token, then the page
    assert len(response.json()) == 100
    assert response.json()[99] == {"id": response.json()[99]["id"], "name": "thing 99", "n": 99}


def test_list_stuff_pages_with_limit_offset_and_a_next_link(client, kay):
    ids = [post_thing(client, kay, f"thing {n}")["id"] for n in range(5)]

    first = client.get(URL, params={"limit": 2}, headers=kay.auth)
    last = client.get(URL, params={"limit": 2, "offset": 4}, headers=kay.auth)

    assert [thing["id"] for thing in first.json()] == ids[:2]
    assert first.headers["link"] == '<http://testserver/things/stuff?limit=2&offset=2>; rel="next"'
    assert [thing["id"] for thing in last.json()] == ids[4:]
    assert "link" not in last.headers


def test_list_stuff_has_no_next_link_when_the_page_ends_exactly(client, kay):
    for n in range(2):
        post_thing(client, kay, f"thing {n}")

    assert "link" not in client.get(URL, params={"limit": 2}, headers=kay.auth).headers


@pytest.mark.parametrize(
    "params, message",
    [
        ({"limit": 0}, "limit must be at least 1"),
        ({"limit": 101}, "limit must be at most 100"),
        ({"offset": -1}, "offset must be at least 0"),
        ({"limit": "many"}, "limit must be an integer"),
        ({"page": 2}, "page is not allowed"),
    ],
)
def test_list_stuff_rejects_bad_parameters(client, kay, params, message):
    assert_error(client.get(URL, params=params, headers=kay.auth), 400, message)


def test_list_stuff_without_a_token_is_denied(client):
    assert_access_denied(client.get(URL))


# --- create ---------------------------------------------------------------------------


def test_create_thing_answers_201_with_the_thing_and_its_attributes(client, kay):
    body = {"name": "My new thing", "color": "red", "size": 3.5, "tags": ["a", "b"], "meta": {"x": None}}

    response = client.post(URL, json=body, headers=kay.auth)

    assert response.status_code == 201
    thing = response.json()
    assert thing == {"id": thing["id"], **body}
    assert list(thing)[:2] == ["id", "name"]
    assert stored(thing) == thing
    assert Thing.get_by_id(thing["id"]).owner_id == kay.id


def test_create_thing_in_three_queries(client, kay):
    with count_queries() as counted:
        response = client.post(URL, json={"name": "x", "color": "red"}, headers=kay.auth)

    assert response.status_code == 201
    assert counted.count == 3  # the token, then the insert and the owner's things version


def test_create_thing_ignores_an_id_in_the_body(client, kay):
    response = client.post(URL, json={"id": 736, "name": "mine"}, headers=kay.auth)

    thing = response.json()
    assert thing == {"id": thing["id"], "name": "mine"}
    assert thing["id"] != 736
    assert Thing.get_by_id(thing["id"]).attributes == {}


def test_attributes_keep_any_text_as_sent(client, kay):
    body = b'{"name": "caf\\u00e9 \\ud83d\\ude00", "note": "\\udabb", "\\u00fc": "\\u0000"}'

    response = client.post(URL, content=body, headers={**kay.auth, "Content-Type": "application/json"})

    assert response.status_code == 201
    assert response.json() == {"id": response.json()["id"], **json.loads(body)}
    assert client.get(URL, headers=kay.auth).json() == [response.json()]


@pytest.mark.parametrize(
    "body, message",
    [
        ({}, "name is required"),
        ({"color": "red"}, "name is required"),
        ({"name": None}, "name is required"),
        ({"name": ""}, "name can't be blank"),
        ({"name": " \t\n"}, "name can't be blank"),
        ({"name": 7}, "name must be a string"),
        ({"name": "n" * 256}, "name must be at most 255 characters"),
        ({"name": "x", "notes": "n" * 16385}, "notes must be at most 16384 characters"),
        ({"name": "x", "list": [0] * 1001}, "list must have at most 1000 items"),
        ({"name": "x", **{f"a{n}": n for n in range(100)}}, "body must have at most 100 entries"),
        (["name"], "body must be an object"),
        ({"name": 7, "notes": "n" * 16385}, "name must be a string; notes must be at most 16384 characters"),
    ],
)
def test_create_invalid_thing_is_rejected_naming_the_field(client, kay, body, message):
    response = client.post(URL, json=body, headers=kay.auth)

    assert_error(response, 400, message)
    assert Thing.select().count() == 0


def test_a_name_of_255_characters_is_accepted(client, kay):
    assert post_thing(client, kay, "é" * 255)["name"] == "é" * 255


def test_a_thing_may_be_16384_bytes_of_json_not_more(client, kay):
    overhead = len('{"name":"xy","notes":""}')
    fits = {"name": "xy", "notes": "é" * ((16384 - overhead) // 2)}  # two bytes each in UTF-8
    assert len(json.dumps(fits, ensure_ascii=False, separators=(",", ":")).encode()) == 16384

    assert client.post(URL, json=fits, headers=kay.auth).status_code == 201
    response = client.post(URL, json={**fits, "n": 1}, headers=kay.auth)

    assert_error(response, 400, "A thing must be at most 16384 bytes of JSON; this one is 16390")
    assert Thing.select().count() == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "RequestBody is required"),
        (b'{"name": ', "The request body is not valid JSON"),
        (b'{"name": "x", "n": NaN}', "The request body is not valid JSON"),
        (b'{"name": "x", "n": 1e999}', "The request body is not valid JSON"),
        (b'{"name": "x", "n": ' + b"[" * 5000 + b"]" * 5000 + b"}", "The request body is not valid JSON"),
        (b'{"name": "x\\udabb"}', "name must not contain NUL characters or lone surrogates"),
        (b'{"name": "x\\u0000"}', "name must not contain NUL characters or lone surrogates"),
    ],
    ids=["empty", "malformed", "nan", "infinite", "too-deep", "lone-surrogate-name", "nul-in-name"],
)
def test_create_thing_with_an_unreadable_body_is_a_bad_request(client, kay, content, message):
    response = client.post(URL, content=content, headers={**kay.auth, "Content-Type": "application/json"})

    assert_error(response, 400, message)
    assert Thing.select().count() == 0


def test_create_thing_needs_a_json_body(client, kay):
    response = client.post(URL, data={"name": "x"}, headers=kay.auth)

    assert response.status_code == 415
    assert response.json() == {
        "code": 415,
        "message": "Invalid Content-type (application/x-www-form-urlencoded), expected ['application/json']",
    }
    assert Thing.select().count() == 0


def test_create_thing_without_a_token_is_denied(client):
    assert_access_denied(client.post(URL, json={"name": "x"}))
    assert Thing.select().count() == 0


# --- update ---------------------------------------------------------------------------


def test_update_thing_replaces_its_name_and_attributes(client, kay):
    thing = post_thing(client, kay, "old", color="red", size=1)
    before = Thing.get_by_id(thing["id"]).updated_at

    response = client.put(thing_url(thing), json={"name": "new", "color": "green"}, headers=kay.auth)

    assert response.status_code == 200
    assert response.json() == {"id": thing["id"], "name": "new", "color": "green"}
    assert stored(thing) == response.json()
    assert Thing.get_by_id(thing["id"]).updated_at > before


def test_update_thing_in_two_queries(client, kay):
    thing = post_thing(client, kay)

    with count_queries() as counted:
        client.put(thing_url(thing), json={"name": "new"}, headers=kay.auth)

    assert counted.count == 2  # the token, then the update


def test_update_thing_ignores_an_id_in_the_body(client, kay):
    thing = post_thing(client, kay, "old")
    other = post_thing(client, kay, "other")

    response = client.put(thing_url(thing), json={"id": other["id"], "name": "new"}, headers=kay.auth)

    assert response.json() == {"id": thing["id"], "name": "new"}
    assert stored(other) == other


def test_update_thing_of_another_user_is_not_found(client, kay, dog):
    thing = post_thing(client, dog, "dog's", color="brown")

    response = client.put(thing_url(thing), json={"name": "mine now"}, headers=kay.auth)

    assert_error(response, 404, f"Your thing (id: {thing['id']}) was not found")
    assert stored(thing) == thing


def test_update_missing_thing_is_not_found(client, kay):
    response = client.put(thing_url(999), json={"name": "x"}, headers=kay.auth)

    assert_error(response, 404, "Your thing (id: 999) was not found")


@pytest.mark.parametrize(
    "thing_id, status, message",
    [("abc", 404, "Not Found"), ("0", 400, "id must be at least 1"), ("9" * 12, 400, "id must be at most 2147483647")],
)
def test_update_impossible_id(client, kay, thing_id, status, message):
    assert_error(client.put(f"{URL}/{thing_id}", json={"name": "x"}, headers=kay.auth), status, message)


def test_update_thing_without_a_name_is_rejected(client, kay):
    thing = post_thing(client, kay, "old", color="red")

    response = client.put(thing_url(thing), json={"color": "green"}, headers=kay.auth)

    assert_error(response, 400, "name is required")
    assert stored(thing) == thing


def test_update_thing_over_16384_bytes_is_rejected(client, kay):
    thing = post_thing(client, kay, "old")

    response = client.put(thing_url(thing), json={"name": "x", "a": "a" * 9000, "b": "b" * 9000}, headers=kay.auth)

    assert response.status_code == 400
    assert response.json()["message"].startswith("A thing must be at most 16384 bytes of JSON")
    assert stored(thing) == thing


def test_update_thing_without_a_token_is_denied(client, kay):
    thing = post_thing(client, kay, "old")

    assert_access_denied(client.put(thing_url(thing), json={"name": "new"}))
    assert stored(thing) == thing


# --- delete ---------------------------------------------------------------------------


def test_delete_thing_answers_the_documented_message(client, kay):
    thing = post_thing(client, kay)

    response = client.delete(thing_url(thing), headers=kay.auth)

    assert response.status_code == 200
    assert response.json() == {"code": 200, "message": f"Your thing (id: {thing['id']}) was deleted"}
    assert Thing.select().count() == 0
    assert client.get(URL, headers=kay.auth).json() == []


def test_delete_thing_twice_is_not_found(client, kay):
    thing = post_thing(client, kay)
    client.delete(thing_url(thing), headers=kay.auth)

    response = client.delete(thing_url(thing), headers=kay.auth)

    assert_error(response, 404, f"Your thing (id: {thing['id']}) was not found")


def test_delete_thing_of_another_user_is_not_found(client, kay, dog):
    thing = post_thing(client, dog, "dog's")

    response = client.delete(thing_url(thing), headers=kay.auth)

    assert_error(response, 404, f"Your thing (id: {thing['id']}) was not found")
    assert stored(thing) == thing


def test_delete_thing_without_a_token_is_denied(client, kay):
    thing = post_thing(client, kay)

    assert_access_denied(client.delete(thing_url(thing), headers={"Authentication": "bearer nope"}))
    assert Thing.select().count() == 1


# --- routing --------------------------------------------------------------------------


def test_wrong_method_is_405_in_the_things_shape(client, kay):
    thing = post_thing(client, kay)

    response = client.patch(thing_url(thing), json={"name": "x"}, headers=kay.auth)

    assert_error(response, 405, "Method Not Allowed")
    assert response.headers["allow"] == "DELETE, PUT"


def test_unknown_route_is_404_in_the_things_shape(client):
    assert_error(client.get("/things/stuff/1/parts"), 404, "Not Found")


def test_paths_with_a_trailing_slash_are_served_the_same(client, kay):
    thing = post_thing(client, kay)

    assert client.get(URL + "/", headers=kay.auth).json() == [thing]
    assert client.delete(thing_url(thing) + "/", headers=kay.auth).status_code == 200


def test_things_served_at_the_root_as_the_original_host(config, kay):
    with create_app(dataclasses.replace(config, api="things")).test_client() as root:
        created = [root.post("/stuff", json={"name": name}, headers=kay.auth) for name in ("one", "two")]
        assert [response.status_code for response in created] == [201, 201]
        listed = root.get("/stuff", params={"limit": 1}, headers=kay.auth)
        assert listed.json() == [created[0].json()]
        assert listed.headers["link"] == '<http://testserver/stuff?limit=1&offset=1>; rel="next"'
        assert_error(root.get("/things/stuff", headers=kay.auth), 404, "Not Found")
        assert root.get("/openapi.json").json()["info"]["title"] == "Things"


def test_a_deleted_things_id_is_never_given_again(client, kay):
    newest = post_thing(client, kay)
    assert client.delete(thing_url(newest), headers=kay.auth).status_code == 200

    assert post_thing(client, kay)["id"] > newest["id"]
