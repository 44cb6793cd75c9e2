from datetime import datetime

from core.errors import NotFound
from core.urls import absolute_url
from handlers.chitter import authorize, find_user, rails_time, unwrapped
from models.base import as_utc
from models.chitter import Peep, likes_of_newest_peeps, likes_of_peep, newest_peeps, peep_by_id


def _rails_time(value) -> str:
    """rails_time of a timestamp as the driver returns it, without parsing the usual ones:
    UTCDateTimeField's fixed-width text on SQLite, a naive UTC datetime on PostgreSQL.
    (Half the CPU of a list's row building went to parsing and re-formatting.)"""
    if isinstance(value, str) and len(value) == 26:  # 2018-06-23 13:21:23.317000
        return f"{value[:10]}T{value[11:23]}Z"
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.isoformat(timespec="milliseconds") + "Z"
    return rails_time(as_utc(value))


def listed(rows, likes) -> list[dict]:
    """Peeps as the driver returns them (id, body, created_at, updated_at, user id, handle)
    with their likes (peep id, user id, handle), as JSON."""
    peeps = [
        {
            "id": peep_id,
            "body": body,
            "created_at": _rails_time(created_at),
            "updated_at": _rails_time(updated_at),
            "user": {"id": user_id, "handle": handle},
            "likes": [],
        }
        for peep_id, body, created_at, updated_at, user_id, handle in rows
    ]
    by_id = {peep["id"]: peep for peep in peeps}
    for peep_id, user_id, handle in likes:
        by_id[peep_id]["likes"].append({"user": {"id": user_id, "handle": handle}})
    return peeps


def peep_json(peep_id: int) -> dict:
    rows = peep_by_id(peep_id)
    if not rows:
        raise NotFound("peep")
    return listed(rows, likes_of_peep(peep_id))[0]


def owned_peep(peep_id: int, token_info: dict) -> Peep:
    peep = Peep.with_author(peep_id)
    if peep is None:
        raise NotFound("peep")
    authorize(peep.user, token_info)
    return peep


def list_peeps():
    rows = newest_peeps()
    return listed(rows, likes_of_newest_peeps() if rows else [])


def get_peep(id):
    return peep_json(id)


def create_peep(body, token_info):
    fields = unwrapped(body, "peep")
    user = find_user(fields["user_id"])
    authorize(user, token_info)
    peep = Peep.create(user=user, body=fields["body"])
    return peep_json(peep.id), 201, {"Location": absolute_url(f"/peeps/{peep.id}")}


def update_peep(id, body, token_info):
    owned_peep(id, token_info)
    changes = unwrapped(body, "peep")  # a user_id in it is ignored: the owner never changes
    Peep.edit(id, changes["body"])
    return peep_json(id)


patch_peep = update_peep


def delete_peep(id, token_info):
    owned_peep(id, token_info).delete_instance()  # its likes go too (ON DELETE CASCADE)
    return None, 204
