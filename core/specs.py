"""Each API's hand-written OpenAPI document, served as written: `$ref`s and components kept
(Connexion's own /openapi.json is fully inlined, so generators run on it produce duplicate
and per-status models), minus the `x-*Func` names of internal functions, in JSON
(`<base path>/openapi.json`, which Swagger UI reads) and YAML (`<base path>/openapi.yaml`).
The servers entry is the base path the API is mounted at. ReDoc renders the same document at
`<base path>/redoc`, from its standalone bundle kept in core/static (redoc 3.0.1, MIT: served
by us, never from a CDN, so the docs work offline).
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import yaml
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

_INTERNAL = re.compile(r"x-\w+Func")
REDOC_BUNDLE = Path(__file__).resolve().parent / "static" / "redoc.standalone.js"
_REDOC_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="{spec}"></redoc><script type="module" src="{bundle}"></script></body></html>
"""


def redoc_page(document: dict, base_path: str) -> bytes:
    title = escape(document.get("info", {}).get("title", "API"))
    spec, bundle = escape(f"{base_path}/openapi.json"), escape(f"{base_path}/redoc.standalone.js")
    return _REDOC_PAGE.format(title=title, spec=spec, bundle=bundle).encode()


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
    """ASGI middleware answering GET (and HEAD) `<base path>/openapi.json|yaml` and the
    ReDoc page and bundle for every API."""

    def __init__(self, app: ASGIApp, documents: dict[str, dict]):
        self.app = app
        self.responses = {}
        bundle = REDOC_BUNDLE.read_bytes()
        for base_path, document in documents.items():
            as_json = json.dumps(document, default=str).encode()
            as_yaml = yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()
            self.responses[f"{base_path}/openapi.json"] = (as_json, "application/json")
            self.responses[f"{base_path}/openapi.yaml"] = (as_yaml, "application/yaml")
            self.responses[f"{base_path}/redoc"] = (redoc_page(document, base_path), "text/html")
            self.responses[f"{base_path}/redoc.standalone.js"] = (bundle, "text/javascript")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self.responses.get(scope["path"]) if scope["type"] == "http" else None
        if found is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        body, media_type = found
        await Response(body, media_type=media_type)(scope, receive, send)
