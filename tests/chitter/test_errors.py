"""Chitter's `{"status", "error"}` shape for what the framework refuses on every operation."""

from http import HTTPStatus

import pytest

from tests.spec_operations import TOO_LARGE, operations_documenting


@pytest.mark.parametrize("method, path", operations_documenting("chitter", "413"))
def test_a_body_over_the_limit_is_refused_on_every_operation(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json() == {"status": 413, "error": HTTPStatus(413).phrase}


@pytest.mark.parametrize("method, path", operations_documenting("chitter", "415"))
def test_a_body_of_another_media_type_is_refused_on_every_operation(client, kay, method, path):
    response = client.request(method, path, content=b"body=text", headers={**kay.auth, "Content-Type": "text/plain"})

    assert response.status_code == 415
    assert response.json() == {"status": 415, "error": HTTPStatus(415).phrase}
