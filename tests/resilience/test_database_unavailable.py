"""Every operation of every API answers its documented 503, in its API's shape, when the
database cannot be reached; and the retry rules of `core.database.in_connection`.

The requests are built from the specs (path parameters, required query parameters and
bodies from their examples) and carry credentials of the right form: each security check
looks its caller up in the database, so it is reached with the database down too.
"""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
import yaml
from peewee import InterfaceError, InternalError, OperationalError

from core import database, google
from core.errors import DatabaseUnavailable
from core.security import issue_jwt
from handlers.cassie import configured_key
from models.chitter import User
from models.service import stored_signing_key
from testing.spec_coverage import SPECS

DOCUMENTS = {path.stem: yaml.safe_load(path.read_text()) for path in sorted(SPECS.glob("*.yaml"))}


def resolve(document: dict, node):
    """`node`, following a local `$ref` (`#/components/...`)."""
    if isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return resolve(document, target)
    return node


def _example(document: dict, holder: dict):
    if "example" in holder:
        return holder["example"]
    if "examples" in holder:
        return resolve(document, next(iter(holder["examples"].values())))["value"]
    schema = resolve(document, holder.get("schema", {}))
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    return schema.get("default", schema.get("minimum", 1))


def _operations():
    for api, document in DOCUMENTS.items():
        base = document["servers"][0]["url"].rstrip("/")
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if method in ("get", "put", "post", "delete", "patch", "head"):
                    yield pytest.param(api, method, path, item, operation, id=f"{method.upper()} {base}{path}")


def _request(api: str, method: str, path: str, item: dict, operation: dict) -> dict:
    document = DOCUMENTS[api]
    parameters = [resolve(document, p) for p in item.get("parameters", []) + operation.get("parameters", [])]
    values = {p["name"]: _example(document, p) for p in parameters if p["in"] == "path"}
    url = document["servers"][0]["url"].rstrip("/") + re.sub(r"\{([^}]*)\}", lambda m: str(values[m[1]]), path)
    query = {p["name"]: _example(document, p) for p in parameters if p["in"] == "query" and p.get("required")}
    request = {"method": method.upper(), "url": url, "params": query, "headers": CREDENTIALS[api]()}
    if "requestBody" in operation:
        media_type, content = next(iter(resolve(document, operation["requestBody"])["content"].items()))
        body = _example(document, content)
        if media_type == "application/json":
            request["json"] = body
        elif media_type == "multipart/form-data":
            request["files"] = {name: (None, str(value)) for name, value in body.items()}
        else:
            request["data"] = body
    return request


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# Well-formed credentials whose check needs the database (none is valid: it is never reached).
CREDENTIALS = {
    "chitter": lambda: {"Authorization": "Token token=" + "k" * 32},
    "bucketlist": lambda: {"Authorization": "Bearer " + issue_jwt("1", timedelta(hours=1), aud="bucketlist")},
    "things": lambda: {"Authorization": "Bearer " + "t" * 32},
    "cassie": lambda: {"Api-Key": configured_key(), "Authorization": _basic("kay@example.com", "secret")},
    "peerly": lambda: {"Authorization": "Bearer " + "p" * 32},
    "service": dict,
}


def documented_503(api: str, operation: dict) -> dict:
    document = DOCUMENTS[api]
    content = resolve(document, operation["responses"]["503"])["content"]["application/json"]
    return content["example"] if "example" in content else next(iter(content["examples"].values()))["value"]


async def _google_knows_kay(access_token: str) -> dict:
    return {"email": "kay@example.com", "name": "Kay", "picture": "https://example.com/kay.png"}


def _refuse():
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.parametrize("api, method, path, item, operation", _operations())
def test_every_operation_answers_503_in_its_shape(client, api, method, path, item, operation, monkeypatch):
    request = _request(api, method, path, item, operation)  # before: a JWT may read the signing key
    monkeypatch.setattr(google, "userinfo", _google_knows_kay)  # Peerly's login asks Google first
    monkeypatch.setattr(database.db.obj, "_connect", _refuse)
    response = client.request(**request)
    assert response.status_code == 503, response.text
    assert response.json() == documented_503(api, operation)
    if api != "service":
        assert response.headers["Retry-After"] == "1"


