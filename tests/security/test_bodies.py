"""Bodies the framework must refuse cleanly, tried on every operation that takes one.

One test per kind of body, looping over the operations (each failure names its
operationId): a database reset per operation would cost more than the requests.
"""

from __future__ import annotations

from tests.security.specs import operations

WITH_BODY = [op for op in operations() if op.has_body]
# The bucket list's original answered a body that is not JSON with a 400 (never a 415).
NOT_JSON_STATUS = {"bucketlist": 400}
TOO_MANY_FIELDS = "&".join(f"f{n}=x" for n in range(1001)).encode()


def answers(client, everyone, content: bytes, content_type: str | None = None) -> dict:
    found = {}
    for op in WITH_BODY:
        headers = {**everyone[op.api], **({"Content-Type": content_type} if content_type else {})}
        found[op] = client.request(op.method, op.url(), content=content, headers=headers)
    return found


def test_a_body_without_a_content_type_is_refused_as_a_wrong_one_is(client, everyone):
    wrong = {
        op.id: (response.status_code, response.text)
        for op, response in answers(client, everyone, b'{"user": {"handle": "kay"}}').items()
        if response.status_code != NOT_JSON_STATUS.get(op.api, 415)
        or not response.headers["content-type"].startswith("application/json")
    }

    assert len(WITH_BODY) >= 36
    assert wrong == {}


def test_an_empty_body_without_a_content_type_is_no_server_error(client, everyone):
    found = answers(client, everyone, b"")
    wrong = {op.id: response.text for op, response in found.items() if response.status_code >= 500}

    assert wrong == {}


def test_a_form_of_too_many_fields_is_a_bad_request(client, everyone):
    found = answers(client, everyone, TOO_MANY_FIELDS, "application/x-www-form-urlencoded")
    wrong = {
        op.id: (response.status_code, response.text)
        for op, response in found.items()
        if response.status_code not in (400, 415)  # 415 where forms are not taken
        or not response.headers["content-type"].startswith("application/json")
    }

    assert wrong == {}


def test_bodies_a_parser_chokes_on_are_no_server_error_where_accounts_are_read(client):
    nested = b"[" * 100_000 + b"]" * 100_000
    surrogate = b'{"user": {"handle": "\\udabb", "password": "mypassword"}}'
    for body in (nested, surrogate, b"\xff\xfe", b'{"user": '):
        response = client.post("/chitter/users", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code in (400, 422), (body[:20], response.text)
