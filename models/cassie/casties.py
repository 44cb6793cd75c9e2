"""Casties as a viewer sees them: who may see what, the rows of a list with their counts and
the viewer's forecast, the results per answer, the frodads' forecasts; and answering one
(its forecasts judged and their points awarded)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from peewee import fn

from core.database import db, fetch, prebuilt
from models.base import as_utc
from models.cassie import AnswerOption, Castie, Comment, Forecast, Frodad, Group, Membership, User

POINTS_PER_CORRECT_FORECAST = 10
NEWEST_FIRST = (Castie.created_at.desc(), Castie.id.desc())


def frodad_ids(user_id: int):
    """A subquery: the ids of the user's frodads (accepted, either side of the pair)."""
    asked = Frodad.select(Frodad.user_high).where(Frodad.user_low == user_id, Frodad.accepted)
    was_asked = Frodad.select(Frodad.user_low).where(Frodad.user_high == user_id, Frodad.accepted)
    return asked | was_asked


def visible_to(viewer_id: int):
    """A condition on Group: public groups, and private ones the viewer was granted."""
    granted = Membership.select(Membership.group).where(Membership.user == viewer_id, Membership.access == "granted")
    return (~Group.requires_approval) | Group.id.in_(granted)


def is_open(castie: dict, now: datetime) -> bool:
    return not castie["answer_submitted"] and (castie["open_ended"] or castie["ends_at"] > now)


def is_answerable(castie: dict, viewer_id: int, now: datetime) -> bool:
    ended = castie["open_ended"] or castie["ends_at"] <= now
    return castie["submitter"] == viewer_id and not castie["answer_submitted"] and ended


CASTIE_COLUMNS = (
    "id", "uuid", "question", "show_username", "submitter", "created_at", "last_forecasted_at", "open_ended",
    "ends_at", "allow_write_in", "answer_submitted", "correct_keyword", "group_slug", "submitter_handle",
    "forecasts_count", "comments_count", "my_forecast_id", "my_text", "my_is_correct", "my_answer_id",
)
_FLAGS = ("show_username", "open_ended", "allow_write_in", "answer_submitted")
HOME_ORDER = {
    "following": (Castie.last_forecasted_at.desc(nulls="LAST"), Castie.created_at.desc(), Castie.id.desc()),
    "spicy": (Castie.last_forecasted_at.desc(nulls="LAST"), Castie.created_at.desc(), Castie.id.desc()),
    "new": NEWEST_FIRST,
}


def followed_groups(user_id: int):
    """A subquery: the ids of the groups the user follows."""
    return Membership.select(Membership.group).where(Membership.user == user_id, Membership.following)


def follows_a_group(user_id: int) -> bool:
    return followed_groups(user_id).exists()


def _castie_query(viewer_id, *conditions, order_by=NEWEST_FIRST, limit: int = 100):
    """The casties the viewer may see, with the columns of CASTIE_COLUMNS, in that order.

    The viewer's forecast is four lookups per castie in the (castie, user) index, not a LEFT
    JOIN: for the join, SQLite (3.40) builds a Bloom filter over every forecast before it
    reads the first castie, 90 ms at 500,000 forecasts for a page of 100 (6 ms this way)."""
    forecasts = Forecast.select(fn.COUNT(Forecast.id)).where(Forecast.castie == Castie.id)
    comments = Comment.select(fn.COUNT(Comment.id)).where(Comment.castie == Castie.id, ~Comment.is_offensive)
    mine = [Forecast.select(column).where(Forecast.castie == Castie.id, Forecast.user == viewer_id)
            for column in (Forecast.id, Forecast.text, Forecast.is_correct, Forecast.answer_option)]
    return (
        Castie.select(
            Castie.id, Castie.uuid, Castie.question, Castie.show_username, Castie.submitter, Castie.created_at,
            Castie.last_forecasted_at, Castie.open_ended, Castie.ends_at, Castie.allow_write_in,
            Castie.answer_submitted, Castie.correct_keyword, Group.slug, User.handle, forecasts, comments, *mine,
        )
        .join(Group, on=(Castie.group == Group.id))
        .switch(Castie)
        .join(User, on=(Castie.submitter == User.id))
        .where(visible_to(viewer_id), *conditions)
        .order_by(*order_by)
        .limit(limit)
    )


def _castie_dicts(rows: list[tuple]) -> list[dict]:
    """Rows of _castie_query as dicts: flags as booleans (SQLite answers 0 and 1), `ends_at`
    aware, `created_at` and `last_forecasted_at` as the driver gives them (text on SQLite,
    naive UTC on PostgreSQL), for handlers to format without parsing."""
    casties = []
    for row in rows:
        castie = dict(zip(CASTIE_COLUMNS, row, strict=True))
        for flag in _FLAGS:
            castie[flag] = bool(castie[flag])
        if castie["my_is_correct"] is not None:
            castie["my_is_correct"] = bool(castie["my_is_correct"])
        castie["ends_at"] = as_utc(castie["ends_at"])
        casties.append(castie)
    return casties


