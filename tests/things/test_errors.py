"""Things' `{code, message}` shape for what the framework refuses on every operation."""

import pytest

from core.limits import MAX_BODY_BYTES
from tests.spec_operations import TOO_LARGE, operations_documenting
from tests.things.helpers import assert_error


@pytest.mark.parametrize("method, path", operations_documenting("things", "413"))
def test_a_body_over_the_limit_is_refused_on_every_operation(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "application/json"})

    assert_error(response, 413, f"The request body is over {MAX_BODY_BYTES} bytes")


@pytest.mark.parametrize("method, path", operations_documenting("things", "415"))
def test_a_body_of_another_media_type_is_refused_on_every_operation(client, kay, method, path):
    response = client.request(method, path, content=b"name=x", headers={**kay.auth, "Content-Type": "text/plain"})

    assert_error(response, 415, "Invalid Content-type (text/plain), expected ['application/json']")
