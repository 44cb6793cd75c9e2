"""Errors outside any API (unknown paths, /health): `{"status": 404, "error": "Not Found"}`."""

from core.errors import ApiError, error_response


def render(error: ApiError):
    return error_response(error.status, {"status": error.status, "error": error.reason}, headers=error.headers)
