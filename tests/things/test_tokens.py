from datetime import timedelta

import pytest

from core.security import digest
from models.base import utc_now
from models.things import Token
from tests.things.helpers import CHALLENGE, PASSWORD, assert_error, log_in, member, sign_up

URL = "/things/login"
INVALID_LOGIN = "Access denied: invalid username or password."


@pytest.fixture
def kay_id(client):
    return sign_up(client, "kay")


def test_login_answers_the_token_in_the_body_and_the_authentication_header(client, kay_id):
    response = client.post(URL, json={"username": "kay", "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body == {"id": kay_id, "name": "kay", "token": body["token"]}
    assert response.headers["authentication"] == f"bearer {body['token']}"


def test_login_stores_only_a_digest_of_the_token_valid_for_30_days(client, kay_id):
    before = utc_now()

    token = log_in(client, "kay")

    stored = Token.get()
    assert stored.user_id == kay_id
    assert stored.digest == digest(token) != token
    assert before + timedelta(days=30) <= stored.expires_at <= utc_now() + timedelta(days=30)


def test_the_token_from_login_opens_the_stuff(client, kay_id):
    response = client.post(URL, json={"username": "kay", "password": PASSWORD})

    stuff = client.get("/things/stuff", headers={"Authentication": response.headers["authentication"]})

    assert stuff.status_code == 200


def test_each_login_issues_a_new_token_and_earlier_ones_keep_working(client, kay_id):
    first, second = log_in(client, "kay"), log_in(client, "kay")

    assert first != second
    for token in (first, second):
        assert client.get("/things/stuff", headers={"Authentication": f"bearer {token}"}).status_code == 200
    assert Token.select().count() == 2


def test_login_purges_the_users_expired_tokens_only(client, kay_id):
    dog = member(client, "dog")
    log_in(client, "kay")
    Token.update(expires_at=utc_now() - timedelta(seconds=1)).execute()

    log_in(client, "kay")

    assert Token.select().where(Token.user == kay_id).count() == 1
    assert Token.select().where(Token.user == dog.id).count() == 1


@pytest.mark.parametrize(
    "username, password", [("kay", "wrong password"), ("nobody", PASSWORD), ("Kay", PASSWORD)]
)
def test_wrong_username_or_password_is_denied_alike(client, kay_id, username, password):
    response = client.post(URL, json={"username": username, "password": password})

    assert_error(response, 401, INVALID_LOGIN)
    assert response.headers["www-authenticate"] == CHALLENGE
    assert "authentication" not in response.headers
    assert Token.select().count() == 0


def test_login_needs_a_username_and_a_password(client, kay_id):
    response = client.post(URL, json={"username": "kay"})

    assert_error(response, 400, "password is required")
    assert Token.select().count() == 0


def test_login_with_trailing_slash(client, kay_id):
    assert client.post(URL + "/", json={"username": "kay", "password": PASSWORD}).status_code == 200