def castie_rows(viewer_id: int, *conditions, order_by=NEWEST_FIRST, limit: int = 100) -> list[dict]:
    """Casties the viewer may see (and meeting `conditions`), with their group, creator, counts
    and the viewer's forecast (as _castie_dicts). Built per call: for conditions that vary
    (a search); the home page, a group's and a castie's own are prebuilt."""
    return _castie_dicts(fetch(_castie_query(viewer_id, *conditions, order_by=order_by, limit=limit)))


def _home_statement(tab: str):
    def build(viewer, slugs):
        conditions = [] if slugs is None else [Group.slug.in_(slugs)]
        if tab == "following":
            conditions.append(Castie.group.in_(followed_groups(viewer)))
        return _castie_query(viewer, *conditions, order_by=HOME_ORDER[tab])

    return prebuilt(build)


_home = {tab: _home_statement(tab) for tab in HOME_ORDER}
_in_group = prebuilt(lambda viewer, group: _castie_query(viewer, Castie.group == group))
_by_uuid = prebuilt(lambda viewer, uuid: _castie_query(viewer, Castie.uuid == uuid, limit=1))


def home_rows(viewer_id: int, tab: str, slugs: list[str] | None = None) -> list[dict]:
    """The home page's tab ("following": the followed groups' only), of the groups `slugs`
    if given (none if it is empty)."""
    if slugs is not None and not slugs:
        return []
    return _castie_dicts(_home[tab](viewer_id, None if slugs is None else list(slugs)))


def group_castie_rows(viewer_id: int, group_id: int) -> list[dict]:
    return _castie_dicts(_in_group(viewer_id, group_id))


def castie_row(uuid: str, viewer_id: int) -> dict | None:
    """One castie as castie_rows builds it; None if missing or in a group the viewer can't see."""
    rows = _castie_dicts(_by_uuid(viewer_id, uuid.lower()))
    return rows[0] if rows else None


# Anonymous casties only on the viewer's own profile.
_submitted = prebuilt(lambda user, viewer, limit: Castie.select(
    Castie.uuid, Castie.question, Castie.submitter, Castie.answer_submitted, Castie.open_ended, Castie.ends_at)
    .join(Group)
    .where(Castie.submitter == user, Castie.show_username | (Castie.submitter == viewer), visible_to(viewer))
    .order_by(*NEWEST_FIRST)
    .limit(limit))


def submitted_casties(user_id: int, viewer_id: int, limit: int) -> list[dict]:
    """The newest casties of a user the viewer may see: uuid, question, submitter and state."""
    return [{"uuid": uuid, "question": question, "submitter": submitter, "answer_submitted": bool(answered),
             "open_ended": bool(open_ended), "ends_at": as_utc(ends_at)}
            for uuid, question, submitter, answered, open_ended, ends_at in _submitted(user_id, viewer_id, limit)]


_options = prebuilt(lambda ids: AnswerOption.select(AnswerOption.id, AnswerOption.castie, AnswerOption.text,
                                                    AnswerOption.is_correct)
                    .where(AnswerOption.castie.in_(ids)).order_by(AnswerOption.id))
# Ordered, so that write-in answers counted alike list the same way on every database.
_counts = prebuilt(lambda ids: Forecast.select(Forecast.castie, Forecast.answer_option, Forecast.text,
                                               fn.COUNT(Forecast.id))
                   .where(Forecast.castie.in_(ids))
                   .group_by(Forecast.castie, Forecast.answer_option, Forecast.text)
                   .order_by(Forecast.castie, Forecast.answer_option, Forecast.text))


def options_of(castie_id: int) -> list[tuple]:
    """The castie's answer options: (id, text), in order."""
    return [(option_id, text) for option_id, _, text, _ in _options([castie_id])]


def results(castie_ids: list[int]) -> dict[int, dict]:
    """Per castie: its options (id, text, correct), its forecast counts per option id or
    write-in text, and the right option's text. Two queries."""
    found = {castie_id: {"options": [], "counts": defaultdict(int), "correct": None} for castie_id in castie_ids}
    for option_id, castie_id, text, correct in _options(castie_ids):
        found[castie_id]["options"].append((option_id, text, bool(correct)))
        if correct:
            found[castie_id]["correct"] = text
    for castie_id, option_id, text, count in _counts(castie_ids):
        found[castie_id]["counts"][option_id or text] += count
    return found


_friend_forecasts = prebuilt(lambda ids, viewer: Forecast.select(
    Forecast.castie, Forecast.id, User.handle, User.prof_pic, Forecast.text, Forecast.answer_option,
    Forecast.is_correct).join(User)
    .where(Forecast.castie.in_(ids), Forecast.user.in_(frodad_ids(viewer)))
    .order_by(Forecast.id.desc()))


