"""Password hashes made with older argon2 parameters are upgraded at the next login."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from models import bucketlist as bucketlist_models
from models import cassie as cassie_models
from models import chitter as chitter_models
from models import things as things_models
from tests.bucketlist import helpers as bucketlist
from tests.cassie import helpers as cassie
from tests.chitter import helpers as chitter
from tests.things import helpers as things

STRONGER = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)


def chitter_login(client):
    chitter.sign_up(client, "kay")
    return lambda: chitter.log_in(client, "kay"), chitter_models.User


def bucketlist_login(client):
    bucketlist.register(client, "kay@example.com")
    login = {"email": "kay@example.com", "password": "123456"}
    return lambda: client.post(f"{bucketlist.API}/auth/login", json=login).raise_for_status(), bucketlist_models.User


def things_login(client):
    things.sign_up(client, "kay")
    return lambda: things.log_in(client, "kay"), things_models.User


def cassie_login(client):
    member = cassie.sign_up(client, "kay")
    seen = {"last_seen_date": "2026-01-01", "last_seen_time": "10:00:00"}
    return lambda: cassie.ok(cassie.post(client, "/login/", member, data=seen)), cassie_models.User


@pytest.mark.parametrize("log_in", [chitter_login, bucketlist_login, things_login, cassie_login])
def test_a_login_upgrades_a_hash_of_older_parameters(app, client, monkeypatch, log_in):
    login, user_model = log_in(client)
    old = user_model.get().password_hash
    monkeypatch.setattr(app.context.passwords, "hasher", STRONGER)  # the parameters changed
    assert STRONGER.check_needs_rehash(old)

    login()
    new = user_model.get().password_hash
    login()  # the new hash verifies, and is kept

    assert new != old and not STRONGER.check_needs_rehash(new)
    assert user_model.get().password_hash == new
