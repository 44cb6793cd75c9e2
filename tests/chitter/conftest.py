import pytest

from tests.chitter.helpers import Member, member


@pytest.fixture
def kay(client) -> Member:
    return member(client, "Kay")


@pytest.fixture
def dog(client) -> Member:
    return member(client, "Dog")
