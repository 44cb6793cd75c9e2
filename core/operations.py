"""From operationId to handler, and what every handler gets around it.

operationIds name `<module>.<function>` relative to `handlers.<api>` (`peeps.create_peep`
is `handlers/chitter/peeps.py:create_peep`). Each resolved handler is wrapped once here:
it runs with a pooled database connection opened and closed in its own thread (unless
marked `opens_its_own_connection`, or a coroutine, which runs on the event loop; a GET
may be retried if its connection dies), and what it returns is sent as JSON with an
explicit Content-Type (an operation that documents another media type too, such as
Chitter's text/plain 401, would otherwise answer 500).
"""

from __future__ import annotations

import functools
import inspect

from connexion import AsyncApp
from connexion import context as connexion_context
from connexion.apps.asynchronous import AsyncApi, AsyncOperation
from connexion.decorators import StarletteDecorator
from connexion.resolver import RelativeResolver, Resolution
from connexion.security import AbstractSecurityHandler
from starlette.responses import Response

from core.database import in_connection
from core.encoding import dumps

JSON = "application/json"


def as_json(result) -> Response:
    """`body`, `(body, status)` or `(body, status, headers)` as a JSON response, made here as
    Connexion would make it from the tuple (its jsonifier's text, the headers given), so
    that its response decorator passes it through instead of working out the media type
    and encoding again on every request."""
    if isinstance(result, Response):
        return result
    body, status, headers = (*result, None, None)[:3] if isinstance(result, tuple) else (result, None, None)
    if body is None:
        return Response(status_code=status or 204, headers=headers)
    return Response(dumps(body) + "\n", status_code=status or 200, headers={"Content-Type": JSON, **(headers or {})},
                    media_type=JSON)


def _json_reply(handler):
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        return as_json(handler(*args, **kwargs))

    return wrapper


def _async_json_reply(handler):
    @functools.wraps(handler)
    async def wrapper(*args, **kwargs):
        return as_json(await handler(*args, **kwargs))

    return wrapper


class HandlerResolver(RelativeResolver):
    def resolve(self, operation):
        resolution = super().resolve(operation)
        function = resolution.function
        if inspect.iscoroutinefunction(function):
            # Runs on the event loop, holding no thread while it waits (on an outside
            # service): its database work goes through run_in_connection.
            return Resolution(_async_json_reply(function), resolution.operation_id)
        handler = _json_reply(function)
        if not getattr(function, "opens_its_own_connection", False):
            handler = in_connection(handler, idempotent=operation.method.upper() in ("GET", "HEAD"))
        return Resolution(handler, resolution.operation_id)


# --- Connexion 3.3: decorate each operation once, not on every request -----------------
#
# connexion.apps.asynchronous.AsyncOperation.fn builds a StarletteDecorator on every
# request, and that decorator's wrapper calls `self.decorate(function)` and builds a URI
# parser on every call: three functools.wraps and one inspect.signature (7% of the CPU of
# `GET /chitter/peeps`). None of it depends on the request: the decorated function reads
# the request from Connexion's context when called. These subclasses build both once per
# operation; request handling is otherwise Connexion's own. Proposed upstream: make
# `AsyncOperation.fn` a cached_property and hoist `decorate()`/`uri_parser` out of
# `ASGIDecorator.__call__`'s wrapper (docs/performance.md).


class _OnceDecorator(StarletteDecorator):
    def __call__(self, function):
        decorated = self.decorate(function)
        parsers = {}  # per AbstractOperation: the same function may serve several routes

        @functools.wraps(function)
        async def wrapper(*args, **kwargs):
            current = connexion_context.operation._get_current_object()
            parser = parsers.get(id(current))
            if parser is None:
                parser = parsers[id(current)] = self.uri_parser
            request = self.framework.get_request(
                uri_parser=parser, scope=connexion_context.scope, receive=connexion_context.receive
            )
            return await decorated(request)

        return wrapper


class _Operation(AsyncOperation):
    @functools.cached_property
    def fn(self):
        return _OnceDecorator(pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)(self._fn)


# The same per-request inspect.signature in the security layer: Connexion asks whether each
# security function accepts `required_scopes` (and `request`) on every secured request.
AbstractSecurityHandler._accepts_kwarg = staticmethod(functools.lru_cache(maxsize=256)(
    AbstractSecurityHandler._accepts_kwarg))


class _Api(AsyncApi):
    def make_operation(self, operation):
        return _Operation.from_operation(operation, pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)


def decorate_once(app: AsyncApp) -> AsyncApp:
    """Call before `add_api`: the APIs added then decorate their operations once."""
    app._middleware_app.api_cls = _Api
    return app
