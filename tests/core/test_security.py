"""The shared security helpers: password hashing, opaque tokens, JWTs and their denylist."""

from datetime import timedelta

import jwt
import pytest

from core import database, security
from models.service import RevokedToken, revoke


@pytest.fixture
def connection(app):
    with database.db.connection_context():
        yield


def test_password_hash_verifies_only_the_same_password():
    stored = security.hash_password("correct horse")

    assert security.verify_password(stored, "correct horse")
    assert not security.verify_password(stored, "wrong horse")
    assert not security.verify_password(None, "correct horse")


def test_passwords_with_lone_surrogates_hash_without_error():
    stored = security.hash_password("\udabb")

    assert security.verify_password(stored, "\udabb")


def test_tokens_are_stored_as_digests_and_compared_by_digest():
    token = security.new_token()

    assert security.matches_digest(token, security.digest(token))
    assert not security.matches_digest(token + "x", security.digest(token))
    assert not security.matches_digest(token, None)


def test_jwt_round_trip_carries_the_standard_claims(connection):
    token = security.issue_jwt("42", timedelta(minutes=5), role=3)

    claims = security.decode_jwt(token)

    assert claims["sub"] == "42" and claims["role"] == 3
    assert set(security.JWT_REQUIRED) <= set(claims)


def test_expired_jwt_is_rejected(connection):
    token = security.issue_jwt("42", timedelta(seconds=-1))

    with pytest.raises(jwt.ExpiredSignatureError):
        security.decode_jwt(token)


def test_jwt_signed_with_another_key_is_rejected(connection):
    claims = {"sub": "42", "exp": 9999999999, "iat": 0, "nbf": 0, "jti": "x"}
    forged = jwt.encode(claims, "another-key-that-is-32-bytes-long!", "HS256")

    with pytest.raises(jwt.InvalidSignatureError):
        security.decode_jwt(forged)


def test_revoked_jwt_stays_denied_and_expired_entries_are_purged(connection):
    expired = security.decode_jwt(security.issue_jwt("1", timedelta(seconds=5)))
    expired["exp"] -= 3600
    revoke(expired)
    live = security.decode_jwt(security.issue_jwt("1", timedelta(minutes=5)))

    revoke(live)
    revoke(live)  # twice is harmless

    assert RevokedToken.select().where(RevokedToken.jti == live["jti"]).exists()
    assert not RevokedToken.select().where(RevokedToken.jti == expired["jti"]).exists()


def test_a_verified_password_is_not_checked_again_within_the_ttl(monkeypatch):
    verified, calls = security.VerifiedPasswords(ttl=60), []
    stored = security.hash_password("secret")
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda *args: calls.append(args) or real(*args))

    assert verified.verify(1, stored, "secret") and verified.verify(1, stored, "secret")
    assert len(calls) == 1


def test_failures_are_never_remembered(monkeypatch):
    verified, calls = security.VerifiedPasswords(ttl=60), []
    stored = security.hash_password("secret")
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda *args: calls.append(args) or real(*args))

    assert not verified.verify(1, stored, "wrong") and not verified.verify(1, stored, "wrong")
    assert len(calls) == 2


def test_a_changed_hash_or_another_user_misses_the_cache():
    verified = security.VerifiedPasswords(ttl=60)
    old, new = security.hash_password("secret"), security.hash_password("changed")
    assert verified.verify(1, old, "secret")

    assert not verified.verify(1, new, "secret")
    assert verified.verify(1, new, "changed")
    assert not verified.verify(2, None, "secret")


def test_entries_expire_and_the_cache_stays_bounded(monkeypatch):
    expired, small, calls = security.VerifiedPasswords(ttl=0), security.VerifiedPasswords(ttl=60, size=2), []
    stored = security.hash_password("secret")
    real = security.verify_password
    monkeypatch.setattr(security, "verify_password", lambda *args: calls.append(args) or real(*args))

    assert expired.verify(1, stored, "secret") and expired.verify(1, stored, "secret")
    assert len(calls) == 2
    for user in range(5):
        small.verify(user, stored, "secret")
    assert len(small._expiry) == 2
