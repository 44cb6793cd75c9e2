"""Two baselines for scripts/bench that answer every list it loads with the same JSON as ours.

- `same_json_app`: the fair floor. Bare Starlette, hand-written SQL through the driver,
  rows turned into the JSON by hand, encoded with orjson: the limit for our shape.
  Authentication is done the cheapest honest way, in the request's own thread and
  connection: the same token, credentials or key checked against the same rows.
- `fastapi_app`: what a user would write instead. FastAPI with a pydantic
  `response_model`, typed and bounded parameters; the same authentication (in the route,
  sparing FastAPI a second thread-pool hop for a dependency), the same SQL and JSON.

One module per API (`chitter`, `bucketlist`, `things`, `cassie`, `peerly`) holds its
statements, the plain functions that answer, and both apps' routes; each says what its
floors skip compared to ours. Both apps take a pooled connection per request in a worker
thread, with as many threads as ours (THREADS), from the same database (DATABASE_URL).
"""

from __future__ import annotations

from starlette.applications import Starlette

from scripts._bench_floors import bucketlist, cassie, chitter, common, peerly, things

APIS = (chitter, bucketlist, things, cassie, peerly)


def same_json_app() -> Starlette:
    common.open_once()
    routes = [route for api in APIS for route in api.same_json_routes()]
    return Starlette(routes=routes, lifespan=common.lifespan, exception_handlers={common.Refused: common.refused})


def fastapi_app():
    from fastapi import FastAPI

    common.open_once()
    app = FastAPI(lifespan=common.lifespan, openapi_url=None, docs_url=None, redoc_url=None)
    app.add_exception_handler(common.Refused, common.refused)
    for api in APIS:
        api.add_fastapi_routes(app)
    return app
