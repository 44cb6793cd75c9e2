"""Lists a page at a time: `?page=` (from 1), `&limit=` (page size) and `&q=` (search).

`paginate(query, path="/v1/bucketlists", page=2, limit=None, q="T", search=Bucket.name,
default_limit=10)` keeps the rows whose `search` field contains `q` ignoring case (an
empty `q` keeps all), then runs two queries whatever the page size (the total, then the
page). A caller that keeps its list's count (and version) passes `count=` and `seek=`:
then a page is one query, and a deep one costs what the first does (`seek_rows`). The
pages either side are linked by absolute URL under the base path the request came in on,
repeating the `q` and `limit` the client sent.
"""

from __future__ import annotations

import dataclasses
import operator
import threading
from collections import OrderedDict
from collections.abc import Hashable
from urllib.parse import quote, urlencode

from peewee import Field, Node, SelectQuery, Tuple

from core.database import db
from core.urls import absolute_url

MAX_KEYS = 10_000  # remembered sort keys per process: ~2 MB at most


@dataclasses.dataclass(frozen=True)
class Page:
    rows: list
    count: int  # every match, on all pages
    previous: str | None
    next: str | None


@dataclasses.dataclass(frozen=True)
class Seek:
    """How `seek_rows` reaches a deep page of one list without walking its OFFSET.

    `scope` names the list (its table and filter: ("bucketlist_item", 7)); `order` its sort
    key, unique, all ascending or all `descending`, the columns of an index that leads with
    the list's filter. `version` changes whenever a row enters or leaves the list or moves in
    its order: an int read from the database in this request, or an expression (a scalar
    subquery) that the page's own statement selects.
    """

    scope: Hashable
    order: tuple[Field, ...]
    version: int | Node
    descending: bool = False


class _Keys:
    """A bounded LRU, per process: (database, scope, offset) -> (version, sort key there)."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()  # handler threads share it

    def get(self, slot) -> tuple | None:
        with self._lock:
            entry = self._entries.get(slot)
            if entry is not None:
                self._entries.move_to_end(slot)
            return entry

    def put(self, slot, version, key: tuple) -> None:
        with self._lock:
            self._entries[slot] = (version, key)  # only the latest version of a slot is worth keeping
            self._entries.move_to_end(slot)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_keys = _Keys(MAX_KEYS)


def forget() -> None:
    """Drop every remembered key: for a database emptied or restored under a running process
    (the tests' fresh state), where a version could repeat with other rows behind it."""
    _keys.clear()


def seek_rows(query: SelectQuery, seek: Seek, offset: int, limit: int) -> list[tuple]:
    """Rows `offset` to `offset + limit` of `query` in `seek.order`, as tuples.

    The sort key of the row at an offset is remembered per (list, version); a page whose
    offset is remembered at the current version is `WHERE (sort key) >= key LIMIT n` (<= when
    descending), which an index answers in the page's size, whatever the offset. Otherwise
    the page runs with OFFSET. Each page fetches one row more than it shows and remembers
    its key as the next page's: a client walking the pages in order pays OFFSET once, for
    page 2 (page 1 runs the plain statement, without the version or the extra row: the
    list's most frequent page pays nothing for the seek).

    Every worker and machine keeps its own keys; they stay right because the version comes
    from the database. The race: with an int version (read by an earlier statement of the
    request), a write committed between that read and the page gives a page of a
    neighbouring moment: the rows after the write, cut where the page began before it (off
    by the rows that write added or removed before the offset), and a key remembered under
    the old version that only requests which also read it, i.e. ran alongside the write,
    can use. Today's two statements, COUNT then page, were as far apart (a count of one
    moment, the rows of the next), and nothing outlives the race: every later request
    reads the new version. That is acceptable for a list a client pages through. With a version
    selected by the page's own statement there is no race: key, rows and version come from
    one snapshot, and a stale key is noticed (the version differs) and the page runs again
    with OFFSET.
    """
    if not offset:  # page 1 has no key to use, and page 2 is an OFFSET of one page: the plain statement
        return list(_in_order(query, seek).limit(limit))
    reads_version = not isinstance(seek.version, int)
    if reads_version:
        query = query.select_extend(seek.version)  # each row ends with the version it was read at
    ordered = _in_order(query, seek)
    rows = _sought(ordered, seek, offset, limit, reads_version)
    if rows is None:
        rows = list(ordered.limit(limit + 1).offset(offset))
    version = rows[0][-1] if reads_version and rows else seek.version
    _remember(ordered, seek, version, offset, rows, limit)
    rows = rows[:limit]
    return [row[:-1] for row in rows] if reads_version else rows


def _in_order(query: SelectQuery, seek: Seek) -> SelectQuery:
    return query.order_by(*(field.desc() if seek.descending else field for field in seek.order)).tuples()


def _sought(ordered: SelectQuery, seek: Seek, offset: int, limit: int, reads_version: bool) -> list | None:
    """The page from its remembered key; None if none is remembered at this version."""
    known = _keys.get(_slot(seek, offset))
    if known is None or not (reads_version or known[0] == seek.version):
        return None
    beyond = operator.le if seek.descending else operator.ge
    rows = list(ordered.where(beyond(Tuple(*seek.order), Tuple(*known[1]))).limit(limit + 1))
    if not rows or (reads_version and rows[0][-1] != known[0]):
        return None  # the list changed since: a second statement, only on a version's first visit
    return rows


def _remember(ordered: SelectQuery, seek: Seek, version, offset: int, rows: list, limit: int) -> None:
    """The keys of this page's first row and of the next page's (the extra row fetched)."""
    firsts = {offset: rows[0]} if rows else {}
    if len(rows) > limit:
        firsts[offset + limit] = rows[limit]
    positions = [next(i for i, column in enumerate(ordered._returning) if column is field) for field in seek.order]
    for at, row in firsts.items():
        key = tuple(field.db_value(row[i]) for field, i in zip(seek.order, positions, strict=True))
        _keys.put(_slot(seek, at), version, key)


def _slot(seek: Seek, offset: int) -> tuple:
    return (id(db.obj), seek.scope, offset)


def paginate(
    query: SelectQuery,
    *,
    path: str,
    page: int = 1,
    limit: int | None = None,
    default_limit: int = 10,
    q: str | None = None,
    search: Field | None = None,
    count: int | None = None,
    seek: Seek | None = None,
) -> Page:
    if seek is not None:
        query = _in_order(query, seek)  # the seek's order is the list's, searched or not
    if search is not None and q and q.strip():
        query = query.where(search.contains(q.strip()))  # ILIKE, escaped: % and _ match themselves
        # A search is a filter over the whole list: its matches are counted and paged with
        # OFFSET, so a search page is as slow as its matches. (A remembered key would also
        # need a version bumped by every rename, which changes the matches but not the order.)
        count, seek = None, None
    size = limit or default_limit
    count = query.count() if count is None else count
    rows = seek_rows(query, seek, (page - 1) * size, size) if seek else list(query.paginate(page, size))
    last = max(1, -(-count // size))  # no matches is still one (empty) page
    echoed = {name: value for name, value in (("q", q or None), ("limit", limit)) if value is not None}

    def link(number: int) -> str:
        return absolute_url(path, urlencode({**echoed, "page": number}, quote_via=quote))

    return Page(rows, count, link(page - 1) if page > 1 else None, link(page + 1) if page < last else None)
