import pytest

from core.security import verify_password
from models.things import Token, User
from tests.things.helpers import PASSWORD, assert_error, sign_up

URL = "/things/users"


def test_sign_up_answers_201_with_id_and_name(client):
    response = client.post(URL, json={"username": "kay", "password": PASSWORD})

    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    user = User.get(User.username == "kay")
    assert response.json() == {"id": user.id, "name": "kay"}


def test_sign_up_stores_a_password_hash_and_issues_no_token(client):
    sign_up(client, "kay")

    user = User.get(User.username == "kay")
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, PASSWORD)
    assert Token.select().count() == 0


def test_sign_up_with_trailing_slash(client):
    assert client.post(URL + "/", json={"username": "kay", "password": PASSWORD}).status_code == 201


def test_sign_up_with_a_taken_username_is_a_conflict(client):
    sign_up(client, "kay")

    response = client.post(URL, json={"username": "kay", "password": "another password"})

    assert_error(response, 409, "The username kay is already taken")
    assert User.select().count() == 1


def test_usernames_are_case_sensitive(client):
    sign_up(client, "kay")

    assert client.post(URL, json={"username": "Kay", "password": PASSWORD}).status_code == 201


@pytest.mark.parametrize(
    "username, message",
    [
        ("", "username must be one word, without spaces"),
        ("kay smith", "username must be one word, without spaces"),
        (" kay", "username must be one word, without spaces"),
        ("k" * 256, "username must be at most 255 characters"),
        (7, "username must be a string"),
        (None, "username is required"),
    ],
)
def test_sign_up_with_an_invalid_username_is_rejected(client, username, message):
    response = client.post(URL, json={"username": username, "password": PASSWORD})

    assert_error(response, 400, message)
    assert User.select().count() == 0


def test_usernames_may_have_255_characters(client):
    assert client.post(URL, json={"username": "é" * 255, "password": PASSWORD}).status_code == 201


@pytest.mark.parametrize("username", ["k\\udabb", "k\\u0000"], ids=["lone-surrogate", "nul"])
def test_sign_up_with_unstorable_text_is_rejected(client, username):
    body = b'{"username": "%s", "password": "correct horse"}' % username.encode()

    response = client.post(URL, content=body, headers={"Content-Type": "application/json"})

    assert_error(response, 400, "username must not contain NUL characters or lone surrogates")
    assert User.select().count() == 0


@pytest.mark.parametrize(
    "password, message",
    [("short", "password must be at least 8 characters"), ("p" * 1025, "password must be at most 1024 characters")],
)
def test_sign_up_with_a_password_out_of_bounds_is_rejected(client, password, message):
    response = client.post(URL, json={"username": "kay", "password": password})

    assert_error(response, 400, message)
    assert User.select().count() == 0


def test_sign_up_names_every_missing_field(client):
    response = client.post(URL, json={})

    assert_error(response, 400, "username is required; password is required")


def test_sign_up_with_an_unknown_field_is_rejected(client):
    response = client.post(URL, json={"username": "kay", "password": PASSWORD, "admin": True})

    assert_error(response, 400, "admin is not allowed")
    assert User.select().count() == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "RequestBody is required"),
        (b'{"username": ', "The request body is not valid JSON"),
        (b"\xff\xfe{}", "The request body is not valid JSON"),
    ],
    ids=["empty", "malformed", "not-utf8"],
)
def test_sign_up_with_an_unreadable_body_is_a_bad_request(client, content, message):
    response = client.post(URL, content=content, headers={"Content-Type": "application/json"})

    assert_error(response, 400, message)


def test_sign_up_with_a_form_body_is_an_unsupported_media_type(client):
    response = client.post(URL, data={"username": "kay", "password": PASSWORD})

    assert response.status_code == 415
    assert response.json()["code"] == 415
    assert "application/json" in response.json()["message"]
    assert User.select().count() == 0


# --- usernames that impersonate others ------------------------------------------------

DECEPTIVE = {
    "zero-width space": ("k\u200bay", "invisible or control characters"),
    "byte order mark": ("\ufeffkay", "invisible or control characters"),
    "right-to-left override": ("ka\u202ey", "invisible or control characters"),
    "C1 control character": ("ka\u0080y", "invisible or control characters"),
    "Cyrillic а among Latin letters": ("k\u0430y", "letters of more than one script"),
}


@pytest.mark.parametrize(("username", "flaw"), DECEPTIVE.values(), ids=DECEPTIVE.keys())
def test_a_username_with_hidden_or_mixed_script_letters_is_refused(client, username, flaw):
    response = client.post("/things/users", json={"username": username, "password": PASSWORD})

    assert_error(response, 400, f"username must not contain {flaw}")
    assert User.select().count() == 0


def test_a_fullwidth_username_is_the_plain_one(client):
    sign_up(client, "kay")

    response = client.post("/things/users", json={"username": "ｋａｙ", "password": PASSWORD})

    assert_error(response, 409, "The username kay is already taken")
    assert client.post("/things/login", json={"username": "ｋａｙ", "password": PASSWORD}).status_code == 200
