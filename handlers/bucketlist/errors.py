"""The bucket list's one error shape, `{"status": "failed", "message": "..."}`, as the original's.

- Handlers raise `Failed(message, status)` in the original's words.
- Invalid input carries the spec's `x-messages`; a body that fails on register is a 202
  and on login a 401 (the spec marks those bodies with `x-field`), any other a 400.
- Errors raised before a handler runs get the original's words for their kind: no token,
  unknown route, wrong method, malformed JSON. A body that is not JSON is a 400 (never a
  415) in the words the original used on that route.
"""

import re

from core.errors import ApiError, ValidationFailed, error_response
from handlers.bucketlist import Failed

BEFORE_HANDLERS = {
    400: "Bad Request",
    401: "Token is missing",  # Connexion's only 401 here: no Authorization header at all
    404: "Endpoint not found",
    405: "The method is not allowed for the requested URL",
    500: "Internal server error",
}
NOT_JSON = "Content-type must be json"
# Routes whose original check said it in other words.
NOT_JSON_ON = (
    (re.compile(r".*/bucketlists/[^/]+/items(/[^/]+)?/?"), "Content-type must be application/json"),
    (re.compile(r".*/auth/reset/password/?"), "Content type must be json"),
)
STATUS_OF_FIELD = {"registration": 202, "login": 401}


def render(error: ApiError):
    status, message = _status_and_message(error)
    return error_response(status, {"status": "failed", "message": message}, headers=error.headers)


def _status_and_message(error: ApiError) -> tuple[int, str]:
    if isinstance(error, Failed):
        return error.status, error.message
    if isinstance(error, ValidationFailed):
        field, messages = next(iter(error.fields.items()))
        # The spec's messages are sentences; the foundation's defaults follow the field's name.
        message = messages[0] if messages[0][:1].isupper() else f"{field} {messages[0]}"
        return STATUS_OF_FIELD.get(field, 400), message
    if error.status == 415:
        return 400, not_json_message(error.request.url.path if error.request else "")
    return error.status, BEFORE_HANDLERS.get(error.status, error.reason)


def not_json_message(path: str) -> str:
    return next((message for route, message in NOT_JSON_ON if route.fullmatch(path)), NOT_JSON)
