from datetime import timedelta

import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.chitter import Like, Peep
from tests.chitter.helpers import TIMESTAMP, assert_access_denied, post_peep

URL = "/chitter/peeps"


def create(client, author, body="Hello!", **headers):
    return client.post(URL, json={"peep": {"user_id": author.id, "body": body}}, headers=headers or author.auth)


# --- create ---------------------------------------------------------------------------


def test_create_peep_answers_201_with_the_peep_and_location(client, kay):
    response = create(client, kay, "my first peep :)")

    assert response.status_code == 201
    peep = Peep.get()
    body = response.json()
    assert body == {
        "id": peep.id,
        "body": "my first peep :)",
        "created_at": body["created_at"],
        "updated_at": body["created_at"],
        "user": {"id": kay.id, "handle": "Kay"},
        "likes": [],
    }
    assert TIMESTAMP.match(body["created_at"])
    assert list(body) == ["id", "body", "created_at", "updated_at", "user", "likes"]
    assert response.headers["location"] == f"http://testserver/chitter/peeps/{peep.id}"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"json": {"peep": {"user_id": "USER_ID", "body": "hi"}}},
        {"json": {"user_id": "USER_ID", "body": "hi"}},
        {"data": {"peep[user_id]": "USER_ID", "peep[body]": "hi"}},
    ],
    ids=["string-user-id", "unwrapped", "form-encoded"],
)
def test_create_peep_accepts_the_bodies_real_clients_send(client, kay, request_kwargs):
    fill = {"USER_ID": str(kay.id)}
    kwargs = {
        kind: {k: ({kk: fill.get(vv, vv) for kk, vv in v.items()} if isinstance(v, dict) else fill.get(v, v))
               for k, v in payload.items()}
        for kind, payload in request_kwargs.items()
    }

    response = client.post(URL + "/", headers=kay.auth, **kwargs)

    assert response.status_code == 201, response.text
    assert response.json()["user"] == {"id": kay.id, "handle": "Kay"}


@pytest.mark.parametrize("scheme", ['Token token="{key}"', "Token {key}", "Bearer {key}", "Token token={key}, x=y"])
def test_create_peep_accepts_every_token_form(client, kay, scheme):
    response = create(client, kay, Authorization=scheme.format(key=kay.key))

    assert response.status_code == 201


@pytest.mark.parametrize("header", [None, "", "token token={key}", "{key}", "Token token=", "Token token=horse"])
def test_create_peep_without_a_valid_key_is_denied(client, kay, header):
    headers = {} if header is None else {"Authorization": header.format(key=kay.key)}

    response = client.post(URL, json={"peep": {"user_id": kay.id, "body": "hi"}}, headers=headers)

    assert_access_denied(response)
    assert Peep.select().count() == 0


def test_create_peep_as_another_user_is_denied(client, kay, dog):
    response = create(client, dog, Authorization=f"Token token={kay.key}")

    assert_access_denied(response)
    assert Peep.select().count() == 0


def test_create_peep_for_a_user_who_never_logged_in_is_denied(client, kay):
    other = client.post("/chitter/users", json={"user": {"handle": "Never", "password": "pw"}}).json()

    response = client.post(URL, json={"peep": {"user_id": other["id"], "body": "hi"}}, headers=kay.auth)

    assert_access_denied(response)


def test_create_peep_for_an_unknown_user_is_not_found(client, kay):
    response = client.post(URL, json={"peep": {"user_id": 999, "body": "hi"}}, headers=kay.auth)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Not Found"}


@pytest.mark.parametrize("body", [None, "", "  \n "])
def test_create_peep_with_blank_body_is_rejected(client, kay, body):
    response = create(client, kay, body)

    assert response.status_code == 422
    assert response.json() == {"body": ["can't be blank"]}
    assert Peep.select().count() == 0


def test_peeps_may_have_280_characters_not_281(client, kay):
    assert create(client, kay, "a" * 280).status_code == 201
    assert create(client, kay, "🐦" * 280).status_code == 201

    response = create(client, kay, "a" * 281)

    assert response.status_code == 422
    assert response.json() == {"body": ["Peeps must be under 280 characters."]}


def test_create_peep_with_unknown_field_is_rejected(client, kay):
    response = client.post(URL, json={"peep": {"user_id": kay.id, "body": "hi", "admin": True}}, headers=kay.auth)

    assert response.status_code == 422
    assert response.json() == {"admin": ["is not allowed"]}


# --- read -----------------------------------------------------------------------------


def test_list_peeps_gives_the_newest_50_newest_first(client, kay):
    peeps = [post_peep(client, kay, f"peep {n}") for n in range(55)]

    response = client.get(URL, params={"page": 2})  # unknown parameters are ignored

    assert response.status_code == 200
    assert [p["id"] for p in response.json()] == [p["id"] for p in reversed(peeps)][:50]


def test_list_peeps_breaks_timestamp_ties_by_newest_id(client, kay):
    first, second = post_peep(client, kay), post_peep(client, kay)
    Peep.update(created_at=utc_now() - timedelta(days=1)).execute()

    assert [p["id"] for p in client.get(URL).json()] == [second["id"], first["id"]]


