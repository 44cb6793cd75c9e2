"""Notifications: written on the events that concern a user, listed (which marks them
read), marked read one at a time, and counted for login and initialize.

A castie of yours that has ended unanswered is a notification too (castie-needs-answer),
made up when asked for, never stored: it goes away once the castie is answered.
"""

from __future__ import annotations

from datetime import datetime

from core.database import db
from handlers.cassie.auth import caller
from handlers.cassie.errors import not_found
from handlers.cassie.objects import notification_json, notification_rows
from models.base import utc_now
from models.cassie import Castie, Notification

NEEDS_ANSWER_TYPE = "castie-needs-answer"
NEEDS_ANSWER = "Your Castie has ended- time to answer it!"


def notify(user_ids, kind: str, data: str, message: str) -> None:
    """One notification for each of `user_ids`, in one statement."""
    rows = [{"user": user_id, "notification_type": kind, "data": data, "message": message} for user_id in user_ids]
    if rows:
        now = utc_now()
        Notification.insert_many([{**row, "created_at": now} for row in rows]).execute()


def needing_answer(user_id: int):
    """The user's Regular casties that have ended and are not answered yet."""
    return Castie.select().where(
        Castie.submitter == user_id,
        ~Castie.answer_submitted,
        ~Castie.open_ended,
        Castie.ends_at <= utc_now(),
    )


def counts(user_id: int, seen_until: datetime | None = None) -> dict:
    """Unread notifications (newer than `seen_until`), plus one if any castie needs an answer."""
    unread = Notification.select().where(Notification.user == user_id, ~Notification.has_been_read)
    if seen_until is not None:
        unread = unread.where(Notification.created_at > seen_until)
    number_needing_answer = needing_answer(user_id).count()
    return {
        "number_notifications": unread.count() + (1 if number_needing_answer else 0),
        "needs_answer": number_needing_answer > 0,
        "number_needing_answer": number_needing_answer,
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
        Notification.update(has_been_read=True).where(stored, ~Notification.has_been_read).execute()
    if kinds is None:
        return {"status": 200, "notifications": listed}
    return {"status": 200, **{kind: [n for n in listed if n["notification_type"] == kind] for kind in kinds}}


def mark_read(id, token_info):
    mine = (Notification.id == id) & (Notification.user == caller(token_info))
    if not Notification.update(has_been_read=True).where(mine).execute():
        raise not_found("the requested notification could not be found")
    return {"status": 200, "id": str(id), "has_been_read": True, "message": "notification has been read"}
