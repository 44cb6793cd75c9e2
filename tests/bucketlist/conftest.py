import dataclasses

import pytest

from core.config import activate
from tests.bucketlist.helpers import Account, create_bucket, register


@pytest.fixture
def member(client) -> Account:
    return register(client, "example@gmail.com", "123456")


@pytest.fixture
def stranger(client) -> Account:
    return register(client, "stranger@gmail.com", "654321")


@pytest.fixture
def bucket(client, member) -> dict:
    return create_bucket(client, member, "Travel")


@pytest.fixture
def settings(config):
    """Changes settings for one test, as if the server had been started with them."""

    def change(**values) -> None:
        activate(dataclasses.replace(config, **values))

    yield change
    activate(config)