def test_list_peeps_embeds_likes_in_two_queries(client, kay, dog):
    peeps = [post_peep(client, kay, f"peep {n}") for n in range(60)]
    for peep in peeps:
        for liker in (kay, dog):
            Like.create(user=liker.id, peep=peep["id"])

    with count_queries() as counted:
        response = client.get(URL)

    assert counted.count == 2
    newest = response.json()[0]
    assert newest["likes"] == [{"user": {"id": kay.id, "handle": "Kay"}}, {"user": {"id": dog.id, "handle": "Dog"}}]
    assert len(response.json()) == 50


def test_list_peeps_when_there_are_none(client):
    assert client.get(URL).json() == []


def test_get_peep_with_its_likes(client, kay, dog):
    peep = post_peep(client, dog, "world")
    client.put(f"{URL}/{peep['id']}/likes/{dog.id}", headers=dog.auth)

    response = client.get(f"{URL}/{peep['id']}")

    assert response.status_code == 200
    assert response.json() == {**peep, "likes": [{"user": {"id": dog.id, "handle": "Dog"}}]}


@pytest.mark.parametrize("peep_id", ["999999", "abc"])
def test_get_missing_peep_is_not_found(client, peep_id):
    response = client.get(f"{URL}/{peep_id}")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Not Found"}


# --- update ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch"])
def test_update_peep_changes_body_and_updated_at(client, kay, method):
    peep = post_peep(client, kay, "Hello!")

    response = client.request(method, f"{URL}/{peep['id']}", json={"peep": {"body": "Woop!"}}, headers=kay.auth)

    assert response.status_code == 200
    updated = response.json()
    assert updated["body"] == "Woop!"
    assert updated["created_at"] == peep["created_at"]
    assert updated["updated_at"] >= peep["updated_at"]
    assert Peep.get_by_id(peep["id"]).body == "Woop!"


def test_update_peep_ignores_a_user_id_in_the_body(client, kay, dog):
    peep = post_peep(client, kay)

    response = client.put(f"{URL}/{peep['id']}", json={"body": "mine", "user_id": dog.id}, headers=kay.auth)

    assert response.json()["user"]["id"] == kay.id


def test_update_someone_elses_peep_is_denied(client, kay, dog):
    peep = post_peep(client, dog, "world")

    response = client.put(f"{URL}/{peep['id']}", json={"peep": {"body": "Woop!"}}, headers=kay.auth)

    assert_access_denied(response)
    assert Peep.get_by_id(peep["id"]).body == "world"


def test_update_peep_with_bad_key_is_denied(client, kay):
    peep = post_peep(client, kay, "Hello!")

    response = client.put(f"{URL}/{peep['id']}", json={"body": "Woop!"}, headers={"Authorization": "Token token=horse"})

    assert_access_denied(response)
    assert Peep.get_by_id(peep["id"]).body == "Hello!"


def test_update_missing_peep_is_not_found(client, kay):
    response = client.put(f"{URL}/999", json={"body": "Woop!"}, headers=kay.auth)

    assert response.status_code == 404


def test_update_peep_with_blank_body_is_rejected(client, kay):
    peep = post_peep(client, kay, "Hello!")

    response = client.put(f"{URL}/{peep['id']}", json={"peep": {"body": None}}, headers=kay.auth)

    assert response.status_code == 422
    assert response.json() == {"body": ["can't be blank"]}
    assert Peep.get_by_id(peep["id"]).body == "Hello!"


# --- delete ---------------------------------------------------------------------------


def test_delete_peep_answers_204_and_removes_its_likes(client, kay, dog):
    peep = post_peep(client, kay)
    Like.create(user=dog.id, peep=peep["id"])

    response = client.delete(f"{URL}/{peep['id']}", headers=kay.auth)

    assert response.status_code == 204
    assert response.content == b""
    assert Peep.select().count() == 0
    assert Like.select().count() == 0
    assert client.get(f"{URL}/{peep['id']}").status_code == 404


def test_delete_someone_elses_peep_is_denied(client, kay, dog):
    peep = post_peep(client, dog)

    assert_access_denied(client.delete(f"{URL}/{peep['id']}", headers=kay.auth))
    assert Peep.select().count() == 1


def test_delete_peep_with_bad_key_is_denied(client, kay):
    peep = post_peep(client, kay)

    assert_access_denied(client.delete(f"{URL}/{peep['id']}", headers={"Authorization": "Token token=horse"}))
    assert_access_denied(client.delete(f"{URL}/{peep['id']}"))
    assert Peep.select().count() == 1


def test_delete_missing_peep_is_not_found(client, kay):
    assert client.delete(f"{URL}/999", headers=kay.auth).status_code == 404


def test_a_deleted_peeps_id_is_never_given_again(client, kay):
    newest = post_peep(client, kay)
    assert client.delete(f"{URL}/{newest['id']}", headers=kay.auth).status_code == 204

    assert post_peep(client, kay)["id"] > newest["id"]
