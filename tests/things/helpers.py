"""Helpers for Things tests: members with tokens, things, and the 401 check."""

from __future__ import annotations

import dataclasses

PASSWORD = "correct horse battery"
ACCESS_DENIED = {"code": 401, "message": "Access denied: invalid authentication token."}
CHALLENGE = 'Bearer realm="things"'


@dataclasses.dataclass
class Member:
    id: int
    name: str
    token: str

    @property
    def auth(self) -> dict:
        """The header as the documentation shows it."""
        return {"Authentication": f"bearer {self.token}"}


def sign_up(client, username: str, password: str = PASSWORD) -> int:
    response = client.post("/things/users", json={"username": username, "password": password})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def log_in(client, username: str, password: str = PASSWORD) -> str:
    response = client.post("/things/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def member(client, username: str) -> Member:
    user_id = sign_up(client, username)
    return Member(user_id, username, log_in(client, username))


def post_thing(client, owner: Member, name: str = "My first thing", **attributes) -> dict:
    response = client.post("/things/stuff", json={"name": name, **attributes}, headers=owner.auth)
    assert response.status_code == 201, response.text
    return response.json()


def assert_error(response, status: int, message: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"code": status, "message": message}


def assert_access_denied(response) -> None:
    assert response.status_code == 401
    assert response.json() == ACCESS_DENIED
    assert response.headers["www-authenticate"] == CHALLENGE
