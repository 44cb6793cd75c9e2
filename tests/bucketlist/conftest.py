import pytest

from handlers.bucketlist import settings
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
def environ(monkeypatch):
    """Sets an environment variable the bucket list's settings read, for one test."""

    def set_variable(name: str, value: str) -> None:
        monkeypatch.setenv(name, value)
        settings.cache_clear()

    yield set_variable
    settings.cache_clear()
