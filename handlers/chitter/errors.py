"""Chitter's error shapes, as the Rails original sent them.

- 401: text/plain `HTTP Token: Access denied.` with `WWW-Authenticate`, as Rails'
  token authentication answers.
- Invalid bodies (ours and the spec's): 422 `{"attribute": ["message", ...]}`.
- A failed login: 422 `{"errors": {"password": "Invalid username or password"}}`, the one
  shape real clients parse there.
- Anything else: `{"status": 404, "error": "Not Found"}`, Rails' JSON for exceptions.
"""

from core.errors import ApiError, ValidationFailed, error_response
from handlers.chitter import INVALID_LOGIN

ACCESS_DENIED = "HTTP Token: Access denied.\n"


def render(error: ApiError):
    if error.status == 401:
        headers = {**error.headers, "WWW-Authenticate": 'Token realm="Application"'}
        return error_response(401, ACCESS_DENIED, headers=headers, mimetype="text/plain")
    if error.code == INVALID_LOGIN:
        return error_response(422, {"errors": {"password": error.message}})
    if error.fields is not None and not (isinstance(error, ValidationFailed) and not error.in_body):
        return error_response(422, error.fields)
    return error_response(error.status, {"status": error.status, "error": error.reason}, headers=error.headers)
