"""No secret in any log line: a scenario through every API at DEBUG, its log searched for
every password, token, key and stored hash it involved."""

from __future__ import annotations

import dataclasses
import logging

from core import database
from core.config import activate, active
from models.peerly import SUPER_ADMIN
from tests.bucketlist import helpers as bucketlist
from tests.cassie import helpers as cassie
from tests.chitter import helpers as chitter
from tests.peerly import helpers as peerly
from tests.things import helpers as things

API_KEY = "cassie-api-key-only-this-test-knows"
SECRET_COLUMNS = ("password_hash", "session_key_digest", "digest", "jti")


def stored_secrets() -> set[str]:
    """Every hash, digest and revoked token id in the database, and the signing key."""
    found = set()
    db = database.db
    with db.connection_context():
        for table in db.get_tables():
            for column in db.get_columns(table):
                if column.name in SECRET_COLUMNS:
                    found |= {row[0] for row in db.execute_sql(f'SELECT "{column.name}" FROM "{table}"') if row[0]}
        found |= {row[0] for row in db.execute_sql("SELECT value FROM service_setting WHERE name = 'secret_key'")}
    return found


def test_a_debug_log_of_every_api_holds_no_secret(client, config, google, acme, caplog, monkeypatch):
    monkeypatch.setitem(cassie.APP, "Api-Key", API_KEY)
    activate(dataclasses.replace(active(), cassie_api_key=API_KEY))
    caplog.set_level(logging.DEBUG)
    secrets = {API_KEY, config.secret_key}

    kay = chitter.member(client, "kay")
    chitter.post_peep(client, kay, "hello")
    secrets |= {"mypassword", kay.key}
    account = bucketlist.register(client, "kay@example.com", "a-bucket-password")
    bucketlist.create_bucket(client, account)
    secrets |= {account.password, account.token}
    thing_owner = things.member(client, "kay")
    things.post_thing(client, thing_owner)
    secrets |= {things.PASSWORD, thing_owner.token}
    forecaster = cassie.sign_up(client, "kay", password="a-cassie-password")
    seen = {"last_seen_date": "2026-01-01", "last_seen_time": "10:00:00"}
    cassie.ok(cassie.post(client, "/login/", forecaster, data=seen))
    secrets |= {forecaster.password, forecaster.auth["Authorization"].split()[1]}
    sue = peerly.member(client, google, acme, "Sue", SUPER_ADMIN)
    assert client.post(f"{peerly.URL}/logout", headers=sue.auth).status_code < 300
    secrets |= {sue.token, f"google-token-for-{sue.email}"}
    secrets |= stored_secrets()

    text = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert "SELECT" in text  # the SQL log was on
    found = sorted(secret for secret in secrets if secret and secret in text)
    assert found == [], f"{len(found)} secrets in the log"
    assert len(secrets) >= 15
