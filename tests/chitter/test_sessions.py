import pytest

from core.security import digest
from models.chitter import User
from tests.chitter.helpers import assert_access_denied, log_in, sign_up

URL = "/chitter/sessions"
INVALID = {"errors": {"password": "Invalid username or password"}}


@pytest.fixture
def kay_id(client):
    return sign_up(client, "Kay", "hashyhash")


def test_create_session_answers_user_id_and_the_stored_key(client, kay_id):
    response = client.post(URL, json={"session": {"handle": "Kay", "password": "hashyhash"}})

    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body == {"user_id": kay_id, "session_key": body["session_key"]}
    stored = User.get_by_id(kay_id).session_key_digest
    assert stored == digest(body["session_key"]) != body["session_key"]


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"json": {"handle": "Kay", "password": "hashyhash"}},
        {"data": {"session[handle]": "Kay", "session[password]": "hashyhash"}},
    ],
    ids=["unwrapped-json", "form-encoded"],
)
def test_create_session_accepts_the_bodies_real_clients_send(client, kay_id, request_kwargs):
    response = client.post(URL + "/", **request_kwargs)

    assert response.status_code == 201, response.text
    assert response.json()["user_id"] == kay_id


@pytest.mark.parametrize("handle, password", [("Kay", "hoopyhoop"), ("Nobody", "hashyhash"), ("kay", "hashyhash")])
def test_wrong_handle_or_password_is_rejected_alike(client, kay_id, handle, password):
    response = client.post(URL, json={"session": {"handle": handle, "password": password}})

    assert response.status_code == 422
    assert response.json() == INVALID
    assert User.get_by_id(kay_id).session_key_digest is None


def test_create_session_without_a_handle_is_rejected(client, kay_id):
    response = client.post(URL, json={"session": {"password": "hashyhash"}})

    assert response.status_code == 422
    assert response.json() == {"handle": ["can't be blank"]}


def test_a_new_session_ends_the_previous_one(client, kay_id):
    first = log_in(client, "Kay", "hashyhash")
    second = log_in(client, "Kay", "hashyhash")
    peep = {"peep": {"user_id": kay_id, "body": "hi"}}

    old = client.post("/chitter/peeps", json=peep, headers={"Authorization": f"Token token={first}"})
    new = client.post("/chitter/peeps", json=peep, headers={"Authorization": f"Token token={second}"})

    assert_access_denied(old)
    assert new.status_code == 201
