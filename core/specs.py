"""Each API's hand-written OpenAPI document, served as written: `$ref`s and components kept
(Connexion's own /openapi.json is fully inlined, so generators run on it produce duplicate
and per-status models), minus the `x-*Func` names of internal functions, in JSON
(`<base path>/openapi.json`, which Swagger UI reads) and YAML (`<base path>/openapi.yaml`).
The servers entry is the base path the API is mounted at.
"""

from __future__ import annotations

import json
import re

import yaml
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

_INTERNAL = re.compile(r"x-\w+Func")


def public_document(written: dict, base_path: str) -> dict:
    """A copy of the written document (as loaded) to publish at `base_path`."""
    document = _without_internal_names(written)
    document["servers"] = [{"url": base_path or "/"}]
    return document


def _without_internal_names(node):
    if isinstance(node, dict):
        return {key: _without_internal_names(value) for key, value in node.items() if not _INTERNAL.fullmatch(key)}
    if isinstance(node, list):
        return [_without_internal_names(value) for value in node]
    return node


class SpecDocuments:
    """ASGI middleware answering GET (and HEAD) `<base path>/openapi.json|yaml` for every API."""

    def __init__(self, app: ASGIApp, documents: dict[str, dict]):
        self.app = app
        self.responses = {}
        for base_path, document in documents.items():
            as_json = json.dumps(document, default=str).encode()
            as_yaml = yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()
            self.responses[f"{base_path}/openapi.json"] = (as_json, "application/json")
            self.responses[f"{base_path}/openapi.yaml"] = (as_yaml, "application/yaml")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self.responses.get(scope["path"]) if scope["type"] == "http" else None
        if found is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        body, media_type = found
        await Response(body, media_type=media_type)(scope, receive, send)
