"""The documented routes of every mounted spec, known before routing.

Two things need them: serving each path with and without its trailing slash (each spec
declares a path once, in its original's form: `/peeps`, `/api/login/`; clients of the
originals send both), and the `Allow` header of a 405, which must name every method of
the path (Connexion's router names only the first it tried).
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _pattern(base_path: str, path: str) -> str:
    return re.escape(base_path) + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(path))


class Routes:
    def __init__(self) -> None:
        self._methods: list[tuple[re.Pattern, list[str], bool]] = []  # bool: no path parameters
        self._declared = re.compile("(?!)")

    def add_spec(self, base_path: str, paths: dict) -> None:
        for path, item in paths.items():
            methods = sorted(m.upper() for m in item if m in METHODS)
            self._methods.append((re.compile(_pattern(base_path, path)), methods, "{" not in path))
        self._declared = re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in self._methods))

    def declared_form(self, path: str) -> str | None:
        """The declared path `path` stands for, if it differs only by a trailing slash."""
        if path == "/" or self._declared.fullmatch(path):
            return None
        other = path[:-1] if path.endswith("/") else path + "/"
        return other if self._declared.fullmatch(other) else None

    def methods_for(self, path: str) -> list[str]:
        matches = [(static, methods) for pattern, methods, static in self._methods if pattern.fullmatch(path)]
        if any(static for static, _ in matches):  # routed before any template it also fits (/users/me, /users/{id})
            matches = [(static, methods) for static, methods in matches if static]
        return sorted({m for _, methods in matches for m in methods})


class TrailingSlashes:
    """Routes a request for `/peeps/` as `/peeps` (or the other way round), as declared."""

    def __init__(self, app: ASGIApp, routes: Routes):
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = self.routes.declared_form(scope["path"])
            if declared is not None:
                scope = {**scope, "path": declared, "raw_path": declared.encode()}
        await self.app(scope, receive, send)
