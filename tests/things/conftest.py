import pytest

from tests.things.helpers import Member, member


@pytest.fixture
def kay(client) -> Member:
    return member(client, "kay")


@pytest.fixture
def dog(client) -> Member:
    return member(client, "dog")
