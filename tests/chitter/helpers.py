"""Helpers for Chitter tests: members with session keys, peeps, and the 401 check."""

from __future__ import annotations

import dataclasses
import re

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
ACCESS_DENIED = "HTTP Token: Access denied.\n"


@dataclasses.dataclass
class Member:
    id: int
    handle: str
    key: str

    @property
    def auth(self) -> dict:
        return {"Authorization": f"Token token={self.key}"}


def sign_up(client, handle: str, password: str = "mypassword") -> int:
    response = client.post("/chitter/users", json={"user": {"handle": handle, "password": password}})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def log_in(client, handle: str, password: str = "mypassword") -> str:
    response = client.post("/chitter/sessions", json={"session": {"handle": handle, "password": password}})
    assert response.status_code == 201, response.text
    return response.json()["session_key"]


def member(client, handle: str) -> Member:
    user_id = sign_up(client, handle)
    return Member(user_id, handle, log_in(client, handle))


def post_peep(client, author: Member, body: str = "Hello!") -> dict:
    response = client.post("/chitter/peeps", json={"peep": {"user_id": author.id, "body": body}}, headers=author.auth)
    assert response.status_code == 201, response.text
    return response.json()


def assert_access_denied(response) -> None:
    assert response.status_code == 401
    assert response.text == ACCESS_DENIED
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["www-authenticate"] == 'Token realm="Application"'
