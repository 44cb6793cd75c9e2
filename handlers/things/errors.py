"""Things' one error shape: `{"code": <HTTP status>, "message": "..."}`, for every error.

Every 401 about a token carries the documentation's message, whichever way the token was
missing or wrong. Validation errors name each offending field in the message.
"""

from core.errors import ApiError, error_response
from handlers.things import INVALID_LOGIN

ACCESS_DENIED = "Access denied: invalid authentication token."
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="things"'}


def message(error: ApiError) -> str:
    if error.status == 401 and error.code != INVALID_LOGIN:
        return ACCESS_DENIED
    if error.fields:
        return "; ".join(f"{field} {text}" for field, texts in error.fields.items() for text in texts)
    return error.message


def render(error: ApiError):
    headers = {**error.headers, **(CHALLENGE if error.status == 401 else {})}
    return error_response(error.status, {"code": error.status, "message": message(error)}, headers=headers)
