"""Numbered pages of a query, with absolute links to the pages either side.

`paginate(query, page=2, size=10, path="/v1/bucketlists", params={"q": "T"})` runs two
queries whatever the page size (the total, then the page) and links the pages either side
under the base path the request came in on, repeating `params` (None ones are left out).
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote, urlencode

from peewee import SelectQuery

from core.urls import absolute_url


@dataclasses.dataclass(frozen=True)
class Page:
    rows: list
    count: int  # every match, on all pages
    previous: str | None
    next: str | None


def paginate(query: SelectQuery, *, page: int, size: int, path: str, params: dict | None = None) -> Page:
    count = query.count()
    rows = list(query.paginate(page, size))
    last = max(1, -(-count // size))  # no matches is still one (empty) page
    params = {name: value for name, value in (params or {}).items() if value is not None}

    def link(number: int) -> str:
        return absolute_url(path, urlencode({**params, "page": number}, quote_via=quote))

    return Page(rows, count, link(page - 1) if page > 1 else None, link(page + 1) if page < last else None)
