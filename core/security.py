"""Passwords, opaque tokens and JWTs, the same way for every API.

Passwords are hashed with argon2id (memory-hard) in a small executor of its own, about
one thread per core: on the 40-thread request pool a burst of sign-ups would thrash
memory and CPU (measured 7x slower). Opaque tokens are random and stored only as
digests. JWTs are HS256 with exp, iat, nbf and jti; logging one out puts its jti on a
denylist in the database (shared by every worker) until it would have expired.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.database import db, in_connection
from models.base import utc_now
from models.service import RevokedToken, Setting

PROFILES = {
    "strong": PasswordHasher(),  # argon2id, t=3, m=64 MiB, p=4 (argon2-cffi's RFC 9106 low-memory profile)
    "fast": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),  # tests and fuzzing only
}

_executor = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="password")
_hasher = PROFILES["strong"]
_dummy_hash: str | None = None  # verified against when the user does not exist


_signing_key: str | None = None


def configure(profile: str, signing_key: str | None = None) -> None:
    global _hasher, _dummy_hash, _signing_key
    _hasher = PROFILES[profile]
    _dummy_hash = _hasher.hash(b"no such user")
    _signing_key = signing_key


def signing_key() -> str:
    """SECRET_KEY, or a key generated once and kept in the database so all workers agree."""
    global _signing_key
    if _signing_key is None:
        load = functools.partial(Setting.get_or_create_value, "secret_key", lambda: secrets.token_urlsafe(48))
        # Security checks call this on the event loop, outside any handler's connection.
        _signing_key = load() if not db.is_closed() else in_connection(load)()
    return _signing_key


def _encode(password: str) -> bytes:
    # JSON strings may carry lone surrogates, which strict UTF-8 cannot encode.
    return password.encode("utf-8", "surrogatepass")


def hash_password(password: str) -> str:
    return _executor.submit(_hasher.hash, _encode(password)).result()


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if the password matches; with no hash, a dummy check takes the same time."""

    def verify() -> bool:
        try:
            return _hasher.verify(password_hash or _dummy_hash, _encode(password))
        except (VerificationError, InvalidHashError):
            return False

    return _executor.submit(verify).result() and password_hash is not None


class VerifiedPasswords:
    """Recent successful verifications, so credentials sent on every request (HTTP Basic)
    cost one argon2 check per TTL instead of one per request.

    Keyed by the user, the stored hash and a keyed digest of the presented password: a
    changed password or hash misses. Failures are never kept. Bounded, oldest out first.
    """

    def __init__(self, ttl: float = 60.0, size: int = 4096):
        self.ttl, self.size = ttl, size
        self._key = secrets.token_bytes(32)  # per process: the digests are useless elsewhere
        self._expiry: OrderedDict[tuple, float] = OrderedDict()
        self._lock = threading.Lock()

    def verify(self, user_id: object, password_hash: str | None, password: str) -> bool:
        if password_hash is None:
            return verify_password(None, password)
        entry = (user_id, password_hash, hmac.new(self._key, _encode(password), hashlib.sha256).digest())
        now = time.monotonic()
        with self._lock:
            if self._expiry.get(entry, 0.0) > now:
                return True
        if not verify_password(password_hash, password):
            return False
        with self._lock:
            self._expiry[entry] = now + self.ttl
            self._expiry.move_to_end(entry)
            while len(self._expiry) > self.size:
                self._expiry.popitem(last=False)
        return True


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(_encode(token)).hexdigest()


def matches_digest(token: str, expected_digest: str | None) -> bool:
    return expected_digest is not None and hmac.compare_digest(digest(token), expected_digest)


JWT_ALGORITHM = "HS256"
JWT_REQUIRED = ["exp", "iat", "nbf", "jti", "sub"]


def issue_jwt(subject: str, ttl: timedelta, **claims) -> str:
    """A signed JWT for `subject` (a string), valid from now for `ttl`, with extra claims."""
    now = utc_now()
    payload = {"sub": subject, "iat": now, "nbf": now, "exp": now + ttl, "jti": uuid.uuid4().hex, **claims}
    return jwt.encode(payload, signing_key(), algorithm=JWT_ALGORITHM)


def decode_jwt(token: str, **verify) -> dict:
    """The verified claims; raises jwt.ExpiredSignatureError or another jwt.InvalidTokenError.

    `verify` passes on to PyJWT (`audience=`, `issuer=`). Whether the token was revoked is
    a separate question (`is_revoked`), since it needs the database.
    """
    return jwt.decode(
        token, signing_key(), algorithms=[JWT_ALGORITHM], options={"require": JWT_REQUIRED}, **verify
    )


def revoke(claims: dict) -> None:
    """Deny this token until it expires (and forget the denied ones that have expired)."""
    RevokedToken.delete().where(RevokedToken.expires_at < utc_now()).execute()
    expires_at = datetime.fromtimestamp(claims["exp"], UTC)
    RevokedToken.insert(jti=claims["jti"], expires_at=expires_at).on_conflict_ignore().execute()


def is_revoked(claims: dict) -> bool:
    return RevokedToken.select().where(RevokedToken.jti == claims["jti"]).exists()
