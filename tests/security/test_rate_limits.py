"""Rate limits on every login, sign-up and password operation: per account and per client
address, a 429 in each API's shape with Retry-After, counted together by every worker."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import socket
import uuid

import pytest
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from core import ratelimit
from core.config import activate, active
from tests.security.specs import operations

REDIS = "redis://127.0.0.1:6379"
# What makes an operation one an attacker would hammer: logging in, signing up, passwords.
SENSITIVE = re.compile(r"login|signup|register|password|oauth|create_session|create_token")
SIGN_UPS = {("chitter", "users.create_user"), ("things", "users.create_user")}


def limited(**limits: str) -> None:
    activate(dataclasses.replace(active(), **limits))
    ratelimit.reset()


def request_for(api: str, operation_id: str, account: str) -> tuple[str, str, dict, bytes]:
    op = next(op for op in operations(api) if op.operation_id == operation_id)
    places = ratelimit.LIMITED[(api, operation_id)]
    if places == (ratelimit.AUTHORIZATION,):
        return op.method, op.url(), {"Authorization": f"Basic {account}", "Api-Key": "x"}, b""
    body: dict = {}
    node = body
    *parents, leaf = places[0].split(".")
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = account
    return op.method, op.url(), {"Content-Type": "application/json"}, json.dumps(body).encode()


def test_every_login_sign_up_and_password_operation_is_limited():
    sensitive = {
        (op.api, op.operation_id)
        for op in operations()
        if SENSITIVE.search(op.operation_id + op.path) or (op.api, op.operation_id) in SIGN_UPS
    }
    missing = sorted(f"{api}:{operation_id}" for api, operation_id in sensitive - set(ratelimit.LIMITED))
    assert missing == [], f"not rate limited: {missing}"
    unknown = set(ratelimit.LIMITED) - {(op.api, op.operation_id) for op in operations()}
    assert unknown == set()


def assert_too_many(response) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith("application/json")
    # Every limit here is per minute and its window opened moments ago: the wait is the rest of
    # that minute (a default or a per-second window would show as a small number).
    assert 50 <= int(response.headers["retry-after"]) <= 60
    assert "429" in response.text or "Too many" in response.text or "Too Many" in response.text


def send(client, request: tuple):
    method, url, headers, body = request
    return client.request(method, url, headers=headers, content=body)


# One test per kind of limit, looping over the operations (a failure names the operation).


def test_one_account_is_limited_whatever_the_address(client):
    for api, operation_id in ratelimit.LIMITED:
        limited(rate_limit_account="2/minute", rate_limit_address="1000/minute")
        answers = [send(client, request_for(api, operation_id, "Victim@Example.com")) for _ in range(3)]
        other = send(client, request_for(api, operation_id, "someone-else@example.com"))

        assert [a.status_code for a in answers[:2]] != [429, 429], operation_id
        assert_too_many(answers[2])
        assert other.status_code != 429, operation_id


def test_one_address_is_limited_whatever_the_account(client):
    for api, operation_id in ratelimit.LIMITED:
        limited(rate_limit_account="1000/minute", rate_limit_address="2/minute")
        answers = [send(client, request_for(api, operation_id, f"user{n}@example.com")) for n in range(3)]

        assert all(a.status_code != 429 for a in answers[:2]), operation_id
        assert_too_many(answers[2])


def test_the_429_of_each_api_is_in_its_shape(client):
    limited(rate_limit_account="1000/minute", rate_limit_address="0/minute")
    bodies = {}
    for api, operation_id in [("chitter", "sessions.create_session"), ("bucketlist", "auth.login"),
                              ("things", "tokens.create_token"), ("cassie", "login.log_in"),
                              ("peerly", "sessions.google_login")]:
        method, url, headers, body = request_for(api, operation_id, "kay")
        response = client.request(method, url, headers=headers, content=body)
        assert_too_many(response)
        bodies[api] = response.json()

    assert bodies["chitter"] == {"status": 429, "error": "Too Many Requests"}
    assert bodies["bucketlist"] == {"status": "failed", "message": "Too Many Requests"}
    assert bodies["things"] == {"code": 429, "message": "Too many requests, try again later"}
    assert bodies["cassie"]["status"] == 429 and set(bodies["cassie"]) == {"status", "error_type", "error_message"}
    assert bodies["peerly"] == {"error": {"code": "too-many-requests", "message": "Too many requests, try again later"}}


def test_a_real_sign_in_works_under_the_limit_and_is_refused_over_it(client):
    limited(rate_limit_account="3/minute", rate_limit_address="1000/minute")
    body = {"user": {"handle": "kay", "password": "mypassword"}}
    assert client.post("/chitter/users", json=body).status_code == 201
    session = {"session": body["user"]}
    statuses = [client.post("/chitter/sessions", json=session).status_code for _ in range(4)]

    assert statuses == [201, 201, 201, 429]


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_two_workers_sharing_redis_count_together(client):
    limited(redis_url=REDIS, rate_limit_account="3/minute", rate_limit_address="1000/minute")
    account = f"k{uuid.uuid4().hex[:12]}"  # its own counts: other runs may share this Redis
    body = {"user": {"handle": account, "password": "mypassword"}}
    # Worker A (this app) counts two; worker B (its own limiter and connection) sees them.
    first = [client.post("/chitter/users", json=body).status_code for _ in range(2)]
    worker_b = MovingWindowRateLimiter(storage_from_string(REDIS))
    identifiers = ("chitter", "users.create_user", "account", hashlib.sha256(account.casefold().encode()).hexdigest())
    (item,) = parse_many("3/minute")
    allowed_in_b = [worker_b.hit(item, *identifiers) for _ in range(2)]
    last = client.post("/chitter/users", json=body)

    assert first == [201, 422]  # the second: the handle is taken
    assert allowed_in_b == [True, False]
    assert_too_many(last)
