"""Spec coverage: which documented (operation, status code) pairs the test session exercised.

The session app records every response it gives, whatever the transport (TestClient,
Schemathesis in process, uvicorn behind `live_server`). At the end, each request is mapped
to its spec operation and the terminal summary shows, per API, how many documented statuses
were seen, every documented status never seen, and every status seen but not documented.
With SPEC_COVERAGE_REQUIRED=1 (scripts/test sets it for full runs), an unexercised
documented status fails the session.
"""

from __future__ import annotations

import dataclasses
import os
import re

import pytest
import yaml
from connexion import AsyncApp
from connexion.middleware import MiddlewarePosition
from starlette.types import ASGIApp, Receive, Scope, Send

from core.config import SPECS
from core.paths import METHODS

REQUIRED_ENV = "SPEC_COVERAGE_REQUIRED"

Response = tuple[str, str, int]  # (method, path as requested, status)


class ResponseRecorder:
    """ASGI middleware adding (method, path, status) of every HTTP response to `seen`."""

    def __init__(self, app: ASGIApp, seen: set[Response]):
        self.app = app
        self.seen = seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def recording_send(message) -> None:
            if message["type"] == "http.response.start":
                self.seen.add((scope["method"], scope["path"], message["status"]))
            await send(message)

        await self.app(scope, receive, recording_send)


@dataclasses.dataclass
class Operation:
    method: str
    template: str  # base path + spec path, trailing slash stripped
    statuses: list[str]  # documented response keys ("200", "4XX"), without `default`
    has_default: bool

    @property
    def name(self) -> str:
        return f"{self.method} {self.template or '/'}"

    def documented_key(self, status: int) -> str | None:
        """The response key that documents `status`: exact code first, then its range."""
        for key in (str(status), f"{str(status)[0]}XX"):
            if key in self.statuses:
                return key
        return None


class Spec:
    """One API's operations, and which operation a concrete request path names."""

    def __init__(self, name: str, document: dict):
        self.name = name
        base = self.base = document["servers"][0]["url"].rstrip("/")
        self.paths: list[tuple[re.Pattern, bool, dict[str, Operation]]] = []
        for path, item in document["paths"].items():
            template = (base + path).rstrip("/")
            operations = {
                method.upper(): Operation(method.upper(), template, *_documented(item[method]["responses"]))
                for method in item  # in the spec's order
                if method in METHODS
            }
            self.paths.append((_template_regex(template), "{" not in path, operations))
        # OpenAPI: a concrete path wins over a templated one it also matches.
        self.paths.sort(key=lambda entry: not entry[1])

    @property
    def operations(self) -> list[Operation]:
        return [op for _, _, operations in self.paths for op in operations.values()]

    def operation(self, method: str, path: str) -> Operation | None:
        path = path.rstrip("/")
        if not path.startswith(self.base):
            return None
        for regex, concrete, operations in self.paths:
            if regex.fullmatch(path) and (concrete or method in operations):
                return operations.get(method)  # None: the path's 405
        return None  # the API's 404 for an unknown path


def _documented(responses: dict) -> tuple[list[str], bool]:
    return sorted(str(key).upper() for key in responses if key != "default"), "default" in responses


def _template_regex(template: str) -> re.Pattern:
    return re.compile(re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template)))


def load_specs() -> list[Spec]:
    return [Spec(file.stem, yaml.safe_load(file.read_text())) for file in sorted(SPECS.glob("*.yaml"))]


@dataclasses.dataclass
class Coverage:
    specs: list[Spec]
    exercised: dict[str, set[str]]  # operation name -> documented keys seen
    undocumented: dict[str, set[int]]  # operation name -> statuses seen that no key documents

    @classmethod
    def of(cls, seen: set[Response], specs: list[Spec]) -> Coverage:
        coverage = cls(specs, {}, {})
        for method, path, status in seen:
            operation = next(filter(None, (spec.operation(method, path) for spec in coverage.specs)), None)
            if operation is not None:
                coverage.record(operation, status)
        return coverage

    def record(self, operation: Operation, status: int) -> None:
        key = operation.documented_key(status)
        if key is not None:
            self.exercised.setdefault(operation.name, set()).add(key)
        elif not operation.has_default:
            self.undocumented.setdefault(operation.name, set()).add(status)

    def missing(self, spec: Spec) -> list[str]:
        return [
            f"{op.name} {key}"
            for op in spec.operations
            for key in op.statuses
            if key not in self.exercised.get(op.name, ())
        ]

    def summary_lines(self) -> list[str]:
        lines = []
        for spec in self.specs:
            operations = spec.operations
            documented = sum(len(op.statuses) for op in operations)
            exercised = documented - len(self.missing(spec))
            lines.append(
                f"{spec.name:<11} {len(operations):>3} operations  {exercised:>4}/{documented:<4} documented statuses "
                f"exercised ({100 * exercised // max(documented, 1)}%)"
            )
        return lines

    def all_missing(self, only_called_apis: bool = False) -> list[str]:
        """Every documented status never seen; optionally only of APIs the session called at all."""
        specs = [spec for spec in self.specs if self.called(spec)] if only_called_apis else self.specs
        return [entry for spec in specs for entry in self.missing(spec)]

    def called(self, spec: Spec) -> bool:
        return any(op.name in self.exercised or op.name in self.undocumented for op in spec.operations)

    def undocumented_lines(self) -> list[str]:
        return sorted(f"{name} {status}" for name, statuses in self.undocumented.items() for status in statuses)


SEEN = pytest.StashKey[set]()
COVERAGE = pytest.StashKey[Coverage | None]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SEEN] = set()


@pytest.fixture(scope="session")
def record_responses(request):
    """Call with the session app before it starts: it then records every response it gives."""

    def attach(app: AsyncApp) -> None:
        # Outside the exception middleware: error responses are recorded as sent.
        seen = request.config.stash[SEEN]
        app.add_middleware(ResponseRecorder, position=MiddlewarePosition.BEFORE_EXCEPTION, seen=seen)

    return attach


def _required() -> bool:
    return os.environ.get(REQUIRED_ENV) == "1"


def _coverage(config: pytest.Config) -> Coverage | None:
    seen = config.stash.get(SEEN, None)
    return Coverage.of(seen, load_specs()) if seen else None  # nothing recorded: no app ran, nothing to say


def pytest_sessionfinish(session: pytest.Session) -> None:
    coverage = _coverage(session.config)
    session.config.stash[COVERAGE] = coverage
    if _required() and coverage is not None and coverage.all_missing() and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    coverage = config.stash.get(COVERAGE, None)
    if coverage is None:
        return
    write = terminalreporter.write_line
    responses = len(config.stash[SEEN])
    terminalreporter.section(f"spec coverage: documented statuses exercised ({responses} distinct responses)")
    for line in coverage.summary_lines():
        write(line)
    # A partial run (one API's tests) lists only the gaps of the APIs it called.
    missing = coverage.all_missing(only_called_apis=not _required())
    if missing:
        verdict = f"({REQUIRED_ENV}=1: fails the session)" if _required() else "(report only)"
        write(f"documented but never exercised {verdict}:", red=_required(), bold=True)
        for entry in missing:
            write(f"  {entry}")
    for entry in coverage.undocumented_lines():
        write(f"seen but not documented: {entry}", yellow=True)
