import pytest

from models.peerly import MODERATOR, ORGANISATION_ADMIN, SUPER_ADMIN
from tests.peerly.helpers import FakeGoogle, google_in_place, make_core_value, make_org, member


@pytest.fixture(scope="session")
def google_server():
    with google_in_place() as google:
        yield google


@pytest.fixture
def google(google_server) -> FakeGoogle:
    google_server.reset()
    return google_server


@pytest.fixture
def acme(app):
    return make_org("acme.test", name="Acme", hi5_limit=5)


@pytest.fixture
def globex(app):
    """Another organisation, whose people must never reach Acme's."""
    return make_org("globex.test", name="Globex", hi5_limit=5)


@pytest.fixture
def employee(client, google, acme):
    return member(client, google, acme, "Kay")


@pytest.fixture
def colleague(client, google, acme):
    return member(client, google, acme, "Dev")


@pytest.fixture
def admin(client, google, acme):
    return member(client, google, acme, "Ada", ORGANISATION_ADMIN)


@pytest.fixture
def moderator(client, google, acme):
    return member(client, google, acme, "Mo", MODERATOR)


@pytest.fixture
def super_admin(client, google, acme):
    return member(client, google, acme, "Sue", SUPER_ADMIN)


@pytest.fixture
def outsider(client, google, globex):
    return member(client, google, globex, "Otto")


@pytest.fixture
def outsider_admin(client, google, globex):
    return member(client, google, globex, "Olga", ORGANISATION_ADMIN)


@pytest.fixture
def teamwork(acme):
    return make_core_value(acme, "Teamwork")
