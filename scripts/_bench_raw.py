"""The baseline for scripts/bench: bare Starlette endpoints running the same SQL as ours.

No Connexion, no validation, no models: a cursor, tuples and json.dumps. Each endpoint
answers the same JSON as the API's handler for the same request.
"""

from __future__ import annotations

import json
import os
from datetime import datetime

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from core.database import bind, db
from handlers.chitter import rails_time

NEWEST_PEEPS = """
    SELECT p.id, p.body, p.created_at, p.updated_at, u.id, u.handle
    FROM chitter_peep p JOIN chitter_user u ON u.id = p.user_id
    ORDER BY p.created_at DESC, p.id DESC LIMIT 50"""
LIKES_OF = """
    SELECT l.peep_id, u.id, u.handle
    FROM chitter_like l JOIN chitter_user u ON u.id = l.user_id
    WHERE l.peep_id IN ({}) ORDER BY l.id"""


def _time(value):
    return rails_time(datetime.fromisoformat(value) if isinstance(value, str) else value)


def chitter_peeps(request):
    with db.connection_context():
        peeps = [
            {
                "id": peep_id,
                "body": body,
                "created_at": _time(created),
                "updated_at": _time(updated),
                "user": {"id": user_id, "handle": handle},
                "likes": [],
            }
            for peep_id, body, created, updated, user_id, handle in db.execute_sql(NEWEST_PEEPS).fetchall()
        ]
        by_id = {peep["id"]: peep for peep in peeps}
        if by_id:
            marks = ", ".join(["%s" if db.param == "%s" else "?"] * len(by_id))
            for peep_id, user_id, handle in db.execute_sql(LIKES_OF.format(marks), list(by_id)).fetchall():
                by_id[peep_id]["likes"].append({"user": {"id": user_id, "handle": handle}})
    return Response(json.dumps(peeps), media_type="application/json")


def create_app() -> Starlette:
    bind(os.environ["DATABASE_URL"])
    return Starlette(routes=[Route("/chitter/peeps", chitter_peeps)])
