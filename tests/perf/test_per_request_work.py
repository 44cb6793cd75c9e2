"""Work done once at start, not on every request: Connexion's decoration of an operation,
and JSON encoding with orjson that renders what Connexion's encoder rendered."""

from datetime import UTC, date, datetime
from decimal import Decimal

import connexion.decorators.parameter
import pytest

from core.encoding import dumps
from tests.chitter.helpers import member, post_peep


@pytest.fixture
def signatures_inspected(monkeypatch) -> list:
    calls = []
    inspect = connexion.decorators.parameter.inspect_function_arguments

    def counted(function):
        calls.append(function)
        return inspect(function)

    monkeypatch.setattr(connexion.decorators.parameter, "inspect_function_arguments", counted)
    return calls


def test_an_operation_is_decorated_once_not_per_request(client, signatures_inspected):
    client.get("/chitter/peeps")  # the first request may decorate
    signatures_inspected.clear()

    for _ in range(3):
        assert client.get("/chitter/peeps").status_code == 200

    assert signatures_inspected == []


def test_responses_keep_text_and_timestamps_as_before(client):
    kay = member(client, "Kay")
    post_peep(client, kay, "héllo ✓ \u2028 \"quoted\"")

    peep = client.get("/chitter/peeps").json()[0]

    assert peep["body"] == "héllo ✓ \u2028 \"quoted\""


def test_encoder_renders_values_as_connexions_did():
    assert dumps({"at": datetime(2020, 1, 2, 3, 4, 5, 6), "aware": datetime(2020, 1, 2, tzinfo=UTC)}) == (
        '{"at":"2020-01-02T03:04:05.000006Z","aware":"2020-01-02T00:00:00+00:00"}'
    )
    # Past 64 bits orjson refuses: the standard library answers.
    assert dumps([date(2020, 1, 2), Decimal("1.5"), 2**70]) == '["2020-01-02", 1.5, 1180591620717411303424]'
