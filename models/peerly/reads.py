"""Peerly's lists and details, compiled once (core.database.prebuilt) and run with the driver.

Peewee built each of these statements on every request, and converted every column of
every row; here each is compiled once per shape (which filters a request uses, how many
ids a filter lists) and its rows are the driver's: timestamps as the driver returns them
(models.base.as_utc reads them). Id lists are padded to a few lengths, so the compiled
statements are few. A flag that changes the statement (who sees hidden recognitions) picks
one of two prebuilt statements (`_by_flag`).
"""

from __future__ import annotations

import operator
from functools import partial, reduce

from peewee import SQL, Expression, NodeList, Value, fn

from core.database import prebuilt
from core.pagination import Listing
from models.peerly import (
    Badge,
    CoreValue,
    Hi5,
    Organisation,
    Recognition,
    User,
    current_users,
    hi5s_received,
    recognition_details,
    recognitions_visible,
    visible_recognitions,
)
from models.service import RevokedToken

ID_LIST_LENGTHS = (1, 2, 5, 20)  # the spec's IdList holds at most 20 ids


def _by_flag(build):
    """`build(flag, ...)` prebuilt for either value of a flag that changes the statement:
    `rows = _by_flag(build)[flag](...)`."""
    return {flag: prebuilt(partial(build, flag)) for flag in (False, True)}


def padded(ids: list[int] | None) -> list[int] | None:
    """`ids` repeated up to the next of ID_LIST_LENGTHS: `IN (2, 3, 3, 3, 3)` is `IN (2, 3)`;
    None (no filter) for none."""
    if not ids:
        return None
    length = next(n for n in ID_LIST_LENGTHS if n >= len(ids))
    return ids + ids[-1:] * (length - len(ids))


# --- the caller ----------------------------------------------------------------------------

# A token's user, current, with the role and organisation it names, and the token not
# logged out: one statement where there were two.
token_user = prebuilt(
    lambda user_id, org_id, role_id, jti: (
        current_users()
        .select(SQL("1"))
        .where(
            User.id == user_id,
            User.org == org_id,
            User.role_id == role_id,
            ~fn.EXISTS(RevokedToken.select(SQL("1")).where(RevokedToken.jti == jti)),
        )
        .limit(1)
    )
)


# --- recognitions --------------------------------------------------------------------------

RECOGNITION_FILTERS = {
    "given_by": Recognition.given_by,
    "given_for": Recognition.given_for,
    "core_value": Recognition.core_value,
}


def _recognitions(sees_hidden: bool) -> Listing:
    """An organisation's visible recognitions, newest first, filtered by id lists (None: not
    filtered), sought per the organisation's recognitions version."""

    def where(org_id, *id_lists):
        filters = [column.in_(ids) for column, ids in zip(RECOGNITION_FILTERS.values(), id_lists, strict=True)
                   if ids is not None]
        return reduce(operator.and_, [*recognitions_visible(org_id, sees_hidden), *filters])

    return Listing(("peerly_recognition", sees_hidden), recognition_details, where, (Recognition.id,),
                   descending=True, version=lambda org_id, *_: Organisation.select(Organisation.recognitions_version)
                   .where(Organisation.id == org_id))


_recognition_lists = {flag: _recognitions(flag) for flag in (False, True)}


def recognition_page(org_id: int, sees_hidden: bool, filters: dict, limit: int, offset: int) -> list[tuple]:
    """A page of an organisation's recognitions (the visible ones), newest first, as rows of
    `recognition_details`; `filters` maps given_by, given_for, core_value to id lists. A deep
    offset costs what the first page does once it was reached before (core.pagination)."""
    id_lists = (padded(filters.get(name)) for name in RECOGNITION_FILTERS)
    return _recognition_lists[sees_hidden].rows((org_id, *id_lists), offset, limit)


def _one_recognition(sees_hidden: bool, recognition_id, org_id):
    return visible_recognitions(recognition_details().where(Recognition.id == recognition_id), org_id, sees_hidden)


_one_recognitions = _by_flag(_one_recognition)


def recognition_row(recognition_id: int, org_id: int | None, sees_hidden: bool) -> tuple | None:
    """One recognition as a row of `recognition_page`, if it is in the organisation (None:
    any) and visible."""
    rows = _one_recognitions[sees_hidden](recognition_id, org_id)
    return rows[0] if rows else None


def _visible_recognition(sees_hidden: bool, recognition_id, org_id):
    return visible_recognitions(Recognition.select(Recognition.id).where(Recognition.id == recognition_id), org_id,
                                sees_hidden)


_visible_recognitions = _by_flag(_visible_recognition)


def is_visible_recognition(recognition_id: int, org_id: int | None, sees_hidden: bool) -> bool:
    return bool(_visible_recognitions[sees_hidden](recognition_id, org_id))


hi5_givers = prebuilt(
    lambda recognition_id, limit, offset: (
        Hi5.select(User.id, User.display_name, User.profile_image_url)
        .join(User, on=Hi5.given_by == User.id)
        .where(Hi5.recognition == recognition_id)
        .order_by(Hi5.id)
        .limit(limit)
        .offset(offset)
    )
)


