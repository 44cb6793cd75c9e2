"""HTTP Basic on every request: successful checks are remembered briefly, failures never."""

from core import security
from core.security import VerifiedPasswords, hash_password
from models.cassie import User
from tests.cassie.helpers import error, get, ok


def test_a_verified_password_is_not_checked_again_within_the_ttl(monkeypatch):
    verified, calls = VerifiedPasswords(ttl=60), []
    stored = hash_password("secret")
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda *args: calls.append(args) or real(*args))

    assert verified.verify(1, stored, "secret") and verified.verify(1, stored, "secret")
    assert len(calls) == 1


def test_failures_are_never_remembered(monkeypatch):
    verified, calls = VerifiedPasswords(ttl=60), []
    stored = hash_password("secret")
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda *args: calls.append(args) or real(*args))

    assert not verified.verify(1, stored, "wrong") and not verified.verify(1, stored, "wrong")
    assert len(calls) == 2


def test_a_changed_hash_or_another_user_misses_the_cache():
    verified = VerifiedPasswords(ttl=60)
    old, new = hash_password("secret"), hash_password("changed")
    assert verified.verify(1, old, "secret")

    assert not verified.verify(1, new, "secret")
    assert verified.verify(1, new, "changed")
    assert not verified.verify(2, None, "secret")


def test_entries_expire_and_the_cache_stays_bounded(monkeypatch):
    expired, small, calls = VerifiedPasswords(ttl=0), VerifiedPasswords(ttl=60, size=2), []
    stored = hash_password("secret")
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda *args: calls.append(args) or real(*args))

    assert expired.verify(1, stored, "secret") and expired.verify(1, stored, "secret")
    assert len(calls) == 2
    for user in range(5):
        small.verify(user, stored, "secret")
    assert len(small._expiry) == 2


def test_a_changed_password_stops_working_at_once(client, steph):
    ok(get(client, "/initialize/", steph))
    User.update(password_hash=hash_password("new-password")).where(User.id == steph.id).execute()

    error(get(client, "/initialize/", steph), 401, "authentication_failed")
    steph.password = "new-password"
    ok(get(client, "/initialize/", steph))


def test_credentials_in_utf8_authenticate(client, steph):
    User.update(password_hash=hash_password("pässwörd")).where(User.id == steph.id).execute()
    steph.password = "pässwörd"

    ok(get(client, "/initialize/", steph))
