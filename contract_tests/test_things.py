"""Things under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis

from conftest import empty_all_tables
from contract_tests.conftest import assert_every_check_ran, load_schema, run_scenarios

FUZZER = {"username": "fuzzer", "password": "fuzzer-password"}


@pytest.fixture(scope="module")
def things_schema(app, client, target):
    empty_all_tables()
    # 400 too: the 16 KB cap on a whole thing is beyond JSON Schema, so a schema-valid thing
    # can be too big. 401 is a wrong login, 404 someone else's or no thing, 409 a taken name.
    schema = load_schema(app, target, "/things", expected_statuses=["2xx", "400", "401", "404", "409"])

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
