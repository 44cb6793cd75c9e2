"""Members of every API, for the security suite's tests generated across all five."""

from __future__ import annotations

import pytest

from models.peerly import SUPER_ADMIN
from tests.bucketlist import helpers as bucketlist
from tests.cassie import helpers as cassie
from tests.chitter import helpers as chitter
from tests.peerly import helpers as peerly
from tests.peerly.conftest import acme, globex, google, google_server  # noqa: F401 (fixtures)
from tests.things import helpers as things


@pytest.fixture
def everyone(client, google, acme):  # noqa: F811 (the imported fixtures)
    """A member of each API, with the most powerful role there is: headers by API name."""
    return {
        "chitter": chitter.member(client, "kay").auth,
        "bucketlist": bucketlist.register(client, "kay@example.com").auth,
        "things": things.member(client, "kay").auth,
        "cassie": cassie.sign_up(client, "kay").auth,
        "peerly": peerly.member(client, google, acme, "Sue", SUPER_ADMIN).auth,
    }
