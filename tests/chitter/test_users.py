import dataclasses

import httpx
import pytest

from core.config import activate
from core.security import verify_password
from models.chitter import User
from tests.chitter.helpers import sign_up

URL = "/chitter/users"


def test_create_user_answers_201_with_id_handle_and_location(client):
    response = client.post(URL, json={"user": {"handle": "kay", "password": "mypassword"}})

    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    user = User.get(User.handle == "kay")
    assert response.json() == {"id": user.id, "handle": "kay"}
    assert response.headers["location"] == f"http://testserver/chitter/users/{user.id}"


def test_create_user_stores_a_password_hash_and_no_session(client):
    sign_up(client, "kay", "mypassword")

    user = User.get(User.handle == "kay")
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, "mypassword")
    assert user.session_key_digest is None


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"json": {"handle": "kay", "password": "pw"}},
        {"data": {"user[handle]": "kay", "user[password]": "pw"}},
    ],
    ids=["unwrapped-json", "form-encoded"],
)
def test_create_user_accepts_the_bodies_real_clients_send(client, request_kwargs):
    response = client.post(URL, **request_kwargs)

    assert response.status_code == 201, response.text
    assert response.json()["handle"] == "kay"


def test_create_user_with_trailing_slash(client):
    response = client.post(URL + "/", json={"user": {"handle": "kay", "password": "pw"}})

    assert response.status_code == 201


