"""Search: people, groups and casties whose names (or question) start with the query, in
any case, each answered from an index (models.cassie.search)."""

from __future__ import annotations

from handlers.cassie import caller, casties_json, friend_status, group_json
from models.cassie import Frodad, User
from models.cassie.casties import castie_rows
from models.cassie.people import group_rows, with_pair
from models.cassie.search import castie_condition, group_condition, people

MOST_RESULTS = 100


def search_people(q, token_info):
    viewer = caller(token_info)
    if not q.strip():
        return {"status": 200, "search_results": []}
    query = with_pair(people(q.strip()).select(User.id, User.handle, User.first_name, User.last_name,
                                               Frodad.requester, Frodad.accepted), viewer)
    rows = query.order_by(User.last_name, User.first_name, User.handle).limit(MOST_RESULTS).tuples()
    return {"status": 200, "search_results": [
        {"first_name": first, "last_name": last, "handle": handle,
         "friend_status": friend_status(user_id, viewer, requester, accepted)}
        for user_id, handle, first, last, requester, accepted in rows
    ]}


def search_groups(q, token_info):
    if not q.strip():
        return {"status": 200, "search_results": {}}
    rows = group_rows(caller(token_info), group_condition(q.strip())).limit(MOST_RESULTS).dicts()
    return {"status": 200, "search_results": {row["slug"]: group_json(row) for row in rows}}


def search_casties(q, token_info):
    viewer = caller(token_info)
    if not q.strip():
        return {"status": 200, "search_results": {}}
    rows = castie_rows(viewer, castie_condition(q.strip()), limit=MOST_RESULTS)
    return {"status": 200, "search_results": casties_json(rows, viewer)}
