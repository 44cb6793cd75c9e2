"""Peerly's error shape, for every error: `{"error": {"code", "message", "fields"?}}`.

`fields` (one message per field) appears only on validation errors. Codes and messages
are the seed's (`invalid_token`, `access_denied`, `invalid_data`,
`insufficient_hi5_balance`) and, where it is silent, the original node-backend's
(`recognition-not-found`, `unprocessable-entity`, ...): see `handlers.peerly`.
"""

from core.errors import ApiError, ValidationFailed, error_response

INVALID_BODY = "Please provide valid form data"
INVALID_PARAMETERS = "Invalid request parameters"
# A resource whose seed section names its own message for a bad body: the schema's
# refusals say it too, as the handler's do.
# (badges: the original's, the seed has none).
INVALID_BODY_OF = {"core_values": "Invalid core value data", "badges": "Invalid badges data"}


def _invalid_body_message(error: ValidationFailed) -> str:
    path = error.request.url.path.split("/") if error.request is not None else []
    return next((INVALID_BODY_OF[part] for part in path if part in INVALID_BODY_OF), INVALID_BODY)


def _code_and_message(error: ApiError) -> tuple[str, str]:
    if error.status == 401:
        return "invalid_token", "unauthorized user"
    if error.status == 403:
        return "access_denied", "Permission required"
    if error.code:
        return error.code, error.message
    if isinstance(error, ValidationFailed):
        return "invalid_data", _invalid_body_message(error) if error.in_body else INVALID_PARAMETERS
    if error.status == 400:
        return "invalid_data", error.message
    if error.status == 500:
        return "server-error", "internal server error"  # the seed's words (the original's code)
    return error.reason.lower().replace(" ", "-"), error.message


def render(error: ApiError):
    code, message = _code_and_message(error)
    body = {"code": code, "message": message}
    if error.fields:
        body["fields"] = {name: "; ".join(messages) for name, messages in error.fields.items()}
    return error_response(error.status, {"error": body}, headers=error.headers)
