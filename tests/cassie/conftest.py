import dataclasses

import pytest

from core import config
from tests.cassie.helpers import Member, create_group, sign_up


@pytest.fixture(autouse=True)
def media_root(app, tmp_path):
    """Pictures go to a folder of this test's own."""
    kept = config.active()
    config.activate(dataclasses.replace(kept, media_root=str(tmp_path / "media")))
    yield tmp_path / "media"
    config.activate(kept)


@pytest.fixture
def steph(client) -> Member:
    return sign_up(client, "steph")


@pytest.fixture
def luly(client) -> Member:
    return sign_up(client, "luly")


@pytest.fixture
def weather(app):
    create_group("weather", "Boston Weather")
    return "weather"
