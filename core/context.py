"""The one context object an app runs in: its settings, its database, its password hashing.

`create_app(config)` builds one `AppContext` per app and every request runs inside it (the
`InContext` middleware), so two apps with different settings live in one process. The
ground floor reads it through `current()`: `core.config.active()`, the `core.database.db`
proxy and `core.security`'s hashing, names handlers keep using unchanged. Threads that
run handlers inherit it (Starlette copies the context into its thread pool); a command
line tool enters one with `use()`.
"""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import Database

    from core.config import Config
    from core.security import Passwords


class AppContext:
    def __init__(self, config: Config, database: Database, passwords: Passwords):
        self.config = config  # replaced by core.config.activate (tests change settings so)
        self.database = database
        self.passwords = passwords


_current: contextvars.ContextVar[AppContext] = contextvars.ContextVar("app_context")


def current() -> AppContext:
    try:
        return _current.get()
    except LookupError:
        raise RuntimeError("no app context: create_app(config) or core.context.use(...) first") from None


def use(context: AppContext) -> None:
    """Make `context` the caller's: create_app does, so tests and commands that build an app
    then use the models directly use that app's database."""
    _current.set(context)


class InContext:
    """ASGI middleware running every request (and the lifespan) in its app's context."""

    def __init__(self, app, context: AppContext):
        self.app, self.context = app, context

    async def __call__(self, scope, receive, send):
        token = _current.set(self.context)
        try:
            await self.app(scope, receive, send)
        finally:
            _current.reset(token)
