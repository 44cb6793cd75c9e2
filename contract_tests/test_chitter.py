"""Chitter under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.generation import GenerationMode

from conftest import empty_all_tables
from contract_tests.conftest import assert_every_check_ran, load_schema, run_scenarios

FUZZER = {"handle": "fuzzer", "password": "fuzzer-password"}
# What a schema-valid request may meet: a taken or deceptive handle, a wrong login, a taken
# like (422); no such user, peep or like (404); a peep, or a user_id in the body or path,
# that is not the caller's (401).
REFUSALS = {
    "users.create_user": ["422"],
    "users.get_user": ["404"],
    "sessions.create_session": ["422"],
    "peeps.create_peep": ["401", "404"],
    "peeps.get_peep": ["404"],
    "peeps.update_peep": ["401", "404"],
    "peeps.patch_peep": ["401", "404"],
    "peeps.delete_peep": ["401", "404"],
    "likes.create_like": ["401", "404", "422"],
    "likes.patch_like": ["401", "404", "422"],
    "likes.delete_like": ["401", "404"],
}


@pytest.fixture(scope="module")
def chitter_schema(app, client, target):
    empty_all_tables()
    schema = load_schema(app, target, "/chitter", refusals=REFUSALS)

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
