"""The operations of every spec, read from openapi/*.yaml, for tests generated from them."""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import yaml

from core.paths import METHODS

SPECS = Path(__file__).resolve().parents[2] / "openapi"
APIS = ("chitter", "bucketlist", "things", "cassie", "peerly")


@dataclasses.dataclass(frozen=True)
class Operation:
    api: str
    method: str
    path: str  # base path + spec path, as a template
    operation_id: str
    has_body: bool
    secured: bool
    statuses: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.api}:{self.operation_id}"

    @property
    def parameters(self) -> list[str]:
        return re.findall(r"\{([^}]*)\}", self.path)

    def url(self, **values: object) -> str:
        return re.sub(r"\{([^}]*)\}", lambda name: str(values.get(name.group(1), 1)), self.path)


@functools.cache
def operations(api: str | None = None) -> list[Operation]:
    found = []
    for name in [api] if api else APIS:
        document = yaml.safe_load((SPECS / f"{name}.yaml").read_text())
        base = document["servers"][0]["url"].rstrip("/")
        default_security = document.get("security", [])
        for path, item in document["paths"].items():
            for method, op in item.items():
                if method not in METHODS:
                    continue
                security = op.get("security", default_security)
                found.append(
                    Operation(
                        api=name,
                        method=method.upper(),
                        path=base + path,
                        operation_id=op["operationId"],
                        has_body="requestBody" in op,
                        secured=any(requirement for requirement in security),
                        statuses=tuple(sorted(str(status) for status in op["responses"])),
                    )
                )
    return found
