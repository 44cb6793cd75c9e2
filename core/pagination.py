"""Lists a page at a time: `?page=` (from 1), `&limit=` (page size) and `&q=` (search).

A list is a `Listing` (its columns, filter, order and searched field), whose statements are
compiled once per database and shape (core.database.prebuilt) and whose rows are the
driver's (timestamps as the driver returns them: models.base.as_utc reads them).

`listing.page((user_id,), path="/v1/bucketlists", page=2, limit=None, q="T",
default_limit=10)` keeps the rows whose searched field contains `q` ignoring case (an
empty `q` keeps all), then runs two statements whatever the page size (the total, then
the page). A caller that keeps its list's count and version passes `count=` and
`version=`: then a page is one statement, and a deep one costs what the first does
(`Listing.rows`). The pages either side are linked by absolute URL under the base path the
request came in on, repeating the `q` and `limit` the client sent.
"""

from __future__ import annotations

import dataclasses
import operator
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from urllib.parse import quote, urlencode

from peewee import OP, SQL, Expression, Field, Node, NodeList, Tuple, Value, fn

from core.database import db, prebuilt
from core.urls import absolute_url

MAX_KEYS = 10_000  # remembered sort keys per process: ~2 MB at most


@dataclasses.dataclass(frozen=True)
class Page:
    rows: list
    count: int  # every match, on all pages
    previous: str | None
    next: str | None


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


def _contains(field: Field, pattern: Node) -> Expression:
    """`field` matches `pattern` (a `_like_pattern`) ignoring case: Peewee's `.contains` (ILIKE,
    LIKE on SQLite), with the pattern bound at each run instead of built into the statement."""
    return Expression(field, OP.ILIKE, NodeList((pattern, SQL("ESCAPE"), Value("\\", converter=False))))


def _like_pattern(text: str) -> str:
    """`%text%` with LIKE's own characters escaped, so that % and _ match themselves, as
    Peewee's `.contains` escapes them. Peewee adds `ESCAPE '\\'` only when it escaped
    something; always adding it changes nothing (a pattern with nothing escaped holds no
    backslash) and keeps one statement for every search."""
    return "%" + text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"