# --- users ---------------------------------------------------------------------------------

USER_COLUMNS = (
    User.id,
    User.first_name,
    User.last_name,
    User.email,
    User.display_name,
    User.profile_image_url,
    User.role_id,
    User.hi5_quota_balance,
    User.org,
    User.soft_delete_by,
    User.soft_delete_at,
)
USER_FIELDS = tuple(column.name if column is not User.org else "org_id" for column in USER_COLUMNS)


def like_pattern(prefix: str) -> str:
    """A LIKE pattern (escape character `\\`) of the text starting with `prefix`."""
    return prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"


def _starts(column, pattern):
    """`column.startswith(...)`, the pattern given when it runs (`like_pattern`)."""
    return Expression(column, "ILIKE", NodeList((pattern, SQL("ESCAPE"), Value("\\", converter=False))))


def _user_page(with_deleted: bool, org_id, pattern, limit, offset):
    users = User.select(*USER_COLUMNS).where(User.org == org_id)
    if not with_deleted:
        users = users.where(User.soft_delete_at.is_null())
    if pattern is not None:
        users = users.where(_starts(User.first_name, pattern) | _starts(User.last_name, pattern))
    return users.order_by(User.id).limit(limit).offset(offset)


_user_pages = _by_flag(_user_page)


def _users(with_deleted: bool) -> Listing:
    """An organisation's users by id, sought per its users version."""

    def where(org_id):
        return (User.org == org_id) if with_deleted else (User.org == org_id) & User.soft_delete_at.is_null()

    return Listing(("peerly_user", with_deleted), USER_COLUMNS, where, (User.id,),
                   version=lambda org_id: Organisation.select(Organisation.users_version)
                   .where(Organisation.id == org_id))


_user_lists = {flag: _users(flag) for flag in (False, True)}


def user_page(org_id: int, with_deleted: bool, starts_with: str | None, limit: int, offset: int) -> list[tuple]:
    """A page of an organisation's users by id (rows of USER_FIELDS), deleted ones too if
    `with_deleted`, only those whose first or last name starts with `starts_with` if given.
    Unsearched, a deep offset costs what the first page does once it was reached before; a
    search walks its offset (renames change its matches, and no version follows them)."""
    if starts_with is None:
        return _user_lists[with_deleted].rows((org_id,), offset, limit)
    return _user_pages[with_deleted](org_id, like_pattern(starts_with), limit, offset)


def _profile(managed: bool, user_id, org_id):
    query = User.select(*USER_COLUMNS, hi5s_received()).where(User.id == user_id)
    if managed:
        query = query.where(User.soft_delete_at.is_null())
    return query if org_id is None else query.where(User.org == org_id)


_profiles = _by_flag(_profile)


def profile_row(user_id: int, managed: bool = False, org_id: int | None = None) -> tuple | None:
    """A user (USER_FIELDS) and their hi5_count; if `managed`, only a current one, of the
    organisation `org_id` (None: any)."""
    rows = _profiles[managed](user_id, org_id)
    return rows[0] if rows else None


# --- core values, badges, organisations ---------------------------------------------------

CORE_VALUE_COLUMNS = (
    CoreValue.id,
    CoreValue.org,
    CoreValue.text,
    CoreValue.description,
    CoreValue.parent_core_value,
    CoreValue.thumbnail_url,
)
CORE_VALUE_FIELDS = ("id", "org_id", "text", "description", "parent_core_value_id", "thumbnail_url")

core_value_page = prebuilt(
    lambda org_id, limit, offset: (
        CoreValue.select(*CORE_VALUE_COLUMNS)
        .where(CoreValue.org == org_id)
        .order_by(CoreValue.id)
        .limit(limit)
        .offset(offset)
    )
)


def _one_core_value(core_value_id, org_id):
    query = CoreValue.select(*CORE_VALUE_COLUMNS).where(CoreValue.id == core_value_id)
    return query if org_id is None else query.where(CoreValue.org == org_id)


_one_core_values = prebuilt(_one_core_value)


def core_value_row(core_value_id: int, org_id: int | None) -> tuple | None:
    """A core value (CORE_VALUE_FIELDS), if it is the organisation's (None: any)."""
    rows = _one_core_values(core_value_id, org_id)
    return rows[0] if rows else None


BADGE_COLUMNS = (Badge.id, Badge.name, Badge.org, Badge.hi5_count_required, Badge.hi5_frequency)
BADGE_FIELDS = ("id", "name", "org_id", "hi5_count_required", "hi5_frequency")

badge_page = prebuilt(
    lambda org_id, limit, offset: (
        Badge.select(*BADGE_COLUMNS).where(Badge.org == org_id).order_by(Badge.id).limit(limit).offset(offset)
    )
)

organisation_exists = prebuilt(lambda org_id: Organisation.select(SQL("1")).where(Organisation.id == org_id).limit(1))