def test_a_signing_key_not_yet_loaded_is_a_503_too(app, client, monkeypatch):
    """A worker that has not read the generated JWT key yet reads it in its security check."""
    monkeypatch.setattr(app.context.passwords, "_signing_key", stored_signing_key)
    monkeypatch.setattr(database.db.obj, "_connect", _refuse)
    response = client.get("/bucketlist/v1/bucketlists", headers={"Authorization": "Bearer x.y.z"})
    assert response.status_code == 503, response.text
    assert response.json() == {"status": "failed", "message": "Service Unavailable"}


def test_a_read_is_retried_once_on_a_fresh_connection(client, monkeypatch):
    connect = database.db.obj._connect
    refusals = iter([True])

    def refuse_once():
        if next(refusals, False):
            _refuse()
        return connect()

    monkeypatch.setattr(database.db.obj, "_connect", refuse_once)
    assert client.get("/chitter/peeps").status_code == 200


class _Driver(Exception):
    """A driver error with PostgreSQL's SQLSTATE, as psycopg2 raises them."""

    def __init__(self, pgcode: str):
        super().__init__(pgcode)
        self.pgcode = pgcode


def _calls(handler, **options):
    calls = []

    def counted():
        calls.append(1)
        return handler()

    try:
        result = database.in_connection(counted, **options)()
    except DatabaseUnavailable:
        result = 503
    return result, len(calls)


def _sign_up(handle: str) -> None:
    User.create(handle=handle, password_hash="x")


def test_a_connection_lost_before_any_write_is_retried_once():
    attempts = iter([InterfaceError("connection already closed")])

    def read():
        error = next(attempts, None)
        if error:
            User.select().count()
            raise error
        return User.select().count()

    assert _calls(read) == (0, 2)


def test_a_connection_lost_after_a_write_is_never_retried():
    def write_then_lose():
        _sign_up("kay")
        raise InterfaceError("connection already closed")

    assert _calls(write_then_lose) == (503, 1)
    with database.db.connection_context():
        assert User.select().count() == 1  # the write happened once, the client was told 503


def test_a_read_is_retried_once_only():
    def always_lost():
        raise InterfaceError("connection already closed")

    assert _calls(always_lost, idempotent=True) == (503, 2)


def test_a_serialization_failure_is_retried_a_bounded_number_of_times():
    def conflicting():
        with database.db.atomic():
            _sign_up("kay")
            raise OperationalError(_Driver("40001"))

    assert _calls(conflicting) == (503, database.CONFLICT_ATTEMPTS)
    with database.db.connection_context():
        assert User.select().count() == 0  # each attempt rolled back


def test_a_deadlock_is_retried_until_it_succeeds():
    deadlocks = iter([OperationalError(_Driver("40P01"))])

    def sometimes_deadlocked():
        with database.db.atomic():
            _sign_up("kay")
            error = next(deadlocks, None)
            if error:
                raise error
        return User.select().count()

    assert _calls(sometimes_deadlocked) == (1, 2)


def test_a_conflict_after_a_committed_write_is_not_retried():
    def commit_then_conflict():
        _sign_up("kay")
        with database.db.atomic():
            _sign_up("lee")
            raise OperationalError(_Driver("40001"))

    assert _calls(commit_then_conflict) == (503, 1)


def test_a_node_still_read_only_after_its_promotion_is_a_503():
    def refused_write():
        _sign_up("kay")
        raise InternalError(_Driver("25006"))  # cannot execute INSERT in a read-only transaction

    assert _calls(refused_write) == (503, 1)


def test_other_database_errors_are_not_swallowed():
    def broken():
        raise OperationalError(_Driver("42P01"))

    with pytest.raises(OperationalError):
        database.in_connection(broken)()
