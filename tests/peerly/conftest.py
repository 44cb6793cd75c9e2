import pytest

from models.peerly import MODERATOR, ORGANISATION_ADMIN, SUPER_ADMIN
from tests.peerly.helpers import FakeGoogle, make_core_value, make_org, member, pointed_at


@pytest.fixture(scope="session")
def google_server():
    server = FakeGoogle().start()
    yield server
    server.stop()


@pytest.fixture
def google(app, google_server) -> FakeGoogle:
    google_server.reset()
    with pointed_at(google_server):  # per test: other tests may activate other settings
        yield google_server


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
