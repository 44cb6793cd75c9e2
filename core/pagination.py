"""Lists a page at a time: `?page=` (from 1), `&limit=` (page size) and `&q=` (search).

`paginate(query, path="/v1/bucketlists", page=2, limit=None, q="T", search=Bucket.name,
default_limit=10)` keeps the rows whose `search` field contains `q` ignoring case (an
empty `q` keeps all), then runs two queries whatever the page size (the total, then the
page). The pages either side are linked by absolute URL under the base path the request
came in on, repeating the `q` and `limit` the client sent.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote, urlencode

from peewee import Field, SelectQuery

from core.urls import absolute_url


@dataclasses.dataclass(frozen=True)
class Page:
    rows: list
    count: int  # every match, on all pages
    previous: str | None
    next: str | None


def paginate(
    query: SelectQuery,
    *,
    path: str,
    page: int = 1,
    limit: int | None = None,
    default_limit: int = 10,
    q: str | None = None,
    search: Field | None = None,
) -> Page:
    if search is not None and q and q.strip():
        query = query.where(search.contains(q.strip()))  # ILIKE, escaped: % and _ match themselves
    size = limit or default_limit
    count = query.count()
    rows = list(query.paginate(page, size))
    last = max(1, -(-count // size))  # no matches is still one (empty) page
    echoed = {name: value for name, value in (("q", q or None), ("limit", limit)) if value is not None}

    def link(number: int) -> str:
        return absolute_url(path, urlencode({**echoed, "page": number}, quote_via=quote))

    return Page(rows, count, link(page - 1) if page > 1 else None, link(page + 1) if page < last else None)
