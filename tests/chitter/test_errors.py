"""Chitter's `{"status", "error"}` shape for what the framework refuses on every operation."""

from http import HTTPStatus

import pytest

from tests.spec_operations import TOO_LARGE, operations_documenting


@pytest.mark.parametrize("method, path", operations_documenting("chitter", "413"))
def test_a_body_over_the_limit_is_refused_on_every_operation(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json() == {"status": 413, "error": "Request Entity Too Large"}


@pytest.mark.parametrize("method, path", operations_documenting("chitter", "415"))
def test_a_body_of_another_media_type_is_refused_on_every_operation(client, kay, method, path):
    response = client.request(method, path, content=b"body=text", headers={**kay.auth, "Content-Type": "text/plain"})

    assert response.status_code == 415
    assert response.json() == {"status": 415, "error": HTTPStatus(415).phrase}


def test_a_multipart_content_type_without_its_boundary_is_a_bad_request(client):
    # The framework parses a form body before any handler, on every operation (GETs too).
    response = client.get("/chitter/peeps", headers={"Content-Type": "multipart/form-data"})

    assert response.status_code == 400
    assert response.json() == {"status": 400, "error": HTTPStatus(400).phrase}
