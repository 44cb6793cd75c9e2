"""Helpers for bucket list tests: accounts with tokens, buckets, items, and the failed shape."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

from core.security import issue_jwt
from handlers.bucketlist.auth import AUDIENCE
from models.bucketlist import User

API = "/bucketlist/v1"
ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$")
HTTP_DATE = re.compile(r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$")


@dataclasses.dataclass
class Account:
    id: int
    email: str
    password: str
    token: str

    @property
    def auth(self) -> dict:
        return bearer(self.token)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def register(client, email: str = "example@gmail.com", password: str = "123456") -> Account:
    response = client.post(f"{API}/auth/register", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    token = response.json()["auth_token"]
    me = client.get(f"{API}/bucketlists", headers=bearer(token))
    assert me.status_code == 200, me.text
    return Account(User.get(User.email == email.lower()).id, email, password, token)


def token_for(user_id: int, ttl: timedelta = timedelta(hours=1), **claims) -> str:
    """A token as the API issues it (or, with a negative ttl, one that has expired)."""
    return issue_jwt(str(user_id), ttl, **{"aud": AUDIENCE, **claims})


def create_bucket(client, account: Account, name: str = "Travel") -> dict:
    response = client.post(f"{API}/bucketlists", json={"name": name}, headers=account.auth)
    assert response.status_code == 201, response.text
    assert isinstance(response.json()["id"], int)
    return response.json()


def create_item(
    client, account: Account, bucket_id: int, name: str = "food", description: str | None = "Enjoying the good life"
) -> dict:
    body = {"name": name, "description": description}
    response = client.post(f"{API}/bucketlists/{bucket_id}/items", json=body, headers=account.auth)
    assert response.status_code == 200, response.text
    return response.json()["item"]


def assert_failed(response, status: int, message: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"status": "failed", "message": message}
