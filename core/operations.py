"""From operationId to handler, and what every handler gets around it.

operationIds name `<module>.<function>` relative to `handlers.<api>` (`peeps.create_peep`
is `handlers/chitter/peeps.py:create_peep`). Each resolved handler is wrapped once here:
it runs with a pooled database connection opened and closed in its own thread (unless
marked `opens_its_own_connection`; a GET may be retried if its connection dies), and
what it returns is sent as JSON with an explicit Content-Type (an operation that
documents another media type too, such as Chitter's text/plain 401, would otherwise
answer 500).
"""

from __future__ import annotations

import functools

from connexion.resolver import RelativeResolver, Resolution
from starlette.responses import Response

from core.database import in_connection

JSON = "application/json"


def as_json(result):
    """Normalise `body`, `(body, status)` or `(body, status, headers)` to an explicit JSON reply."""
    if isinstance(result, Response):
        return result
    body, status, headers = (*result, None, None)[:3] if isinstance(result, tuple) else (result, None, None)
    if body is None:
        return Response(status_code=status or 204, headers=headers)
    return body, status or 200, {"Content-Type": JSON, **(headers or {})}


def _json_reply(handler):
    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        return as_json(handler(*args, **kwargs))

    return wrapper


class HandlerResolver(RelativeResolver):
    def resolve(self, operation):
        resolution = super().resolve(operation)
        handler = _json_reply(resolution.function)
        if not getattr(resolution.function, "opens_its_own_connection", False):
            handler = in_connection(handler, idempotent=operation.method.upper() in ("GET", "HEAD"))
        return Resolution(handler, resolution.operation_id)
