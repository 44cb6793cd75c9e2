"""Every error is Peerly's `{"error": {"code", "message"}}`, the framework's included."""

import pytest

from core.limits import MAX_BODY_BYTES
from tests.peerly.helpers import UNAUTHORIZED, URL, error
from tests.spec_operations import TOO_LARGE, operations_documenting


def test_an_unknown_route_is_not_found(client, employee):
    response = client.get(f"{URL}/badges", headers=employee.auth)

    assert response.status_code == 404
    assert response.json() == error("not-found", "Not Found")


def test_a_wrong_method_names_the_allowed_ones(client, employee):
    response = client.delete(f"{URL}/core_values", headers=employee.auth)

    assert response.status_code == 405
    assert response.json() == error("method-not-allowed", "Method Not Allowed")
    assert response.headers["allow"] == "GET, POST"


@pytest.mark.parametrize(
    "content, content_type, status, code, message",
    [
        (b"{bad", "application/json", 400, "invalid_data", "The request body is not valid JSON"),
        (b"", "application/json", 400, "invalid_data", "RequestBody is required"),
        (b"text=T", "text/plain", 415, "unsupported-media-type", "Invalid Content-type (text/plain)"),
        (b"x" * (6 * 1024 * 1024 + 1), "application/json", 413, "request-entity-too-large", "The request body is over"),
    ],
    ids=["malformed-json", "no-body", "unsupported-media-type", "too-large"],
)
def test_bodies_the_framework_refuses(client, admin, content, content_type, status, code, message):
    response = client.post(f"{URL}/core_values", content=content, headers={**admin.auth, "Content-Type": content_type})

    assert response.status_code == status
    assert list(response.json()) == ["error"] and set(response.json()["error"]) == {"code", "message"}
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"].startswith(message)


def test_missing_credentials_are_unauthorized_before_the_body_is_checked(client):
    response = client.post(f"{URL}/core_values", json={})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize("method, path", operations_documenting("peerly", "413"))
def test_a_body_over_the_limit_is_refused_on_every_operation(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json() == error("request-entity-too-large", f"The request body is over {MAX_BODY_BYTES} bytes")


@pytest.mark.parametrize("method, path", operations_documenting("peerly", "415"))
def test_a_body_of_another_media_type_is_refused_on_every_operation(client, super_admin, method, path):
    headers = {**super_admin.auth, "Content-Type": "text/plain"}

    response = client.request(method, path, content=b"text=T", headers=headers)

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported-media-type"
    assert response.json()["error"]["message"].startswith("Invalid Content-type (text/plain), expected [")
