"""Configuration, read from the environment in one place, with typed defaults.

Each field is read from the upper-cased variable of the same name (`database_url` from
`DATABASE_URL`). A bad value fails at start-up with a message naming the variable.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from limits import parse_many

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    pass


def boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError("expected a positive integer")
    return value


def page_size(text: str) -> int:
    value = positive_int(text)
    if value > 100:
        raise ValueError("expected at most 100 (the largest page a list answers)")
    return value


def secret(text: str) -> str:
    if len(text.encode()) < 32:
        raise ValueError("expected at least 32 bytes (HS256 needs a key as long as its hash)")
    return text


def one_of(*choices: str) -> Callable[[str], str]:
    def cast(text: str) -> str:
        if text not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return text

    return cast


def http_url(text: str) -> str:
    if not text.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// URL")
    return text


def rate_limits(text: str) -> str:
    parse_many(text)  # ValueError names what it could not read
    return text


def setting(default, cast: Callable[[str], object] = str):
    return dataclasses.field(default=default, metadata={"cast": cast})


@dataclasses.dataclass(frozen=True)
class Config:
    database_url: str = setting(f"sqlite:///{ROOT / 'var' / 'app.db'}")
    # JWT signing key; when unset, one is generated once and kept in the database.
    secret_key: str | None = setting(None, secret)
    log_level: str = setting("INFO", one_of("DEBUG", "INFO", "WARNING", "ERROR"))
    # "strong" (argon2id) in production; "fast" (cheap argon2id) only for tests and fuzzing.
    password_hash_profile: str = setting("strong", one_of("strong", "fast"))
    # Validating every response costs ~40% throughput: on in tests and CI, off in production.
    validate_responses: bool = setting(False, boolean)
    # Serve this one API at the root instead of all of them under their base paths.
    api: str | None = setting(None)
    # Threads running handlers, per worker process. Handlers hold the GIL most of the time,
    # so a few threads beat Starlette's 40 (which thrash it); waits (the database, a Google
    # call, a password hash in its own executor) are what the rest are for.
    threads: int = setting(8, positive_int)
    # Bucket list: how long a login token lasts (seconds), and list pages without ?limit=.
    bucketlist_token_ttl: int = setting(24 * 3600, positive_int)
    bucketlist_per_page: int = setting(10, page_size)
    # Cassie's Api-Key header value; unset, the development key (with a warning in the log).
    cassie_api_key: str | None = setting(None)
    # Where uploaded pictures are kept (Cassie profile pictures), served back by URL.
    media_root: str = setting(str(ROOT / "var" / "media"))
    # Peerly: where its Google login asks who an access token belongs to, and how long
    # (seconds) the JWTs it issues stay valid (10000, as the original's sample setting).
    peerly_google_userinfo_url: str = setting("https://www.googleapis.com/oauth2/v1/userinfo", http_url)
    peerly_token_ttl: int = setting(10000, positive_int)
    # Rate limits (core/ratelimit.py) on logins, sign-ups and passwords, in `limits` notation
    # ("10/minute;100/hour"): per client address and per account, on each such operation.
    # Counted in Redis when REDIS_URL is set (redis://127.0.0.1:6379), so all workers count together.
    rate_limit_address: str = setting("30/minute;300/hour", rate_limits)
    rate_limit_account: str = setting("10/minute;100/hour", rate_limits)
    redis_url: str | None = setting(None)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **overrides) -> Config:
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):
            variable = field.name.upper()
            text = environ.get(variable, "")
            if field.name in overrides or text == "":
                continue
            try:
                values[field.name] = field.metadata["cast"](text)
            except ValueError as error:
                raise ConfigError(f"{variable}={text!r}: {error}") from None
        return cls(**{**values, **overrides})


_active: Config | None = None


def activate(config: Config) -> None:
    """Make `config` the one `active()` answers: create_app calls it with the app's settings."""
    global _active
    _active = config


def active() -> Config:
    """The configuration the running app was created with: where handlers read settings."""
    if _active is None:
        raise RuntimeError("no app has been created yet (create_app activates its config)")
    return _active
