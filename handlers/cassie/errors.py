"""Cassie's error shape: `{"status": N, "error_type": "...", "error_message": "..."}`, for
every error, the framework's included. Some errors also echo context (`handle`,
`group_slug`), as the original did on group requests.

`error_type` is the documented one: handlers name it (`cassie_error(...)`); a request that
broke the spec gets `missing_request_data` for a missing field, else the type of the
operation it was for (`castie_not_created`, ...), else `invalid_request`; 401s tell a bad
Api-Key (`authorization_failed`) from bad credentials (`authentication_failed`).
"""

from __future__ import annotations

import re

from core.errors import ApiError, ValidationFailed, error_response
from handlers.cassie import valid_api_key

# The spec's message for a missing field (x-messages), as the original worded it.
MISSING = "was not sent in request"

# The error type of a request that broke the spec, by the operation its path names.
OPERATION_ERROR_TYPES = (
    (re.compile(r".*/api/signup/[^/]+/?"), "account_not_created"),
    (re.compile(r".*/api/casties/create/?"), "castie_not_created"),
    (re.compile(r".*/api/casties/[^/]+/forecast/?"), "cannot_forecast"),
    (re.compile(r".*/api/casties/[^/]+/answer/?"), "castie_not_answerable"),
    (re.compile(r".*/api/casties/[^/]+/comment/?"), "comment_not_created"),
    (re.compile(r".*/api/frodad-requests/[^/]+/[^/]+/?"), "improper_frodad_response"),
)

# Connexion's words for an operation sent without its (required) form; Cassie's wording for it.
NO_BODY = "RequestBody is required"

MESSAGES = {
    NO_BODY: f"the form {MISSING}",
    "authentication_failed": "the email address and password provided could not be authenticated",
    "authorization_failed": "the request did not carry a valid Api-Key header",
    404: "the requested URL could not be found",
    413: "the request body is too large",
    415: "the request body must be application/x-www-form-urlencoded (multipart/form-data with a picture)",
    500: "the server could not complete the request",
    503: "the service is unavailable for a moment; try again shortly",
}

TYPES = {
    404: "object_not_found",
    405: "incorrect_request_type",
    429: "too_many_requests",
    500: "server_error",
    503: "service_unavailable",
}


def _validation_type(error: ValidationFailed) -> str:
    if any(MISSING in message for messages in error.fields.values() for message in messages):
        return "missing_request_data"
    path = error.request.url.path if error.request else ""
    return next((kind for pattern, kind in OPERATION_ERROR_TYPES if pattern.fullmatch(path)), "invalid_request")


def _error_type(error: ApiError) -> str:
    if error.code:
        return error.code
    if error.status == 401:
        key = error.request.headers.get("Api-Key") if error.request else None
        return "authentication_failed" if valid_api_key(key) else "authorization_failed"
    if isinstance(error, ValidationFailed):
        return _validation_type(error)
    if error.message == NO_BODY:
        return "missing_request_data"
    return TYPES.get(error.status, "invalid_request")


def _message(error: ApiError, error_type: str) -> str:
    if isinstance(error, ValidationFailed):
        return "; ".join(f"{field} {message}" for field, messages in error.fields.items() for message in messages)
    if error.status == 405 and error.request is not None:
        return f"this endpoint does not accept {error.request.method} requests"
    if error.code is None:
        return MESSAGES.get(error_type) or MESSAGES.get(error.message) or MESSAGES.get(error.status) or error.message
    return error.message


def _status(error: ApiError) -> int:
    """The original documents 200, 400, 401 and 404 only: a wrong method is a 400 there."""
    return 400 if error.status == 405 else error.status


def render(error: ApiError):
    error_type, status = _error_type(error), _status(error)
    body = {"status": status, "error_type": error_type, "error_message": _message(error, error_type)}
    body.update(getattr(error, "context", {}))
    return error_response(status, body, headers=error.headers)
