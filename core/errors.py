"""Errors, raised anywhere and rendered once, in the shape of the API whose path was hit.

Handlers raise `ApiError` (or one of the named subclasses); Connexion raises its own
problems (validation, security, routing); Starlette raises 404/405. `ErrorRenderers`
turns each of them into an `ApiError` and hands it to the renderer of the API that owns
the request path. Adding an API means adding one renderer.
"""

from __future__ import annotations

import http
import json
import logging
from collections.abc import Callable

from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from core.paths import Routes

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error response: status, a message, and (for validation) messages per field.

    `code` names the error for APIs whose bodies carry a machine-readable code.
    """

    status = 500
    # The request that failed, set before rendering: a shape may depend on it (on its headers).
    request: ConnexionRequest | None = None

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.status = status or self.status
        self.message = message or phrase(self.status)
        self.code = code
        self.fields = fields
        self.headers = headers or {}
        super().__init__(self.message)

    @property
    def reason(self) -> str:
        return phrase(self.status)


# The phrases the documents show, as Python 3.11 and 3.12 name them: Python 3.13 renamed
# these after RFC 9110 ("Content Too Large", ...), which would change documented bodies.
_DOCUMENTED_PHRASES = {413: "Request Entity Too Large", 416: "Requested Range Not Satisfiable",
                       422: "Unprocessable Entity"}


def phrase(status: int) -> str:
    """The reason phrase of `status` in the bodies of errors that carry one."""
    return _DOCUMENTED_PHRASES.get(status) or http.HTTPStatus(status).phrase


class BadRequest(ApiError):
    status = 400


class Unauthorized(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class Conflict(ApiError):
    status = 409


class Unprocessable(ApiError):
    status = 422


class DatabaseUnavailable(ApiError):
    """The database could not be reached or lost the connection mid-request (failover,
    restart, a killed backend): a 503 in the API's shape, to be tried again shortly."""

    status = 503

    def __init__(self, message: str = "The database is unavailable; try again shortly", retry_after: int = 1):
        super().__init__(message, headers={"Retry-After": str(retry_after)})


class ValidationFailed(BadRequest):
    """The request broke the spec; `fields` maps each offending field to its messages.

    `in_body` tells a bad body (a model's validation, to Rails) from bad parameters.
    """

    def __init__(self, fields: dict[str, list[str]], *, in_body: bool = True):
        super().__init__("Validation failed", fields=fields)
        self.in_body = in_body


Renderer = Callable[[ApiError], ConnexionResponse]


def error_response(
    status: int, body: object, *, headers: dict | None = None, mimetype: str = "application/json"
) -> ConnexionResponse:
    content = body if isinstance(body, str) else json.dumps(body)
    return ConnexionResponse(status_code=status, mimetype=mimetype, body=content, headers=headers or {})


def as_api_error(exc: Exception) -> ApiError:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, HTTPException):  # Connexion's problems and Starlette's 404/405
        detail = getattr(exc, "detail", None) or getattr(exc, "title", None)
        return ApiError(detail, status=exc.status_code, headers=dict(exc.headers or {}))
    from core.storage import unavailable  # imports this module

    storage_error = unavailable(exc)
    if storage_error is not None:
        log.error("The database refused a write: %s", exc)
        return storage_error
    log.error("Unhandled error", exc_info=exc)
    return ApiError(status=500)


class ErrorRenderers:
    """Renders every error in the shape of the API mounted at the request's path."""

    def __init__(self, routes: Routes, fallback: Renderer):
        self._by_base_path: list[tuple[str, Renderer]] = []
        self._routes = routes
        self._fallback = fallback

    def add(self, base_path: str, renderer: Renderer) -> None:
        self._by_base_path.append((base_path, renderer))
        self._by_base_path.sort(key=lambda entry: len(entry[0]), reverse=True)

    def renderer_for(self, path: str) -> Renderer:
        for base_path, renderer in self._by_base_path:
            if path == base_path or path.startswith(base_path + "/"):
                return renderer
        return self._fallback

    async def __call__(self, request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        error = as_api_error(exc)
        error.request = request
        if error.status == 405:
            error.headers["Allow"] = ", ".join(self._routes.methods_for(request.url.path))
        if error.status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, error.message)
        return self.renderer_for(request.url.path)(error)
