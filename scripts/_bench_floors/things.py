"""Things' floor: the caller's things, a page at a time, with ours' `Link` to the next page.

Authentication as ours: the token from `Authorization: Bearer` (or the documentation's
`Authentication: bearer`), its SHA-256 looked up among unexpired tokens. Skipped against
ours: validating limit and offset, the error shapes.
"""


import hashlib
import re

import orjson
from starlette.routing import Route

from scripts._bench_floors.common import Refused, answer, connection, now_stamp, origin, rows

BEARER = re.compile(r"bearer\s+(\S+)", re.IGNORECASE)
USER_OF = "SELECT user_id FROM things_token WHERE digest = ? AND expires_at > ?"
THINGS = "SELECT id, name, attributes FROM things_thing WHERE owner_id = ? ORDER BY id LIMIT ? OFFSET ?"


def user_of(authorization: str | None, authentication: str | None) -> int:
    """The user a current token names (within a connection)."""
    if authorization is not None and authorization[:7].lower() == "bearer ":
        token = authorization[7:].strip()
    else:
        match = BEARER.fullmatch((authentication or "").strip())
        token = match.group(1) if match else None
    found = token and rows(USER_OF, hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest(), now_stamp())
    if not found:
        raise Refused(401, "Access denied")
    return found[0][0]


def stuff(site: str, authorization: str | None, authentication: str | None, limit: int, offset: int):
    """The page, and the Link header when there is a next one (one row more tells)."""
    with connection():
        found = rows(THINGS, user_of(authorization, authentication), limit + 1, offset)
    listed = [{"id": i, "name": name, **orjson.loads(attributes)} for i, name, attributes in found[:limit]]
    if len(found) <= limit:
        return listed, {}
    return listed, {"Link": f'<{site}/things/stuff?limit={limit}&offset={offset + limit}>; rel="next"'}


def same_json_routes() -> list[Route]:
    def list_stuff(request):
        query, headers = request.query_params, request.headers
        listed, links = stuff(origin(request), headers.get("authorization"), headers.get("authentication"),
                              int(query.get("limit", 100)), int(query.get("offset", 0)))
        return answer(listed, links)

    return [Route("/things/stuff", list_stuff)]


def add_fastapi_routes(app) -> None:
    from fastapi import Header, Query, Request, Response
    from pydantic import BaseModel, ConfigDict

    class Thing(BaseModel):
        model_config = ConfigDict(extra="allow")  # a thing's attributes are the client's
        id: int
        name: str

    @app.get("/things/stuff", response_model=list[Thing])
    def list_stuff(request: Request, response: Response, authorization: str | None = Header(None),
                   authentication: str | None = Header(None), limit: int = Query(100, ge=1, le=100),
                   offset: int = Query(0, ge=0, le=2**31 - 1)):
        listed, links = stuff(origin(request), authorization, authentication, limit, offset)
        response.headers.update(links)
        return listed
