"""What the contract tests did, per API and transport: requests and statuses per operation,
failures, the checks that ran in each phase, and the links the scenarios followed.

Filled by a Schemathesis `after_validate` hook (every validated response, both phases) and
by the scenarios' `step`; printed in pytest's terminal summary (see contract_tests/conftest.py).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.stateful.links import OpenApiLink


def all_check_names() -> set[str]:
    """Every check the installed Schemathesis registers (built-in ones, and any of ours)."""
    load_all_checks()
    return {check.__name__ for check in CHECKS.get_all() if not isinstance(check, type)}


def declared_links(schema) -> set[str]:
    """The links the spec itself declares (not those Schemathesis infers), by transition name."""
    names, cache = set(), {}
    for result in schema.get_all_operations():
        operation = result.ok()
        for status, response in operation.responses.items():
            for name, definition in response.iter_links():
                link = OpenApiLink(name, status, definition, operation, cache)
                if not link.is_inferred:
                    names.add(link.full_name)
    return names


@dataclasses.dataclass
class Run:
    """One API under one transport."""

    statuses: dict[str, Counter] = dataclasses.field(default_factory=lambda: defaultdict(Counter))
    failures: Counter = dataclasses.field(default_factory=Counter)
    checks: dict[str, set[str]] = dataclasses.field(default_factory=lambda: defaultdict(set))
    links: Counter = dataclasses.field(default_factory=Counter)
    declared_links: set[str] = dataclasses.field(default_factory=set)

    def record(self, case, response, results) -> None:
        self.statuses[case.operation.label][response.status_code] += 1
        self.failures[case.operation.label] += sum(result.failure is not None for result in results)
        phase = "stateful" if case.meta is not None and case.meta.phase.name == "stateful" else "stateless"
        self.checks[phase].update(result.name for result in results)

    @property
    def requests(self) -> int:
        return sum(sum(counter.values()) for counter in self.statuses.values())


RUNS: dict[tuple[str, str], Run] = defaultdict(Run)


def table(api: str, transport: str, run: Run) -> list[str]:
    width = max(map(len, run.statuses), default=9)
    lines = [f"{api} over {transport}: {run.requests} requests, {sum(run.failures.values())} failures",
             f"  {'operation':{width}} {'requests':>8} {'failures':>8}  statuses"]
    for operation in sorted(run.statuses):
        statuses = run.statuses[operation]
        seen = " ".join(f"{code}×{count}" for code, count in sorted(statuses.items()))
        lines.append(f"  {operation:{width}} {sum(statuses.values()):8} {run.failures[operation]:8}  {seen}")
    for link, count in sorted(run.links.items()):
        lines.append(f"  link {link}: followed {count}×")
    for link in sorted(run.declared_links - set(run.links)):
        lines.append(f"  link {link}: declared, never followed")
    return lines


def report() -> list[str]:
    return [line for (api, transport), run in sorted(RUNS.items()) for line in table(api, transport, run)]
