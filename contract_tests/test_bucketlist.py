"""The bucket list under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import OperationConfig

from conftest import empty_all_tables
from contract_tests.conftest import MAX_EXAMPLES, load_schema

API = "/bucketlist/v1"
FUZZER = {"email": "fuzzer@bucketmail.com", "password": "fuzzer-password"}


@pytest.fixture(scope="module")
def bucketlist_schema(app, client):
    empty_all_tables()
    # A valid request may still meet a taken email (400), a wrong password (401) or a missing bucket (404).
    schema = load_schema(app, "/bucketlist", expected_statuses=["2xx", "400", "401", "404"])
    # The original documents 202 for a registration it refuses (a bad email or password).
    schema.config.operations.operations.append(
        OperationConfig.from_dict(
            {
                "include-operation-id": "auth.register",
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["201", "400"]},
                    "negative_data_rejection": {"expected-statuses": ["202", "400"]},
                },
            }
        )
    )

    @schema.auth(refresh_interval=None)
    class FuzzerToken:
        """A fresh token for each case: a case may log its token out."""

        def get(self, case, context):
            client.post(f"{API}/auth/register", json=FUZZER)  # 201, or 400 once it exists
            return client.post(f"{API}/auth/login", json=FUZZER).json()["auth_token"]

        def set(self, case, token, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}

    return schema


schema = schemathesis.pytest.from_fixture("bucketlist_schema")


@schema.parametrize()
def test_bucketlist_operations(case):
    case.call_and_validate()


def test_bucketlist_scenarios(bucketlist_schema):
    class Scenarios(bucketlist_schema.as_state_machine()):
        def setup(self):
            empty_all_tables()  # each scenario replays from the same state

    Scenarios.run(
        settings=settings(
            max_examples=MAX_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
