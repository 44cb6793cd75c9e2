"""Two baselines for scripts/bench that answer GET /chitter/peeps with the same JSON as ours.

- `same_json_app`: the fair floor. Bare Starlette, hand-written SQL through the driver,
  rows turned into the JSON by hand, encoded with orjson: the limit for our shape.
- `fastapi_app`: what a user would write instead. FastAPI with a pydantic
  `response_model`, the same SQL, the same JSON.

Both take a pooled connection per request in a worker thread, with as many threads as
ours (THREADS), from the same database (DATABASE_URL).
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime

import anyio
import orjson
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from core.database import bind, db

PEEPS = """
SELECT p.id, p.body, p.created_at, p.updated_at, u.id, u.handle
FROM chitter_peep p JOIN chitter_user u ON u.id = p.user_id
ORDER BY p.created_at DESC, p.id DESC LIMIT 50"""
LIKES = """
SELECT l.peep_id, u.id, u.handle
FROM chitter_like l JOIN chitter_user u ON u.id = l.user_id
WHERE l.peep_id IN (SELECT id FROM chitter_peep ORDER BY created_at DESC, id DESC LIMIT 50)
ORDER BY l.id"""


def _rails_time(value) -> str:
    if isinstance(value, str) and len(value) == 26:  # SQLite: fixed-width naive UTC text
        return f"{value[:10]}T{value[11:23]}Z"
    if isinstance(value, datetime) and value.tzinfo is None:  # PostgreSQL: naive UTC
        return value.isoformat(timespec="milliseconds") + "Z"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def newest_peeps() -> list[dict]:
    with db.connection_context():
        peeps = db.execute_sql(PEEPS).fetchall()
        likes = db.execute_sql(LIKES).fetchall() if peeps else []
    listed = [
        {"id": i, "body": body, "created_at": _rails_time(created), "updated_at": _rails_time(updated),
         "user": {"id": user_id, "handle": handle}, "likes": []}
        for i, body, created, updated, user_id, handle in peeps
    ]
    by_id = {peep["id"]: peep for peep in listed}
    for peep_id, user_id, handle in likes:
        by_id[peep_id]["likes"].append({"user": {"id": user_id, "handle": handle}})
    return listed


@contextlib.asynccontextmanager
async def _lifespan(_app):
    anyio.to_thread.current_default_thread_limiter().total_tokens = int(os.environ["THREADS"])
    yield


def same_json_app() -> Starlette:
    bind(os.environ["DATABASE_URL"])

    def peeps(_request) -> Response:
        return Response(orjson.dumps(newest_peeps()), media_type="application/json")

    return Starlette(routes=[Route("/chitter/peeps", peeps)], lifespan=_lifespan)


def fastapi_app():
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Author(BaseModel):
        id: int
        handle: str

    class Liked(BaseModel):
        user: Author

    class PeepOut(BaseModel):
        id: int
        body: str
        created_at: str
        updated_at: str
        user: Author
        likes: list[Liked]

    bind(os.environ["DATABASE_URL"])
    app = FastAPI(lifespan=_lifespan, openapi_url=None)

    @app.get("/chitter/peeps", response_model=list[PeepOut])
    def peeps():
        return newest_peeps()

    return app
