"""Logging in and initialize: recording the login and counting what is unseen."""

from datetime import timedelta

import pytest

from models.base import utc_now
from models.cassie import Notification, User
from tests.cassie.helpers import create_castie, end_castie, error, follow, get, ok, post


def test_login_records_the_login_and_answers_the_counts(client, steph):
    body = ok(post(client, "/login/", steph, data={"last_seen_date": "2016-05-01", "last_seen_time": "13:20:00"}))

    assert body == {"status": 200, "profile_handle": "steph", "handle": "steph", "number_notifications": 0,
                    "needs_answer": False, "number_needing_answer": 0}
    assert User.get_by_id(steph.id).last_login is not None


def test_login_counts_unread_notifications_and_casties_needing_an_answer(client, steph, luly, weather):
    follow(client, steph, weather)
    for uuid in (create_castie(client, steph), create_castie(client, steph)):
        end_castie(uuid)
    ok(post(client, "/add-frodad/steph/", luly))

    body = ok(post(client, "/login/", steph))

    assert body["number_notifications"] == 2  # the friend request, plus one for both casties
    assert body["needs_answer"] is True and body["number_needing_answer"] == 2


def test_login_counts_only_notifications_after_the_last_seen_one(client, steph, luly):
    ok(post(client, "/add-frodad/steph/", luly))
    Notification.update(created_at=utc_now() - timedelta(days=3)).execute()
    seen = (utc_now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S").split()

    body = ok(post(client, "/login/", steph, data={"last_seen_date": seen[0], "last_seen_time": seen[1]}))

    assert body["number_notifications"] == 0
    assert ok(post(client, "/login/", steph))["number_notifications"] == 1


def test_login_rejects_an_impossible_date(client, steph):
    response = post(client, "/login/", steph, data={"last_seen_date": "2016-02-30", "last_seen_time": "13:20:00"})

    error(response, 400, "invalid_request", "last_seen_date must be a real date (YYYY-MM-DD)")


def test_login_rejects_an_impossible_time(client, steph):
    response = post(client, "/login/", steph, data={"last_seen_date": "2016-02-28", "last_seen_time": "24:00:00"})

    error(response, 400, "invalid_request", "last_seen_time must be a real time (HH:MM:SS)")


def test_login_rejects_a_malformed_date(client, steph):
    error(post(client, "/login/", steph, data={"last_seen_date": "May 1st"}), 400, "invalid_request",
          "last_seen_date must be a real date (YYYY-MM-DD)")


def test_initialize_answers_the_same_counts_without_recording_a_login(client, steph, luly):
    ok(post(client, "/add-frodad/steph/", luly))

    body = ok(get(client, "/initialize/", steph))

    assert body == {"status": 200, "number_notifications": 1, "needs_answer": False, "number_needing_answer": 0}
    assert User.get_by_id(steph.id).last_login is None


@pytest.mark.parametrize("headers", [
    {"Api-Key": "cassie-dev-key"},
    {"Api-Key": "cassie-dev-key", "Authorization": "Basic bm9ib2R5QGV4YW1wbGUuY29tOnBhc3N3b3Jk"},
    {"Api-Key": "cassie-dev-key", "Authorization": "Bearer something"},
    {"Api-Key": "cassie-dev-key", "Authorization": "Basic !!!"},
], ids=["no-credentials", "unknown-user", "other-scheme", "malformed"])
def test_missing_or_wrong_credentials_fail_authentication(client, headers):
    response = client.post("/cassie/api/login/", headers=headers)

    assert error(response, 401, "authentication_failed") == {
        "status": 401, "error_type": "authentication_failed",
        "error_message": "the email address and password provided could not be authenticated",
    }


def test_wrong_password_fails_authentication(client, steph):
    steph.password = "wrong"

    error(post(client, "/login/", steph), 401, "authentication_failed")
    assert User.get_by_id(steph.id).last_login is None


def test_the_email_is_matched_in_any_case(client, steph):
    steph.email = "STEPH@Example.com"

    ok(post(client, "/login/", steph))


@pytest.mark.parametrize("key", [None, "wrong-key"])
def test_missing_or_wrong_api_key_fails_authorization(client, steph, key):
    headers = {k: v for k, v in {**steph.auth, "Api-Key": key}.items() if v is not None}

    response = client.post("/cassie/api/login/", headers=headers)

    error(response, 401, "authorization_failed", "the request did not carry a valid Api-Key header")


def test_the_configured_api_key_replaces_the_development_key(client, steph, monkeypatch):
    import dataclasses

    from core import config

    config.activate(dataclasses.replace(config.active(), cassie_api_key="production-key"))

    error(post(client, "/login/", steph), 401, "authorization_failed")
    ok(post(client, "/login/", steph, headers={"Api-Key": "production-key"}))
