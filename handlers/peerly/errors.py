"""Peerly's error shape, for every error: `{"error": {"code", "message", "fields"?}}`.

`fields` (one message per field) appears only on validation errors. Codes and messages
are the seed's (`invalid_token`, `access_denied`, `invalid_data`,
`insufficient_hi5_balance`) and, where it is silent, the original node-backend's
(`recognition-not-found`, `unprocessable-entity`, ...).
"""

from core.errors import ApiError, BadRequest, Forbidden, NotFound, Unprocessable, ValidationFailed, error_response

NOT_FOUND = {
    "core-value": "Core value not found for specified id",
    "user": "User not found for specified id",
    "recognition": "Recognition not found for specified id",
    "organisation": "Organisation with specified id is not found",
}
INVALID = {
    "core-value": "Invalid core value data",
    "user": "Invalid user data",
    "recognition": "Invalid recognition data",
    "organisation": "Invalid organisation data",
}
INVALID_BODY = "Please provide valid form data"
INVALID_PARAMETERS = "Invalid request parameters"


def not_found(resource: str) -> ApiError:
    return NotFound(NOT_FOUND[resource], code=f"{resource}-not-found")


def invalid(resource: str, **fields: str) -> ApiError:
    return BadRequest(INVALID[resource], code="invalid_data", fields={name: [text] for name, text in fields.items()})


def forbidden() -> ApiError:
    return Forbidden()


def unprocessable(message: str) -> ApiError:
    return Unprocessable(message, code="unprocessable-entity")


def insufficient_hi5_balance() -> ApiError:
    return BadRequest("Hi5 quota balance is insufficient for this action", code="insufficient_hi5_balance")


def _code_and_message(error: ApiError) -> tuple[str, str]:
    if error.status == 401:
        return "invalid_token", "unauthorized user"
    if error.status == 403:
        return "access_denied", "Permission required"
    if error.code:
        return error.code, error.message
    if isinstance(error, ValidationFailed):
        return "invalid_data", INVALID_BODY if error.in_body else INVALID_PARAMETERS
    if error.status == 400:
        return "invalid_data", error.message
    if error.status == 500:
        return "server-error", "Internal server error"
    return error.reason.lower().replace(" ", "-"), error.message


def render(error: ApiError):
    code, message = _code_and_message(error)
    body = {"code": code, "message": message}
    if error.fields:
        body["fields"] = {name: "; ".join(messages) for name, messages in error.fields.items()}
    return error_response(error.status, {"error": body}, headers=error.headers)
