"""Tokens are accepted from either header, the scheme word in any case; anything else is the 401."""

from datetime import timedelta

import pytest

from models.base import utc_now
from models.things import Token
from tests.things.helpers import assert_access_denied, post_thing

URL = "/things/stuff"


@pytest.mark.parametrize(
    "header, value",
    [
        ("Authentication", "bearer {token}"),
        ("Authentication", "Bearer {token}"),
        ("Authentication", "BEARER  {token} "),
        ("Authorization", "Bearer {token}"),
        ("Authorization", "bearer {token}"),
    ],
)
def test_token_is_accepted_from_either_header_in_any_case(client, kay, header, value):
    post_thing(client, kay, "mine")

    response = client.get(URL, headers={header: value.format(token=kay.token)})

    assert response.status_code == 200
    assert [thing["name"] for thing in response.json()] == ["mine"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authentication": ""},
        {"Authentication": "bearer"},
        {"Authentication": "{token}"},
        {"Authentication": "Token {token}"},
        {"Authentication": "bearer {token}x"},
        {"Authentication": "bearer {token} extra"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer nope"},
        {"Authorization": "Basic a2F5OmNvcnJlY3QgaG9yc2U="},
        {"Authorization": "Token token={token}"},
    ],
)
def test_a_missing_or_invalid_token_is_denied(client, kay, headers):
    headers = {name: value.format(token=kay.token) for name, value in headers.items()}

    assert_access_denied(client.get(URL, headers=headers))
    assert_access_denied(client.post(URL, json={"name": "x"}, headers=headers))


def test_either_valid_header_suffices(client, kay):
    headers = {"Authentication": "bearer nope", "Authorization": f"Bearer {kay.token}"}

    assert client.get(URL, headers=headers).status_code == 200


def test_an_expired_token_is_denied(client, kay):
    Token.update(expires_at=utc_now() - timedelta(seconds=1)).execute()

    assert_access_denied(client.get(URL, headers=kay.auth))


def test_the_token_is_checked_before_the_body(client):
    response = client.post(URL, content=b"{not json", headers={"Content-Type": "application/json"})

    assert_access_denied(response)
