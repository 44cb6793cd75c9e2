"""Passwords, opaque tokens and JWTs, the same way for every API.

Passwords are hashed with argon2id (memory-hard) in a small executor of its own, about
one thread per core, at the lowest CPU priority: on the 40-thread request pool a burst of
sign-ups would thrash memory and CPU (measured 7x slower), and at normal priority a login
flood took the cores from every read. A handler waiting for a hash gives its database
connection back first and lends its handler-thread slot to other requests meanwhile
(`_hashing`), so a login flood queues behind the hash executor without starving reads.
Opaque tokens are random and stored only as digests. JWTs are HS256 with exp, iat, nbf
and jti; logging one out puts its jti on a denylist in the database (models.service,
shared by every worker) until it would have expired. Each app has its own `Passwords`
(profile and signing key) in its context.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import anyio.from_thread
import anyio.to_thread
import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import context
from core.database import connection_released, db, in_connection

PROFILES = {
    "strong": PasswordHasher(),  # argon2id, t=3, m=64 MiB, p=4 (argon2-cffi's RFC 9106 low-memory profile)
    "fast": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),  # tests and fuzzing only
}

HASH_THREADS = os.cpu_count() or 2
# Handler slots lent at most at once by requests waiting for a hash; past that, a login
# waits in its own slot (16 logins at once on 2 cores: all lend).
MAX_LENT = 16 * HASH_THREADS
# A lower CPU priority for hashing (Linux nice is per thread, and argon2's own lane threads
# inherit it): during a login flood reads keep their latency while hashes queue. Nice 10
# weighs about a tenth of normal, so a saturated server still finishes logins (at 19,
# a fiftieth, they timed out under load). Measured in docs/performance.md, "Hashing".
HASH_NICENESS = 10


def _lower_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICENESS)
    except (AttributeError, OSError):  # not Linux: hashing shares the cores evenly
        pass


_executor = ThreadPoolExecutor(max_workers=HASH_THREADS, thread_name_prefix="password", initializer=_lower_priority)
_lent = threading.BoundedSemaphore(MAX_LENT)


class Passwords:
    """An app's hashing profile and JWT signing key.

    `signing_key` is SECRET_KEY, or a function the composition root gives that fetches
    the key generated once and kept in the database (so all workers agree), on first use.
    """

    def __init__(
        self,
        profile: str,
        signing_key: str | Callable[[], str],
        upgrade: Callable[[str, str], None] = lambda old_hash, new_hash: None,
    ):
        self.hasher = PROFILES[profile]
        # Stores a hash made with the current parameters in place of an older one (the
        # composition root gives models.service.upgrade_password_hash).
        self.upgrade = upgrade
        self.dummy_hash = self.hasher.hash(b"no such user")  # verified against when the user does not exist
        self._signing_key = signing_key

    @property
    def signing_key(self) -> str:
        if callable(self._signing_key):
            load = self._signing_key
            # Security checks call this on the event loop, outside any handler's connection
            # (a worker restarted during a failover answered 500 on its first token check).
            self._signing_key = load() if not db.is_closed() else in_connection(load)()
        return self._signing_key


def hash_queue_size() -> int:
    """Hashes waiting for a thread of the executor (for the metrics)."""
    return _executor._work_queue.qsize()


def _passwords() -> Passwords:
    return context.current().passwords


def signing_key() -> str:
    return _passwords().signing_key


def _encode(password: str) -> bytes:
    # JSON strings may carry lone surrogates, which strict UTF-8 cannot encode.
    return password.encode("utf-8", "surrogatepass")


def _hashing(function, *args):
    """Run `function` in the hash executor; the calling handler thread waits outside the
    handler-thread limit and without a database connection (unless in a transaction)."""
    with connection_released():
        return _lending_a_slot(_executor.submit(function, *args))


def _lending_a_slot(future):
    """The result of `future`, waited for with this handler thread's slot lent to others."""
    lent = _lent.acquire(blocking=False)
    if lent:
        try:
            anyio.from_thread.run_sync(_lend_slot, 1)
        except RuntimeError:  # not a handler thread (a command, a test calling directly)
            _lent.release()
            lent = False
    try:
        return future.result()
    finally:
        if lent:
            anyio.from_thread.run_sync(_lend_slot, -1)
            _lent.release()


def _lend_slot(change: int) -> None:
    """In the event loop: grow (or shrink back) the handler-thread limit by one."""
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(0, limiter.total_tokens + change)


def hash_password(password: str) -> str:
    return _hashing(_passwords().hasher.hash, _encode(password))


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if the password matches; with no hash, a dummy check takes the same time."""
    passwords = _passwords()

    def verify() -> bool:
        try:
            return passwords.hasher.verify(password_hash or passwords.dummy_hash, _encode(password))
        except (VerificationError, InvalidHashError):
            return False

    verified = _hashing(verify) and password_hash is not None
    if verified and passwords.hasher.check_needs_rehash(password_hash):
        passwords.upgrade(password_hash, hash_password(password))
    return verified


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
    now = datetime.now(UTC)
    payload = {"sub": subject, "iat": now, "nbf": now, "exp": now + ttl, "jti": uuid.uuid4().hex, **claims}
    return jwt.encode(payload, signing_key(), algorithm=JWT_ALGORITHM)


def decode_jwt(token: str, **verify) -> dict:
    """The verified claims; raises jwt.ExpiredSignatureError or another jwt.InvalidTokenError.

    `verify` passes on to PyJWT (`audience=`, `issuer=`). Whether the token was revoked is
    a separate question (the denylist, models.service.RevokedToken, which each API's token
    check reads in its own statement), since it needs the database.
    """
    return jwt.decode(
        token, signing_key(), algorithms=[JWT_ALGORITHM], options={"require": JWT_REQUIRED}, **verify
    )
