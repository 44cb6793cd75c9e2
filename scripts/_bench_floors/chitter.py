"""Chitter's floors: the newest peeps with their likes, and a page of users. No
authentication (both are public, as ours)."""


from starlette.routing import Route

from scripts._bench_floors.common import answer, connection, rows, stamp

PEEPS = """
SELECT p.id, p.body, p.created_at, p.updated_at, u.id, u.handle
FROM chitter_peep p JOIN chitter_user u ON u.id = p.user_id
ORDER BY p.created_at DESC, p.id DESC LIMIT 50"""
LIKES = """
SELECT l.peep_id, u.id, u.handle
FROM chitter_like l JOIN chitter_user u ON u.id = l.user_id
WHERE l.peep_id IN (SELECT id FROM chitter_peep ORDER BY created_at DESC, id DESC LIMIT 50)
ORDER BY l.id"""
USERS = "SELECT id, handle FROM chitter_user ORDER BY id LIMIT ? OFFSET ?"


def rails_time(value) -> str:
    """2018-06-23T13:21:23.317Z: milliseconds, truncated."""
    text = stamp(value)
    return f"{text[:10]}T{text[11:23]}Z"


def newest_peeps() -> list[dict]:
    with connection():
        peeps = rows(PEEPS)
        likes = rows(LIKES) if peeps else []
    listed = [
        {"id": i, "body": body, "created_at": rails_time(created), "updated_at": rails_time(updated),
         "user": {"id": user_id, "handle": handle}, "likes": []}
        for i, body, created, updated, user_id, handle in peeps
    ]
    by_id = {peep["id"]: peep for peep in listed}
    for peep_id, user_id, handle in likes:
        by_id[peep_id]["likes"].append({"user": {"id": user_id, "handle": handle}})
    return listed


def users(limit: int, offset: int) -> list[dict]:
    with connection():
        found = rows(USERS, limit, offset)
    return [{"id": user_id, "handle": handle} for user_id, handle in found]


# Skipped against ours: validating limit and offset (bounds, integers), the error shapes.


def same_json_routes() -> list[Route]:
    def list_users(request):
        query = request.query_params
        return answer(users(int(query.get("limit", 100)), int(query.get("offset", 0))))

    return [Route("/chitter/peeps", lambda _request: answer(newest_peeps())), Route("/chitter/users", list_users)]


def add_fastapi_routes(app) -> None:
    from fastapi import Query
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

    @app.get("/chitter/peeps", response_model=list[PeepOut])
    def list_peeps():
        return newest_peeps()

    @app.get("/chitter/users", response_model=list[Author])
    def list_users(limit: int = Query(100, ge=1, le=100), offset: int = Query(0, ge=0, le=2**31 - 1)):
        return users(limit, offset)
