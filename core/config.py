"""Configuration, read from the environment in one place, with typed defaults.

Each field is read from the upper-cased variable of the same name (`database_url` from
`DATABASE_URL`). A bad value fails at start-up with a message naming the variable.
"""

from __future__ import annotations

import dataclasses
import inspect
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from limits import parse_many

from core import context

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "openapi"  # one hand-written OpenAPI document per API


class ConfigError(ValueError):
    pass


def boolean(text: str) -> bool:
    """true or false (also 1/0, yes/no, on/off)"""
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


def positive_int(text: str) -> int:
    """an integer, 1 or more"""
    value = int(text)
    if value < 1:
        raise ValueError("expected a positive integer")
    return value


def page_size(text: str) -> int:
    """an integer, 1 to 100"""
    value = positive_int(text)
    if value > 100:
        raise ValueError("expected at most 100 (the largest page a list answers)")
    return value


def secret(text: str) -> str:
    """at least 32 bytes"""
    if len(text.encode()) < 32:
        raise ValueError("expected at least 32 bytes (HS256 needs a key as long as its hash)")
    return text


def token(text: str) -> str:
    """at least 16 characters"""
    if len(text) < 16:
        raise ValueError("expected at least 16 characters (a guessable token would open it to anyone)")
    return text


def one_of(*choices: str) -> Callable[[str], str]:
    def cast(text: str) -> str:
        if text not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return text

    cast.__doc__ = " \\| ".join(choices)  # a Markdown table cell
    return cast


def http_url(text: str) -> str:
    """an http:// or https:// URL"""
    if not text.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// URL")
    return text


def rate_limits(text: str) -> str:
    """limits in `limits` notation, e.g. `10/minute;100/hour`"""
    parse_many(text)  # ValueError names what it could not read
    return text


def setting(default, cast: Callable[[str], object] = str):
    return dataclasses.field(default=default, metadata={"cast": cast})


@dataclasses.dataclass(frozen=True)
class Config:
    # Where the data lives: sqlite:///PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME.
    database_url: str = setting(f"sqlite:///{ROOT / 'var' / 'app.db'}")
    # JWT signing key; when unset, one is generated once and kept in the database.
    secret_key: str | None = setting(None, secret)
    # The least severe log lines written; DEBUG also shows tracebacks of start errors.
    log_level: str = setting("INFO", one_of("DEBUG", "INFO", "WARNING", "ERROR"))
    # "strong" (argon2id) in production; "fast" (cheap argon2id) only for tests and fuzzing.
    password_hash_profile: str = setting("strong", one_of("strong", "fast"))
    # Validating every response costs ~40% throughput: on in tests and CI, off in production.
    validate_responses: bool = setting(False, boolean)
    # Serve this one API at the root instead of all of them under their base paths.
    api: str | None = setting(None)
    # Threads running handlers, per worker process; unset, 2 on SQLite and 8 on PostgreSQL.
    # Handlers hold the GIL most of the time, and SQLite's driver lets go of it at every row
    # it reads: more threads then hand it over at every row (on 2 cores, 8 threads answered
    # a third of what 2 did under load). Waits on a database across the network are what
    # more threads are for.
    threads: int | None = setting(None, positive_int)
    # Bucket list: how long a login token lasts (seconds).
    bucketlist_token_ttl: int = setting(24 * 3600, positive_int)
    # Bucket list: the page size of lists asked for without ?limit=.
    bucketlist_per_page: int = setting(10, page_size)
    # Cassie's Api-Key header value; unset, the development key (with a warning in the log).
    cassie_api_key: str | None = setting(None)
    # Where uploaded pictures are kept (Cassie profile pictures), served back by URL.
    media_root: str = setting(str(ROOT / "var" / "media"))
    # Peerly: where its Google login asks who an access token belongs to.
    peerly_google_userinfo_url: str = setting("https://www.googleapis.com/oauth2/v1/userinfo", http_url)
    # Peerly: how long (seconds) the JWTs it issues stay valid (10000, as the original's sample setting).
    peerly_token_ttl: int = setting(10000, positive_int)
    # Bearer token that opens GET /metrics (Prometheus); unset, /metrics is not served.
    metrics_token: str | None = setting(None, token)
    # Where clients reach the service (https://api.example.com), for Location and page links.
    public_base_url: str | None = setting(None, http_url)
    # Rate limit of each login, sign-up and password operation per client address (core/ratelimit.py).
    rate_limit_address: str = setting("30/minute;300/hour", rate_limits)
    # Rate limit of each login, sign-up and password operation per account (email, handle or credentials).
    rate_limit_account: str = setting("10/minute;100/hour", rate_limits)
    # Where the rate limits are counted (redis://127.0.0.1:6379), so all workers count together;
    # unset, each worker counts in its own memory.
    redis_url: str | None = setting(None)

    @property
    def handler_threads(self) -> int:
        return self.threads or (2 if self.database_url.startswith("sqlite") else 8)

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


def settings_table() -> str:
    """The README's table of settings, from `Config` itself: each field's variable, default,
    what it accepts (its cast's docstring) and the comment above it (scripts/settings-table)."""
    comments = _field_comments()
    rows = ["| Variable | Default | Accepts | What it is for |", "|---|---|---|---|"]
    for field in dataclasses.fields(Config):
        default = "(unset)" if field.default is None else f"`{field.default}`".replace(str(ROOT), "<project>")
        cast = field.metadata["cast"]
        accepts = "text" if cast is str else (cast.__doc__ or cast.__name__).strip()
        rows.append(f"| `{field.name.upper()}` | {default} | {accepts} | {comments.get(field.name, '')} |")
    return "\n".join(rows) + "\n"


def _field_comments() -> dict[str, str]:
    """The comment above each field of Config (one comment may serve the fields under it)."""
    comments, lines, previous_was_field = {}, [], False
    for line in inspect.getsource(Config).splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            lines = [] if previous_was_field else lines
            lines.append(stripped.lstrip("#").strip())
        elif match := re.match(r"(\w+): .*= setting\(", stripped):
            comments[match[1]] = " ".join(lines)
        elif not stripped:
            lines = []
        previous_was_field = bool(match) if not stripped.startswith("#") else False
    return comments


def activate(config: Config) -> None:
    """Replace the settings of the current app (tests change one setting so)."""
    context.current().config = config


def active() -> Config:
    """The settings of the app answering the current request: where handlers read them."""
    return context.current().config