def test_create_user_with_taken_handle_is_rejected(client):
    sign_up(client, "kay")

    response = client.post(URL, json={"user": {"handle": "kay", "password": "other"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["has already been taken"]}
    assert User.select().count() == 1


def test_handles_are_case_sensitive(client):
    sign_up(client, "kay")

    assert client.post(URL, json={"user": {"handle": "Kay", "password": "pw"}}).status_code == 201


@pytest.mark.parametrize("handle", [None, "", "   ", "\t\n"])
def test_create_user_with_blank_handle_is_rejected(client, handle):
    response = client.post(URL, json={"user": {"handle": handle, "password": "pw"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["can't be blank"]}
    assert User.select().count() == 0


def test_handles_may_have_30_characters_not_31(client):
    assert client.post(URL, json={"user": {"handle": "k" * 30, "password": "pw"}}).status_code == 201
    assert client.post(URL, json={"user": {"handle": "é" * 30, "password": "pw"}}).status_code == 201

    response = client.post(URL, json={"user": {"handle": "k" * 31, "password": "pw"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["Handles must be under 30 characters."]}


@pytest.mark.parametrize("user", [{"handle": "kay"}, {"handle": "kay", "password": ""}])
def test_create_user_without_password_is_rejected(client, user):
    response = client.post(URL, json={"user": user})

    assert response.status_code == 422
    assert response.json() == {"password_hash": ["can't be blank"]}


def test_create_user_reports_every_invalid_field(client):
    response = client.post(URL, json={"user": {"handle": ""}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["can't be blank"], "password_hash": ["can't be blank"]}


@pytest.mark.parametrize(
    "content, content_type",
    [(b"", "application/json"), (b'{"user": ', "application/json"), (b"\xff\xfe{}", "application/json")],
    ids=["empty", "malformed", "not-utf8"],
)
def test_create_user_with_unreadable_body_is_a_bad_request(client, content, content_type):
    response = client.post(URL, content=content, headers={"Content-Type": content_type})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "error": "Bad Request"}


def test_create_user_with_unsupported_media_type(client):
    response = client.post(URL, content=b"handle=kay", headers={"Content-Type": "text/plain"})

    assert response.status_code == 415
    assert response.json() == {"status": 415, "error": "Unsupported Media Type"}


def test_list_users_in_sign_up_order(client):
    ids = [sign_up(client, handle) for handle in ("kay", "dog", "cat")]

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == [{"id": i, "handle": h} for i, h in zip(ids, ("kay", "dog", "cat"), strict=True)]


def test_list_users_pages_with_limit_and_offset(client):
    ids = [sign_up(client, f"user{n}") for n in range(5)]

    response = client.get(URL, params={"limit": 2, "offset": 1})

    assert [user["id"] for user in response.json()] == ids[1:3]


def test_list_users_rejects_a_limit_over_100(client):
    response = client.get(URL, params={"limit": 101})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "error": "Bad Request"}


def test_get_user(client):
    user_id = sign_up(client, "kay")

    response = client.get(f"{URL}/{user_id}")

    assert response.status_code == 200
    assert response.json() == {"id": user_id, "handle": "kay"}


@pytest.mark.parametrize(
    "user_id, status, error",
    [("999", 404, "Not Found"), ("abc", 404, "Not Found"), ("0", 400, "Bad Request"), ("9" * 12, 400, "Bad Request")],
)
def test_get_missing_or_impossible_user(client, user_id, status, error):
    sign_up(client, "kay")

    response = client.get(f"{URL}/{user_id}")

    assert response.status_code == status
    assert response.json() == {"status": status, "error": error}


def test_get_user_with_trailing_slash(client):
    user_id = sign_up(client, "kay")

    assert client.get(f"{URL}/{user_id}/").json() == {"id": user_id, "handle": "kay"}


@pytest.mark.parametrize(
    "escaped_handle, message",
    [(r"a\u0000b", "must not contain NUL characters"), (r"\udabb", "must be valid Unicode")],
)
def test_strings_no_database_can_store_are_rejected(client, escaped_handle, message):
    body = f'{{"user": {{"handle": "{escaped_handle}", "password": "pw"}}}}'  # JSON escapes, sent as-is
    response = client.post(URL, content=body.encode(), headers={"Content-Type": "application/json"})

    assert response.status_code == 422
    assert response.json() == {"handle": [message]}
    assert User.select().count() == 0


def test_form_keys_sent_both_as_value_and_parent_are_a_clear_error(client):
    response = client.post(URL, content=b"user[handle][x]=1&user=2&user[password]=3",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status_code == 422
    assert response.json() == {"handle": ["can't be blank"]}


def test_any_text_is_a_password_since_only_its_hash_is_stored(client):
    body = rb'{"user": {"handle": "kay", "password": "nul\u0000 and \udabb"}}'

    response = client.post(URL, content=body, headers={"Content-Type": "application/json"})
    session = client.post(
        "/chitter/sessions",
        content=rb'{"handle": "kay", "password": "nul\u0000 and \udabb"}',
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 201
    assert session.status_code == 201


# --- absolute URLs never come from the Host header ---------------------------------------


def test_location_ignores_a_forged_host_header(live_server):
    body = {"user": {"handle": "kay", "password": "mypassword"}}

    response = httpx.post(f"{live_server}/chitter/users", json=body, headers={"Host": "evil.example"})

    assert response.status_code == 201
    assert response.headers["location"] == f"{live_server}/chitter/users/{response.json()['id']}"


def test_location_is_under_the_public_base_url_when_it_is_set(client, config):
    activate(dataclasses.replace(config, public_base_url="https://api.example.com/"))
    try:
        response = client.post("/chitter/users", json={"user": {"handle": "kay", "password": "mypassword"}},
                               headers={"Host": "evil.example"})
    finally:
        activate(config)

    assert response.headers["location"] == f"https://api.example.com/chitter/users/{response.json()['id']}"


# --- handles that impersonate others --------------------------------------------------

DECEPTIVE = {
    "zero-width space": "k\u200bay",
    "byte order mark": "\ufeffkay",
    "right-to-left override": "ka\u202ey",
    "control character": "ka\u0007y",
    "Cyrillic а among Latin letters": "k\u0430y",
}


@pytest.mark.parametrize("handle", DECEPTIVE.values(), ids=DECEPTIVE.keys())
def test_a_handle_with_hidden_or_mixed_script_letters_is_refused(client, handle):
    response = client.post("/chitter/users", json={"user": {"handle": handle, "password": "mypassword"}})

    assert response.status_code == 422
    assert list(response.json()) == ["handle"]
    assert response.json()["handle"][0].startswith("is invalid: it has ")
    assert User.select().count() == 0


@pytest.mark.parametrize("handle", ["ｋａｙ", " kay", "kay\u00a0"], ids=["fullwidth", "leading space", "trailing nbsp"])
def test_a_handle_that_normalises_to_a_taken_one_is_taken(client, handle):
    sign_up(client, "kay")

    response = client.post("/chitter/users", json={"user": {"handle": handle, "password": "mypassword"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["has already been taken"]}


def test_a_handle_is_stored_normalised_and_logs_in_as_typed(client):
    user_id = sign_up(client, "ｋａｙ")

    assert User.get_by_id(user_id).handle == "kay"
    response = client.post("/chitter/sessions", json={"session": {"handle": "ｋａｙ", "password": "mypassword"}})
    assert response.status_code == 201


def test_a_handle_wholly_in_another_script_is_accepted(client):
    assert client.get(f"/chitter/users/{sign_up(client, 'кау')}").json()["handle"] == "кау"


def test_a_handle_that_normalises_past_30_characters_is_too_long(client):
    response = client.post("/chitter/users", json={"user": {"handle": "\ufdfa\ufdfa", "password": "mypassword"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["Handles must be under 30 characters."]}


def test_a_handle_of_only_separator_characters_is_blank(client):
    response = client.post("/chitter/users", json={"user": {"handle": "\x1c\x1f", "password": "mypassword"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["can't be blank"]}
