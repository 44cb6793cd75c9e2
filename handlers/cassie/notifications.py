"""Notifications: listed (which marks them read) and marked read one at a time. A castie of
yours that has ended unanswered is listed too (castie-needs-answer), made up when asked for."""

from __future__ import annotations

from datetime import datetime

from core.database import db
from handlers.cassie import caller, date_text, not_found, time_text
from models.base import utc_now
from models.cassie import Castie, Notification
from models.cassie.notifications import needing_answer, notification_rows, read_all

NEEDS_ANSWER_TYPE = "castie-needs-answer"
NEEDS_ANSWER = "Your Castie has ended- time to answer it!"
_UNITS = (("year", 365 * 86400), ("month", 30 * 86400), ("week", 7 * 86400), ("day", 86400), ("hour", 3600),
          ("minute", 60))


def time_since(moment: datetime, now: datetime) -> str:
    """"2 days ago", in the largest whole unit, as Django's timesince."""
    seconds = max(0, int((now - moment).total_seconds()))
    for unit, length in _UNITS:
        if seconds >= length or unit == "minute":
            count = seconds // length
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    raise AssertionError("unreachable")


def notification_json(notification_id, kind: str, data: str, message: str, created_at: datetime, read: bool,
                      now: datetime) -> dict:
    return {
        "id": None if notification_id is None else str(notification_id),
        "created_on_date": date_text(created_at),
        "created_on_time": time_text(created_at, "%H:%M:%S"),
        "timesince_created": time_since(created_at, now),
        "message": message,
        "notification_type": kind,
        "data": data,
        "has_been_read": read,
    }


def _needing_answer_json(user_id: int, now: datetime) -> list[dict]:
    pending = needing_answer(user_id).select(Castie.uuid, Castie.ends_at).order_by(Castie.ends_at.desc()).limit(100)
    return [notification_json(None, NEEDS_ANSWER_TYPE, uuid, NEEDS_ANSWER, ends_at, False, now)
            for uuid, ends_at in pending.tuples()]


def list_notifications(token_info, notification_type=None):
    user_id, now, kinds = caller(token_info), utc_now(), notification_type
    stored = Notification.user == user_id
    if kinds is not None:
        stored &= Notification.notification_type.in_(kinds)
    listed = _needing_answer_json(user_id, now) if kinds is None or NEEDS_ANSWER_TYPE in kinds else []
    with db.atomic():
        listed += [notification_json(*row, now) for row in notification_rows(stored)]
        read_all(stored)
    if kinds is None:
        return {"status": 200, "notifications": listed}
    return {"status": 200, **{kind: [n for n in listed if n["notification_type"] == kind] for kind in kinds}}


def mark_read(id, token_info):
    mine = (Notification.id == id) & (Notification.user == caller(token_info))
    if not Notification.update(has_been_read=True).where(mine).execute():
        raise not_found("the requested notification could not be found")
    return {"status": 200, "id": str(id), "has_been_read": True, "message": "notification has been read"}
