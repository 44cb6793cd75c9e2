"""Notifications: written on the events that concern a user, and counted for login and
initialize. A castie of yours that has ended unanswered counts as one (castie-needs-answer),
made up when asked for, never stored: it goes away once the castie is answered."""

from __future__ import annotations

from datetime import datetime

from models.base import utc_now
from models.cassie import Castie, Notification


def notify(user_ids, kind: str, data: str, message: str) -> None:
    """One notification for each of `user_ids`, in one statement."""
    now = utc_now()
    rows = [{"user": user_id, "notification_type": kind, "data": data, "message": message, "created_at": now}
            for user_id in user_ids]
    if rows:
        Notification.insert_many(rows).execute()


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


def notification_rows(condition, limit: int = 100):
    """The newest stored notifications meeting `condition`: (id, type, data, message, created
    at, read)."""
    return (
        Notification.select(Notification.id, Notification.notification_type, Notification.data,
                            Notification.message, Notification.created_at, Notification.has_been_read)
        .where(condition)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
        .tuples()
    )


def read_all(condition) -> None:
    Notification.update(has_been_read=True).where(condition, ~Notification.has_been_read).execute()
