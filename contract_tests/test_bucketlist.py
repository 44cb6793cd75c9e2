"""The bucket list under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.config import OperationConfig

from conftest import empty_all_tables
from contract_tests.conftest import assert_every_check_ran, load_schema, run_scenarios

API = "/bucketlist/v1"
FUZZER = {"email": "fuzzer@bucketmail.com", "password": "fuzzer-password"}


@pytest.fixture(scope="module")
def bucketlist_schema(app, client, target):
    empty_all_tables()
    # A valid request may still meet a taken email (400), a wrong password (401) or a missing bucket (404).
    schema = load_schema(app, target, "/bucketlist", expected_statuses=["2xx", "400", "401", "404"])
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


def test_bucketlist_scenarios(bucketlist_schema, target):
    run_scenarios(bucketlist_schema, target)


def test_bucketlist_checks_and_links(bucketlist_schema):
    assert_every_check_ran(bucketlist_schema)
