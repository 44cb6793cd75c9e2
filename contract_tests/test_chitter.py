"""Chitter under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.generation import GenerationMode

from conftest import empty_all_tables
from contract_tests.conftest import assert_every_check_ran, load_schema, run_scenarios

FUZZER = {"handle": "fuzzer", "password": "fuzzer-password"}


@pytest.fixture(scope="module")
def chitter_schema(app, client, target):
    empty_all_tables()
    schema = load_schema(app, target, "/chitter", expected_statuses=["2xx", "401", "404", "422"])

    @schema.auth(refresh_interval=None)
    class FuzzerSession:
        """Logs the fuzzer in for each case, and (for valid cases) acts as the fuzzer."""

        def get(self, case, context):
            client.post("/chitter/users", json={"user": FUZZER})  # 201, or 422 once it exists
            return client.post("/chitter/sessions", json=FUZZER).json()

        def set(self, case, session, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Token token={session['session_key']}"}
            if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
                return
            if "user_id" in (case.path_parameters or {}):
                case.path_parameters["user_id"] = session["user_id"]
            fields = case.body.get("peep", case.body) if isinstance(case.body, dict) else None
            if isinstance(fields, dict) and "user_id" in fields:
                fields["user_id"] = session["user_id"]

    return schema


schema = schemathesis.pytest.from_fixture("chitter_schema")


@schema.parametrize()
def test_chitter_operations(case):
    case.call_and_validate()


def test_chitter_scenarios(chitter_schema, target):
    run_scenarios(chitter_schema, target)


def test_chitter_checks_and_links(chitter_schema):
    assert_every_check_ran(chitter_schema)
