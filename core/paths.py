"""The documented routes of every mounted spec, known before routing.

Two things need them: serving each path with and without its trailing slash (each spec
declares a path once, in its original's form: `/peeps`, `/api/login/`; clients of the
originals send both), and the `Allow` header of a 405, which must name every method of
the path (Connexion's router names only the first it tried).

Where a concrete path also matches a templated one (`/api/casties/create/` and
`/api/casties/{uuid}/`), the concrete one wins, as OpenAPI says: only its methods are
allowed, and another method is a 405 rather than a call of the templated operation.
"""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _pattern(base_path: str, path: str) -> str:
    return re.escape(base_path) + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path))


class Routes:
    def __init__(self) -> None:
        self._methods: list[tuple[re.Pattern, list[str]]] = []
        self._concrete: dict[str, list[str]] = {}
        self._declared = re.compile("(?!)")

    def add_spec(self, base_path: str, paths: dict) -> None:
        for path, item in paths.items():
            methods = sorted(m.upper() for m in item if m in METHODS)
            self._methods.append((re.compile(_pattern(base_path, path)), methods))
            if "{" not in path:
                self._concrete[base_path + path] = methods
        self._declared = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self._methods))

    def declared_form(self, path: str) -> str | None:
        """The declared path `path` stands for, if it differs only by a trailing slash."""
        if path == "/" or self._declared.fullmatch(path):
            return None
        other = path[:-1] if path.endswith("/") else path + "/"
        return other if self._declared.fullmatch(other) else None

    def methods_for(self, path: str) -> list[str]:
        path = self.declared_form(path) or path  # `/api/home` answers for `/api/home/`
        if path in self._concrete:
            return self._concrete[path]
        return sorted({m for pattern, methods in self._methods if pattern.fullmatch(path) for m in methods})

    def shadows(self, path: str, method: str) -> bool:
        """Whether `path` is a concrete path without `method` (which a templated one may have)."""
        allowed = self._concrete.get(path)
        return allowed is not None and method not in allowed and not (method == "HEAD" and "GET" in allowed)


class TrailingSlashes:
    """Routes a request for `/peeps/` as `/peeps` (or the other way round), as declared."""

    def __init__(self, app: ASGIApp, routes: Routes):
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if "\n" in scope["path"]:
                # No route matches a line break, but Starlette's slash redirect would bounce
                # `/x/%0A/` and `/x/%0A` off each other for ever: it names nothing.
                raise HTTPException(404)
            declared = self.routes.declared_form(scope["path"])
            if declared is not None:
                scope = {**scope, "path": declared, "raw_path": declared.encode()}
            if self.routes.shadows(scope["path"], scope["method"]):
                raise HTTPException(405)
        await self.app(scope, receive, send)
