"""Things' `{code, message}` shape for what the framework refuses on every operation."""

import pytest

from core.limits import MAX_BODY_BYTES
from tests.spec_operations import TOO_LARGE, operations_documenting
from tests.things.helpers import assert_error


@pytest.mark.parametrize("method, path", operations_documenting("things", "413"))
def test_a_body_over_the_limit_is_refused_on_every_operation(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "application/json"})

    assert_error(response, 413, f"The request body is over {MAX_BODY_BYTES} bytes")
