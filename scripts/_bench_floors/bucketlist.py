"""Bucket list's floors: a user's buckets, and a bucket's items, a page at a time with
`count`, `previous` and `next` computed as ours computes them.

Authentication as ours: the JWT (HS256, audience `bucketlist`) from `Authorization:
<scheme> <token>`, then one statement for what ours asks in two: not logged out, and
issued for the user's current password (its stamp). Skipped against ours: validating
page and limit, `?q=` (the bench sends none), each refusal's exact words.
"""


import hashlib
import os
from urllib.parse import quote, urlencode

from starlette.routing import Route

from scripts._bench_floors.common import REVOKED, Refused, answer, claims, connection, origin, rows, stamp

BASE = "/bucketlist"
CURRENT = f"SELECT {REVOKED}, (SELECT password_hash FROM bucketlist_user WHERE id = ?)"
BUCKET_COUNT = "SELECT bucket_count FROM bucketlist_user WHERE id = ?"  # kept by the writes, as ours
BUCKETS = ("SELECT id, name, created_at, modified_at FROM bucketlist_bucket WHERE user_id = ? "
           "ORDER BY id LIMIT ? OFFSET ?")
# One row (the item count, kept by each item's create and delete) if the bucket is the user's, none otherwise.
ITEM_COUNT = "SELECT item_count FROM bucketlist_bucket WHERE id = ? AND user_id = ?"
ITEMS = ("SELECT id, name, description, bucket_id, created_at, modified_at FROM bucketlist_item WHERE bucket_id = ? "
         "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")


def user_of(header: str | None) -> int:
    """The id of the user whose current token the header carries (call within a connection)."""
    parts = (header or "").split(" ")
    if len(parts) < 2 or not parts[1]:
        raise Refused(401, "token missing")
    found = claims(parts[1], audience="bucketlist")
    revoked, password_hash = rows(CURRENT, found["jti"], int(found["sub"]))[0]
    stamp_now = password_hash and hashlib.sha256(password_hash.encode()).hexdigest()[:16]
    if revoked or found.get("pwd") is None or stamp_now != found["pwd"]:
        raise Refused(401, "token not current")
    return int(found["sub"])


def iso_date(value) -> str:
    """2017-08-24T19:56:07.942974, without the fraction when it is zero (isoformat's rule)."""
    text = stamp(value)
    return f"{text[:10]}T{text[11:19]}" + ("" if text[20:] == "000000" else text[19:])


def default_limit() -> int:
    return int(os.environ.get("BUCKETLIST_PER_PAGE", "10"))


def page(base: str, key: str, count: int, listed: list[dict], number: int, limit: int | None) -> dict:
    """The page answer; its links repeat the limit the client sent."""
    last = max(1, -(-count // (limit or default_limit())))
    echoed = {"limit": limit} if limit is not None else {}

    def link(to: int) -> str:
        return f"{base}?{urlencode({**echoed, 'page': to}, quote_via=quote)}"

    return {"status": "success", "previous": link(number - 1) if number > 1 else None,
            "next": link(number + 1) if number < last else None, "count": count, key: listed}


def buckets(site: str, header: str | None, number: int, limit: int | None) -> dict:
    size = limit or default_limit()
    with connection():
        user = user_of(header)
        count = rows(BUCKET_COUNT, user)[0][0]
        found = rows(BUCKETS, user, size, (number - 1) * size)
    listed = [{"id": i, "name": name, "createdAt": iso_date(created), "modifiedAt": iso_date(modified)}
              for i, name, created, modified in found]
    return page(f"{site}{BASE}/v1/bucketlists", "buckets", count, listed, number, limit)


def items(site: str, header: str | None, bucket_id: int, number: int, limit: int | None) -> dict:
    size = limit or default_limit()
    with connection():
        user = user_of(header)
        counted = rows(ITEM_COUNT, bucket_id, user)
        if not counted:
            raise Refused(404, "Bucket not found")
        found = rows(ITEMS, bucket_id, size, (number - 1) * size)
    listed = [{"id": i, "name": name, "description": description, "bucketId": bucket, "createdAt": iso_date(created),
               "modifiedAt": iso_date(modified)} for i, name, description, bucket, created, modified in found]
    return page(f"{site}{BASE}/v1/bucketlists/{bucket_id}/items", "items", counted[0][0], listed, number, limit)


def _paging(request) -> tuple[int, int | None]:
    query = request.query_params
    return int(query.get("page", 1)), int(query["limit"]) if "limit" in query else None


def same_json_routes() -> list[Route]:
    def list_buckets(request):
        return answer(buckets(origin(request), request.headers.get("authorization"), *_paging(request)))

    def list_items(request):
        bucket_id = int(request.path_params["bucket_id"])
        return answer(items(origin(request), request.headers.get("authorization"), bucket_id, *_paging(request)))

    return [Route(f"{BASE}/v1/bucketlists", list_buckets),
            Route(f"{BASE}/v1/bucketlists/{{bucket_id:int}}/items", list_items)]


def add_fastapi_routes(app) -> None:
    from fastapi import Header, Query, Request
    from pydantic import BaseModel

    class Bucket(BaseModel):
        id: int
        name: str
        createdAt: str
        modifiedAt: str

    class Item(BaseModel):
        id: int
        name: str
        description: str | None
        bucketId: int
        createdAt: str
        modifiedAt: str

    class Page(BaseModel):
        status: str
        previous: str | None
        next: str | None
        count: int

    class BucketPage(Page):
        buckets: list[Bucket]

    class ItemPage(Page):
        items: list[Item]

    @app.get(f"{BASE}/v1/bucketlists", response_model=BucketPage)
    def list_buckets(request: Request, authorization: str = Header(), page: int = Query(1, ge=1),
                     limit: int | None = Query(None, ge=1, le=100)):
        return buckets(origin(request), authorization, page, limit)

    @app.get(f"{BASE}/v1/bucketlists/{{bucket_id}}/items", response_model=ItemPage)
    def list_items(request: Request, bucket_id: int, authorization: str = Header(), page: int = Query(1, ge=1),
                   limit: int | None = Query(None, ge=1, le=100)):
        return items(origin(request), authorization, bucket_id, page, limit)
