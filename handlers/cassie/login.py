"""Logging in (an authenticated hello that records the login) and initialize: the counts of
what the user has not seen yet."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.cassie import caller, caller_handle
from models.base import utc_now
from models.cassie import User
from models.cassie.notifications import counts


def _last_seen(body: dict) -> datetime | None:
    """The moment both fields name (the spec lets only a real date and time through)."""
    if "last_seen_date" not in body or "last_seen_time" not in body:
        return None
    moment = datetime.strptime(f"{body['last_seen_date']} {body['last_seen_time']}", "%Y-%m-%d %H:%M:%S")
    return moment.replace(tzinfo=UTC)


def log_in(token_info, body=None):
    seen_until = _last_seen(body or {})
    User.update(last_login=utc_now()).where(User.id == caller(token_info)).execute()
    handle = caller_handle(token_info)
    return {"status": 200, "profile_handle": handle, "handle": handle, **counts(caller(token_info), seen_until)}


def initialize(token_info):
    return {"status": 200, **counts(caller(token_info))}
