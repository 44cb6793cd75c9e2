"""Schemathesis against each spec, twice: in process (ASGI) and over HTTP against the same
app behind a real uvicorn server (`live_server`). Every check, every phase, a fixed seed.

Example budgets per operation (and scenarios per state machine), per transport:
CONTRACT_MAX_EXAMPLES (in process, default 40) and CONTRACT_LIVE_MAX_EXAMPLES (real server,
default 10: it adds the wire to the same code paths, so fewer examples buy the coverage
that matters there). CONTRACT_TRANSPORTS=asgi,live picks transports; scripts/fuzz sets them.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import OperationConfig, SchemathesisConfig

from conftest import empty_all_tables
from contract_tests import ledger

SEED = int(os.environ.get("CONTRACT_SEED", "20261125"))
BUDGETS = {
    "asgi": int(os.environ.get("CONTRACT_MAX_EXAMPLES", "40")),
    "live": int(os.environ.get("CONTRACT_LIVE_MAX_EXAMPLES", "10")),
}
TRANSPORTS = os.environ.get("CONTRACT_TRANSPORTS", ",".join(BUDGETS)).split(",")
SCENARIO_STEPS = 6


@dataclasses.dataclass(frozen=True)
class Target:
    """Where the requests go: `asgi` (the app, in process) or `live` (base_url, over TCP)."""

    transport: str
    max_examples: int
    base_url: str | None = None


@pytest.fixture(scope="module", params=TRANSPORTS)
def target(request) -> Target:
    transport = request.param
    base_url = request.getfixturevalue("live_server") if transport == "live" else None
    return Target(transport, BUDGETS[transport], base_url)


def load_schema(app, target: Target, base_path: str, *, refusals: dict[str, list[str]]):
    """The spec as the app serves it, with every check on, its results kept in the ledger.

    Positive data acceptance: a request the spec accepts is served (2xx) or refused by a
    business rule its operation documents (a taken handle, a missing object). `refusals`
    maps an operationId to those statuses; an operation it does not name must serve every
    schema-valid request, so a hidden check in a handler fails the run.
    """
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": target.max_examples, "deterministic": True},
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx"]}},
            # Scenarios follow the links the spec declares; inferred ones (say GET /users →
            # PATCH /peeps/{id}) spent the budget on chains no client makes.
            "phases": {"stateful": {"inference": {"algorithms": []}}},
        }
    )
    spec = f"{base_path}/openapi.json"
    if target.base_url is None:
        schema = schemathesis.openapi.from_asgi(spec, app, config=config)
    else:
        schema = schemathesis.openapi.from_url(f"{target.base_url}{spec}", config=config)
    run = ledger.RUNS[base_path.strip("/"), target.transport]

    @schema.hook("after_validate")
    def keep_results(context, case, response, results):
        run.record(case, response, results)

    schema.ledger = run
    declare_refusals(schema, refusals)
    return schema


def declare_refusals(schema, refusals: dict[str, list[str]]) -> None:
    operation_ids = {result.ok().definition.raw.get("operationId") for result in schema.get_all_operations()}
    assert set(refusals) <= operation_ids, f"refusals for no operation: {set(refusals) - operation_ids}"
    for operation_id, statuses in refusals.items():
        schema.config.operations.operations.append(
            OperationConfig.from_dict(
                {
                    "include-operation-id": operation_id,
                    "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", *statuses]}},
                }
            )
        )


def run_scenarios(schema, target: Target) -> None:
    """The stateful phase: scenarios chained by the spec's links, each from empty tables."""
    run = schema.ledger
    run.declared_links = ledger.declared_links(schema)

    class Scenarios(schema.as_state_machine()):
        def setup(self):
            empty_all_tables()

        def step(self, input):
            if input.transition is not None and input.is_applied:
                inferred = " (inferred)" if input.transition.is_inferred else ""
                run.links[input.transition.id + inferred] += 1
            return super().step(input)

    Scenarios.run(
        settings=settings(
            max_examples=target.max_examples,
            stateful_step_count=SCENARIO_STEPS,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )


def assert_every_check_ran(schema, exempt: frozenset[str] = frozenset()) -> None:
    """Every registered check (but those `exempt`, turned off for this API with a reason)
    ran on this API's responses in both phases (stateless and stateful). The links followed
    are counted, not asserted: at CI budgets a scenario may miss a rare chain (the summary
    lists declared links never followed)."""
    run = schema.ledger
    if not run.checks["stateless"] or not run.checks["stateful"]:
        pytest.skip("needs this module's operations and scenarios tests to have run first")
    for phase in ("stateless", "stateful"):
        missing = ledger.all_check_names() - set(exempt) - run.checks[phase]
        assert missing == set(), f"checks that never ran in the {phase} phase"


def pytest_terminal_summary(terminalreporter):
    lines = ledger.report()
    if lines:
        terminalreporter.write_sep("=", "contract tests: requests per operation")
        for line in lines:
            terminalreporter.write_line(line)
