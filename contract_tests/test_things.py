"""Things under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis

from conftest import empty_all_tables
from contract_tests.conftest import assert_every_check_ran, load_schema, run_scenarios

FUZZER = {"username": "fuzzer", "password": "fuzzer-password"}
# What a schema-valid request may meet: a taken (409) or deceptive (400) username, a wrong
# login (401), a thing over the 16 KB cap on a whole thing, which is beyond JSON Schema
# (400), someone else's or no thing (404).
REFUSALS = {
    "users.create_user": ["400", "409"],
    "tokens.create_token": ["401"],
    "stuff.create_thing": ["400"],
    "stuff.update_thing": ["400", "404"],
    "stuff.delete_thing": ["404"],
}


@pytest.fixture(scope="module")
def things_schema(app, client, target):
    empty_all_tables()
    schema = load_schema(app, target, "/things", refusals=REFUSALS)

    @schema.auth(refresh_interval=None)
    class FuzzerToken:
        """Signs the fuzzer up (once per database) and logs it in, for each case."""

        def get(self, case, context):
            client.post("/things/users", json=FUZZER)  # 201, or 409 once it exists
            return client.post("/things/login", json=FUZZER).json()["token"]

        def set(self, case, token, context):
            case.headers = {**(case.headers or {}), "Authentication": f"bearer {token}"}

    return schema


schema = schemathesis.pytest.from_fixture("things_schema")


@schema.parametrize()
def test_things_operations(case):
    case.call_and_validate()


def test_things_scenarios(things_schema, target):
    run_scenarios(things_schema, target)


def test_things_checks_and_links(things_schema):
    assert_every_check_ran(things_schema)