class Listing:
    """One list's statements: the page (with OFFSET, searched or not), its count, and the two
    of a seek (`rows`), each prebuilt.

    `Listing(scope, columns, where, order)`: `scope` names the list ("bucketlist_item");
    `columns` are what its rows hold (or a function giving the select, with its joins, whose
    rows the list pages: joins that keep every row); `where(*args)` its filter (None: every row), with a
    placeholder per argument (the arguments are bound as given: ints, text); `order` its
    sort key, among `columns`, unique, all ascending or all `descending`, the columns of an
    index that leads with the filter; `search` the field `q` searches. `version` changes
    whenever a row enters or leaves the list or moves in its order: `version(*args)` gives
    an expression (a scalar subquery, with the filter's placeholders) the seek's statements
    select, or None when the caller passes an int read from the database in this request.
    """

    def __init__(self, scope: Hashable, columns: tuple[Field, ...] | Callable, where: Callable | None,
                 order: tuple[Field, ...], *, descending: bool = False, search: Field | None = None,
                 version: Callable | None = None):
        self.scope, self.where, self.order = scope, where, order
        self.descending, self.search, self.version = descending, search, version
        self._source = columns if callable(columns) else lambda: columns[0].model.select(*columns)
        selected = self._source()._returning
        self._key_at = [next(i for i, column in enumerate(selected) if column is field) for field in order]
        width, beyond = len(order), operator.le if descending else operator.ge
        # Each statement's arguments are the filter's, then its own, as the comments list them.
        # (*filter, pattern or None)
        self._count = prebuilt(lambda *a: self._select(a[:-1], a[-1]).select(fn.COUNT(SQL("1"))))
        # (*filter, pattern or None, limit, offset or None): a search's, an unsought list's, page 1 of a seek
        self._page = prebuilt(lambda *a: self._ordered(self._select(a[:-3], a[-3])).limit(a[-2]).offset(a[-1]))
        # (*filter, limit, offset): a seek's page with no remembered key
        self._skipping = prebuilt(lambda *a: self._versioned(a[:-2]).limit(a[-2]).offset(a[-1]))
        # (*filter, *key, limit): a seek's page from its remembered key
        self._from_key = prebuilt(lambda *a: self._versioned(a[:-width - 1]).where(
            beyond(Tuple(*self.order), Tuple(*a[-width - 1:-1]))).limit(a[-1]))

    def _select(self, args: tuple, pattern: Node | None = None):
        query = self._source()
        if self.where is not None:
            query = query.where(self.where(*args))
        return query if pattern is None else query.where(_contains(self.search, pattern))

    def _ordered(self, query):
        return query.order_by(*(field.desc() if self.descending else field for field in self.order))

    def _versioned(self, args: tuple):
        """The list in its order, each row ending with the version it was read at, if the
        statement reads it."""
        query = self._select(args)
        return self._ordered(query if self.version is None else query.select_extend(self.version(*args)))

    def page(self, args: tuple, *, path: str, page: int = 1, limit: int | None = None, default_limit: int = 10,
             q: str | None = None, count: int | None = None, version: int | None = None) -> Page:
        """Page `page` of the list for `args` (its filter's), linked to the pages either side;
        with `count` (and `version`, unless the list's statements read it) a seek (`rows`)."""
        size = limit or default_limit
        pattern = _like_pattern(q.strip()) if self.searches(q) else None
        if pattern is not None or count is None:
            # A search is a filter over the whole list: its matches are counted and paged with
            # OFFSET, so a search page is as slow as its matches. (A remembered key would also
            # need a version bumped by every rename, which changes the matches but not the order.)
            count = self._count(*args, pattern)[0][0]
            rows = self._page(*args, pattern, size, (page - 1) * size)
        else:
            rows = self.rows(args, (page - 1) * size, size, version)
        last = max(1, -(-count // size))  # no matches is still one (empty) page
        return Page(rows, count, *_links(path, page, last, q, limit))

    def searches(self, q: str | None) -> bool:
        """Whether `q` filters the list: a search counts its matches itself (`page` ignores
        `count`), so a caller need not read a kept count for it."""
        return self.search is not None and bool(q and q.strip())

    def rows(self, args: tuple, offset: int, limit: int, version: int | None = None, *,
             one_more: bool = False) -> list[tuple]:
        """Rows `offset` to `offset + limit` of the list for `args`, in its order; with
        `one_more`, the row after them too if there is one (whether a next page exists).

        The sort key of the row at an offset is remembered per (list, version); a page whose
        offset is remembered at the current version is `WHERE (sort key) >= key LIMIT n` (<=
        when descending), which an index answers in the page's size, whatever the offset.
        Otherwise the page runs with OFFSET. Each page fetches one row more than it shows and
        remembers its key as the next page's: a client walking the pages in order pays OFFSET
        once, for page 2 (page 1 runs the plain statement, without the version or the extra
        row: the list's most frequent page pays nothing for the seek).

        Every worker and machine keeps its own keys; they stay right because the version comes
        from the database. The race: with an int version (read by an earlier statement of the
        request), a write committed between that read and the page gives a page of a
        neighbouring moment: the rows after the write, cut where the page began before it (off
        by the rows that write added or removed before the offset), and a key remembered under
        the old version that only requests which also read it, i.e. ran alongside the write,
        can use. COUNT then page were as far apart (a count of one moment, the rows of the
        next), and nothing outlives the race: every later request reads the new version. That
        is acceptable for a list a client pages through. With a version selected by the page's
        own statement there is no race: key, rows and version come from one snapshot, and a
        stale key is noticed (the version differs) and the page runs again with OFFSET.
        """
        if not offset:  # page 1 has no key to use, and page 2 is an OFFSET of one page: the plain statement
            return self._page(*args, None, limit + one_more, None)
        rows = self._sought(args, offset, limit, version)
        if rows is None:
            rows = self._skipping(*args, limit + 1, offset)
        if self.version is not None:
            version = rows[0][-1] if rows else None
        self._remember(args, version, offset, rows, limit)
        rows = rows[:limit + one_more]
        return rows if self.version is None else [row[:-1] for row in rows]

    def _sought(self, args: tuple, offset: int, limit: int, version: int | None) -> list | None:
        """The page from its remembered key; None if none is remembered at this version."""
        known = _keys.get(self._slot(args, offset))
        if known is None or not (self.version is not None or known[0] == version):
            return None
        rows = self._from_key(*args, *known[1], limit + 1)
        if not rows or (self.version is not None and rows[0][-1] != known[0]):
            return None  # the list changed since: a second statement, only on a version's first visit
        return rows

    def _remember(self, args: tuple, version, offset: int, rows: list, limit: int) -> None:
        """The keys of this page's first row and of the next page's (the extra row fetched),
        as the driver returned them: bound as they are, they compare as stored."""
        firsts = {offset: rows[0]} if rows else {}
        if len(rows) > limit:
            firsts[offset + limit] = rows[limit]
        for at, row in firsts.items():
            _keys.put(self._slot(args, at), version, tuple(row[i] for i in self._key_at))

    def _slot(self, args: tuple, offset: int) -> tuple:
        hashable = tuple(tuple(arg) if type(arg) is list else arg for arg in args)  # an IN list's ids
        return (id(db.obj), self.scope, hashable, offset)


def _links(path: str, page: int, last: int, q: str | None, limit: int | None) -> tuple[str | None, str | None]:
    """The previous and next pages' URLs, repeating the `q` and `limit` the client sent."""
    echoed = {name: value for name, value in (("q", q or None), ("limit", limit)) if value is not None}

    def link(number: int) -> str:
        return absolute_url(path, urlencode({**echoed, "page": number}, quote_via=quote))

    return link(page - 1) if page > 1 else None, link(page + 1) if page < last else None
