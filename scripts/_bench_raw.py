"""The baseline for scripts/bench: a bare Starlette app that runs the same SQL as ours.

scripts/bench records the statements each of our list requests runs (parameters
included) and hands them over in a JSON file (BENCH_STATEMENTS). For a request to the
same path and query, this app runs those statements through the driver, fetches every
row and answers them as JSON: no Connexion, no validation, no ORM, no row building.
The same number of threads runs the endpoint as runs our handlers (THREADS).
"""

from __future__ import annotations

import contextlib
import json
import os

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from core.database import open_database


def create_app() -> Starlette:
    db = open_database(os.environ["DATABASE_URL"])  # its own pool, as ours has
    with open(os.environ["BENCH_STATEMENTS"]) as file:
        statements: dict[str, list] = json.load(file)

    def replay(request: Request) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        with db.connection_context():
            rows = [db.execute_sql(sql, params).fetchall() for sql, params in statements[target]]
        return Response(json.dumps(rows, default=str), media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = int(os.environ["THREADS"])
        yield

    return Starlette(routes=[Route("/{path:path}", replay)], lifespan=lifespan)
