"""Frodads (friends): a request, accepted or rejected by its recipient, and unfriending.

A pair of users has at most one row (a unique index on the pair, lower id first), so a
second request either way fails in the database, not in a check before the insert.
"""

from __future__ import annotations

from peewee import IntegrityError

from core.database import db
from handlers.cassie import caller, caller_handle, cassie_error, not_found
from models.cassie import Frodad, Notification, User
from models.cassie.notifications import notify
from models.cassie.people import active_user, the_pair

NEWEST = 100


def find_user(handle: str) -> User:
    user = active_user(handle)
    if user is None:
        raise not_found("the requested user could not be found")
    return user


def add_frodad(handle, token_info):
    me, them = caller(token_info), find_user(handle)
    if them.id == me:
        raise cassie_error("cannot_add_frodad", "cannot frodad request yourself")
    try:
        with db.atomic():
            Frodad.create(user_low=min(me, them.id), user_high=max(me, them.id), requester=me)
            notify([them.id], "friend-request-received", caller_handle(token_info),
                   f"@{caller_handle(token_info)} has sent you a friendship request")
    except IntegrityError:
        accepted = Frodad.select().where(the_pair(me, them.id), Frodad.accepted).exists()
        message = "these Users are already friends" if accepted else "friend request is already pending"
        raise cassie_error("cannot_add_frodad", message) from None
    return {"status": 200, "message": "friend request sent"}


def _requests(condition, other_side) -> list[dict]:
    query = (
        User.select(User.handle, User.first_name, User.last_name)
        .join(Frodad, on=other_side)
        .where(condition, ~Frodad.accepted)
        .order_by(Frodad.created_at.desc(), Frodad.id.desc())
        .limit(NEWEST)
    )
    return [{"handle": h, "firstName": first, "lastName": last} for h, first, last in query.tuples()]


def list_requests(token_info):
    me = caller(token_info)
    ours = (Frodad.user_low == me) | (Frodad.user_high == me)
    other = ((Frodad.user_low == User.id) | (Frodad.user_high == User.id)) & (User.id != me)
    received = _requests(ours & (Frodad.requester != me), other)
    sent = _requests(ours & (Frodad.requester == me), other)
    return {"status": 200, "number_received": len(received), "requests_received": received or None,
            "number_sent": len(sent), "requests_sent": sent or None}


def respond_to_request(handle, action, token_info):
    me, them = caller(token_info), find_user(handle)
    pending = the_pair(me, them.id) & (Frodad.requester == them.id) & (~Frodad.accepted)
    with db.atomic():
        if action == "accept":
            done = Frodad.update(accepted=True).where(pending).execute()
            message = f"you and {them.handle} are now frodads"
        else:
            done = Frodad.delete().where(pending).execute()
            message = f"frodad request from {them.handle} has been rejected"
        if not done:
            raise cassie_error("invalid_request", f"there is no pending frodad request from {them.handle}")
        request = (Notification.notification_type == "friend-request-received") & (Notification.data == them.handle)
        Notification.delete().where(Notification.user == me, request).execute()
        if action == "accept":
            notify([them.id], "friend-request-accepted", caller_handle(token_info),
                   f"@{caller_handle(token_info)} has accepted your friendship request")
    return {"status": 200, "message": message}


def unfrodad(handle, token_info):
    me, them = caller(token_info), find_user(handle)
    if not Frodad.delete().where(the_pair(me, them.id), Frodad.accepted).execute():
        raise cassie_error("invalid_request", f"you and {them.handle} are not frodads")
    return {"status": 200, "message": f"{them.handle} has been unfriended"}
