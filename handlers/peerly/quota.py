"""The hi5 economy: spending a hi5, and renewing everyone's quota each week or month."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.database import db
from handlers.peerly.errors import insufficient_hi5_balance
from models.peerly import WEEKLY, Organisation, User


def spend_hi5(user_id: int) -> int:
    """Takes one hi5 from the user and answers how many are left.

    The check and the decrement are one statement, so parallel requests cannot take the
    balance below zero (and the CHECK constraint would refuse it if they could).
    """
    left = (
        User.update(hi5_quota_balance=User.hi5_quota_balance - 1)
        .where(User.id == user_id, User.hi5_quota_balance > 0)
        .returning(User.hi5_quota_balance)
        .tuples()
        .execute()
    )
    rows = list(left)
    if not rows:
        raise insufficient_hi5_balance()
    return rows[0][0]


def is_renewal_day(organisation: Organisation, day: date) -> bool:
    return day.weekday() == 0 if organisation.hi5_quota_renewal_frequency == WEEKLY else day.day == 1


def renew_hi5(today: date | None = None) -> list[Organisation]:
    """Resets balances to the hi5 limit where it is Monday (WEEKLY) or the 1st (MONTHLY).

    "Today" is each organisation's own date (in its time zone) unless `today` is given.
    Each organisation renews once per renewal day, so running this daily, hourly or twice
    is safe: a second run does not hand out the week's hi5s again.
    """
    renewed = []
    for organisation in Organisation.select().order_by(Organisation.id):
        day = today or datetime.now(ZoneInfo(organisation.timezone)).date()
        if is_renewal_day(organisation, day) and _renew(organisation.id, day):
            renewed.append(organisation)
    return renewed


def _renew(organisation_id: int, day: date) -> bool:
    with db.atomic():
        claimed = (
            Organisation.update(hi5_renewed_on=day)
            .where(
                Organisation.id == organisation_id,
                Organisation.hi5_renewed_on.is_null() | (Organisation.hi5_renewed_on != day),
            )
            .execute()
        )
        if claimed:
            limit = Organisation.select(Organisation.hi5_limit).where(Organisation.id == organisation_id)
            User.update(hi5_quota_balance=limit).where(User.org == organisation_id).execute()
    return bool(claimed)
