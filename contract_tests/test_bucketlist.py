"""The bucket list under Schemathesis: stateless phases per operation, then link-driven scenarios."""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis.config import OperationConfig

from conftest import empty_all_tables
from contract_tests.conftest import assert_every_check_ran, load_schema, run_scenarios

API = "/bucketlist/v1"
FUZZER = {"email": "fuzzer@bucketmail.com", "password": "fuzzer-password"}
# What a schema-valid request may meet: a taken email (400) or a deceptive one (202, the
# original's answer to a wrong format), a wrong password (401), new passwords that differ
# (400), no such bucket or item of the caller's (404). And 400 for names: the stateful
# phase of Schemathesis 4.32 draws names that break the spec's StorableText (a NUL inside,
# under allOf) and counts them valid; the stateless phases honour it.
REFUSALS = {
    "auth.register": ["202", "400"],
    "auth.login": ["401"],
    "auth.reset_password": ["400", "401"],
    "buckets.create_bucket": ["400"],
    "buckets.get_bucket": ["404"],
    "buckets.update_bucket": ["400", "404"],
    "buckets.delete_bucket": ["404"],
    "items.list_items": ["404"],
    "items.create_item": ["400", "404"],
    "items.get_item": ["404"],
    "items.update_item": ["400", "404"],
    "items.delete_item": ["404"],
}


@pytest.fixture(scope="module")
def bucketlist_schema(app, client, target):
    empty_all_tables()
    schema = load_schema(app, target, "/bucketlist", refusals=REFUSALS)
    # The original documents 202 for a registration it refuses (a bad email or password).
    schema.config.operations.operations.append(
        OperationConfig.from_dict(
            {
                "include-operation-id": "auth.register",
                "checks": {"negative_data_rejection": {"expected-statuses": ["202", "400"]}},
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
