"""The operations of every spec, read from openapi/*.yaml, for tests generated from them."""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

import yaml
from openapi_schema_validator import OAS30Validator

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
    pointer: str  # the operation in its document, as a JSON pointer

    @property
    def id(self) -> str:
        return f"{self.api}:{self.operation_id}"

    @property
    def parameters(self) -> list[str]:
        return re.findall(r"\{([^}]*)\}", self.path)

    def url(self, **values: object) -> str:
        return re.sub(r"\{([^}]*)\}", lambda name: str(values.get(name.group(1), 1)), self.path)


@functools.cache
def spec(api: str) -> dict:
    return yaml.safe_load((SPECS / f"{api}.yaml").read_text())


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@functools.cache
def operations(api: str | None = None) -> list[Operation]:
    found = []
    for name in [api] if api else APIS:
        document = spec(name)
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
                        pointer=f"#/paths/{_escape(path)}/{method}",
                    )
                )
    return found


def _node(document: dict, pointer: str):
    node = document
    for token in pointer.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def example_body(op: Operation) -> tuple[str, object] | None:
    """The first media type `op` takes a body in, and that body's example; None if it takes none."""
    if not op.has_body:
        return None
    document = spec(op.api)
    body = _node(document, f"{op.pointer}/requestBody")
    body = _node(document, body["$ref"]) if "$ref" in body else body  # a shared components/requestBodies one
    media, content = next(iter(body["content"].items()))
    if "example" in content:
        return media, content["example"]
    return media, next(iter(content["examples"].values()))["value"]


def documented_example(op: Operation, status: int) -> object:
    """The example body `op` documents for `status` (its first, if it has several)."""
    document = spec(op.api)
    documented = _node(document, f"{op.pointer}/responses/{status}")
    documented = _node(document, documented["$ref"]) if "$ref" in documented else documented  # a shared one
    content = next(iter(documented["content"].values()))
    if "example" in content:
        return content["example"]
    return next(iter(content["examples"].values()))["value"]


def shape_errors(op: Operation, response) -> list[str]:
    """How an HTTP `response` to `op` departs from what the spec documents for its status
    (its media type, then its schema): none if it is in the API's shape."""
    document = spec(op.api)
    documented = f"{op.pointer}/responses/{response.status_code}"
    documented = _node(document, documented).get("$ref", documented)  # a shared components/responses one
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media not in _node(document, documented).get("content", {}):
        return [f"{media!r} is not documented for {response.status_code}"]
    body = response.json() if media == "application/json" else response.text
    schema = {"$ref": f"{documented}/content/{_escape(media)}/schema", **document}
    return [error.message for error in OAS30Validator(schema).iter_errors(body)]