def friend_forecasts(castie_ids: list[int], viewer_id: int) -> dict[int, list[tuple]]:
    """Per castie, the viewer's frodads' forecasts, newest first: (forecast id, handle,
    picture, text, option id, correct)."""
    by_castie = defaultdict(list)
    for castie_id, forecast_id, handle, pic, text, option_id, correct in _friend_forecasts(castie_ids, viewer_id):
        by_castie[castie_id].append((forecast_id, handle, pic, text, option_id, bool(correct)))
    return by_castie


def new_castie(options: list[str], **fields) -> Castie:
    """A castie with its answer options, whole or not at all."""
    with db.atomic():
        castie = Castie.create(**fields)
        if options:
            AnswerOption.insert_many([{"castie": castie.id, "text": text} for text in options]).execute()
    return castie


def option_of(castie_id: int, option_id) -> AnswerOption | None:
    return AnswerOption.get_or_none(AnswerOption.id == option_id, AnswerOption.castie == castie_id)


def winners(castie_id: int, option_id: int | None, keyword: str | None) -> list[int]:
    """The ids of the forecasts that chose the option, or whose text holds the keyword."""
    if option_id is not None:
        return [forecast_id for (forecast_id,) in Forecast.select(Forecast.id).where(
            Forecast.answer_option == option_id).tuples()]
    forecasts = Forecast.select(Forecast.id, Forecast.text).where(Forecast.castie == castie_id)
    return [forecast_id for forecast_id, text in forecasts.tuples() if keyword.lower() in text.lower()]


def award(castie_id: int, winning: list[int]) -> None:
    """Marks the winning forecasts correct, and gives their forecasters points and levels."""
    won = {"is_correct": True, "points_earned": POINTS_PER_CORRECT_FORECAST}
    Forecast.update(won).where(Forecast.id.in_(winning)).execute()
    correct = User.id.in_(Forecast.select(Forecast.user).where(Forecast.castie == castie_id, Forecast.is_correct))
    User.update(xp=User.xp + POINTS_PER_CORRECT_FORECAST).where(correct).execute()
    User.update(level=1 + User.xp / 100).where(correct).execute()


def mark_answered(castie_id: int, option_id: int | None, keyword: str | None) -> bool:
    """Records the answer unless one was recorded meanwhile (then False)."""
    unanswered = (Castie.id == castie_id) & (~Castie.answer_submitted)
    if not Castie.update(answer_submitted=True, correct_keyword=keyword).where(unanswered).execute():
        return False
    if option_id is not None:
        AnswerOption.update(is_correct=True).where(AnswerOption.id == option_id).execute()
    return True


def forecasters(castie_id: int, *conditions) -> list[int]:
    query = Forecast.select(Forecast.user).where(Forecast.castie == castie_id, *conditions)
    return [user for (user,) in query.tuples()]


def involved_frodads(castie: dict, user_id: int) -> list[int]:
    """The user's frodads who created or forecast the castie."""
    forecasting = Forecast.select(Forecast.user).where(Forecast.castie == castie["id"])
    involved = User.id.in_(forecasting) | (User.id == castie["submitter"])
    return [user for (user,) in User.select(User.id).where(User.id.in_(frodad_ids(user_id)), involved).tuples()]


_comments = prebuilt(lambda castie, limit: Comment.select(
    User.handle, User.first_name, User.last_name, User.prof_pic, Comment.uuid, Comment.text, Comment.created_at,
    Comment.is_offensive).join(User)
    .where(Comment.castie == castie, ~Comment.is_offensive)
    .order_by(Comment.created_at.desc(), Comment.id.desc())
    .limit(limit))


def newest_comments(castie_id: int, limit: int) -> list[tuple]:
    """The castie's newest comments that are not hidden, with their authors: (handle, first
    name, last name, picture, uuid, text, created at as the driver gives it, hidden). Their
    number is the castie row's comments_count."""
    return [(*row[:7], bool(row[7])) for row in _comments(castie_id, limit)]


def forecast_rows(user_id: int, *conditions, limit: int = 100):
    """The user's newest forecasts (meeting `conditions` on them or their castie), each with
    its castie's question and state."""
    return (
        Forecast.select(Forecast.id, Forecast.text, Forecast.is_correct, Forecast.points_earned, Castie.uuid,
                        Castie.question, Castie.answer_submitted, Castie.open_ended, Castie.ends_at)
        .join(Castie)
        .join(Group)
        .where(Forecast.user == user_id, *conditions)
        .order_by(Forecast.created_at.desc(), Forecast.id.desc())
        .limit(limit)
        .dicts()
    )


def visible_comment(uuid: str, viewer_id: int) -> Comment | None:
    """The comment (its id and author) if it is on a castie the viewer may see."""
    return (
        Comment.select(Comment.id, Comment.user)
        .join(Castie)
        .join(Group)
        .where(Comment.uuid == uuid.lower(), visible_to(viewer_id))
        .first()
    )
