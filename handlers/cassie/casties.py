"""Casties: the home page's lists, one in detail, creating one, and answering your own."""

from __future__ import annotations

from datetime import UTC, datetime

from core.database import db
from handlers.cassie.auth import caller, caller_handle
from handlers.cassie.errors import cassie_error, not_found
from handlers.cassie.notifications import notify
from handlers.cassie.objects import (
    POINTS_PER_CORRECT_FORECAST,
    castie_rows,
    casties_json,
    detailed_castie_json,
    is_answerable,
)
from models.base import utc_now
from models.cassie import AnswerOption, Castie, Forecast, Group, Membership, User

CASTIE_NOT_FOUND = "the requested castie could not be found. make sure you are sending a valid uuid"
SET_OPTIONS = "Set answer options"
TABS = {
    "following": (Castie.last_forecasted_at.desc(nulls="LAST"), Castie.created_at.desc(), Castie.id.desc()),
    "spicy": (Castie.last_forecasted_at.desc(nulls="LAST"), Castie.created_at.desc(), Castie.id.desc()),
    "new": (Castie.created_at.desc(), Castie.id.desc()),
}


def find_castie(uuid: str, viewer_id: int) -> dict:
    """The castie row as castie_rows builds it; 404 if missing or in a group the viewer can't see."""
    rows = castie_rows(viewer_id, Castie.uuid == uuid.lower(), limit=1)
    if not rows:
        raise not_found(CASTIE_NOT_FOUND)
    return rows[0]


def home(which_tab, token_info, ids=False, groups=None):
    viewer = caller(token_info)
    page = {"status": 200, "profile_handle": caller_handle(token_info)}
    conditions = [] if groups is None else [Group.slug.in_(groups)]
    if which_tab == "following":
        followed = Membership.select(Membership.group).where(Membership.user == viewer, Membership.following)
        if not followed.exists():
            return {**page, "following": False, "casties": {}}
        conditions.append(Castie.group.in_(followed))
    rows = castie_rows(viewer, *conditions, order_by=TABS[which_tab])
    if ids:
        return {**page, "castie_ids": [row["uuid"] for row in rows]}
    return {**page, "casties": casties_json(rows, viewer)}


def get_castie(uuid, token_info):
    return {"status": 200, "castie": detailed_castie_json(find_castie(uuid, caller(token_info)), caller(token_info))}


def _not_created(message: str) -> Exception:
    return cassie_error("castie_not_created", message)


def _closing_time(body: dict) -> datetime | None:
    if body["poll_type"] == "Open":
        return None
    if "closes_on_date" not in body or "closes_on_time" not in body:
        raise _not_created("a Regular castie needs closes_on_date and closes_on_time")
    try:
        moment = datetime.strptime(f"{body['closes_on_date']} {body['closes_on_time']}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise _not_created(
            "closes_on_date and closes_on_time must be a real date (YYYY-MM-DD) and time (HH:MM)"
        ) from None
    moment = moment.replace(tzinfo=UTC)
    if moment <= utc_now():
        raise _not_created("the castie's closing date and time must be in the future")
    return moment


def _options(body: dict) -> list[str]:
    options = body.get("answer_option", []) if body["answer_type"] == SET_OPTIONS else []
    if body["answer_type"] == SET_OPTIONS and len(options) < 2:
        raise _not_created("a castie with set answer options needs at least 2 answer_option values")
    return options


def _creatable_group(slug: str, user_id: int) -> Group:
    group = (
        Group.select()
        .join(Membership)
        .where(Group.slug == slug, Membership.user == user_id, Membership.following,
               Group.allow_member_casties)
        .first()
    )
    if group is None:
        raise _not_created("the group does not exist, or the user does not follow it with permission to create casties")
    return group


def create_castie(body, token_info):
    user_id, ends_at, options = caller(token_info), _closing_time(body), _options(body)
    group = _creatable_group(body["group_slug"], user_id)
    with db.atomic():
        castie = Castie.create(
            question=body["question"], group=group, submitter=user_id, show_username=body["display_created_by"],
            open_ended=ends_at is None, ends_at=ends_at, allow_write_in=body["answer_type"] != SET_OPTIONS,
        )
        if options:
            AnswerOption.insert_many([{"castie": castie.id, "text": text} for text in options]).execute()
    return {"status": 200, "castie": "created successfully", "castie_uuid": castie.uuid}


def _not_answerable(message: str) -> Exception:
    return cassie_error("castie_not_answerable", message)


def _answerable(uuid: str, viewer: int) -> dict:
    castie = find_castie(uuid, viewer)
    if castie["submitter"] != viewer:
        raise _not_answerable("only the creator of a castie can answer it")
    if castie["answer_submitted"]:
        raise _not_answerable("this castie has already been answered")
    if not is_answerable(castie, viewer, utc_now()):
        raise _not_answerable("this castie cannot be answered until its end date/time has passed")
    return castie


def _winners(castie: dict, body: dict) -> tuple[list[int], str | None]:
    """The ids of the correct forecasts, and the keyword of a write-in answer."""
    if not castie["allow_write_in"]:
        if "answer_id" not in body:
            raise _not_answerable("answer_id was not sent in request")
        option = AnswerOption.get_or_none(AnswerOption.id == body["answer_id"], AnswerOption.castie == castie["id"])
        if option is None:
            raise _not_answerable("the answer_id provided does not correspond to a valid answer option for this castie")
        forecasts = Forecast.select(Forecast.id).where(Forecast.answer_option == option.id)
        return [forecast_id for (forecast_id,) in forecasts.tuples()], None
    keyword = body.get("keyword", "").strip()
    if not keyword:
        raise _not_answerable("keyword was not sent in request")
    forecasts = Forecast.select(Forecast.id, Forecast.text).where(Forecast.castie == castie["id"])
    return [forecast_id for forecast_id, text in forecasts.tuples() if keyword.lower() in text.lower()], keyword


def _award(castie_id: int, winners: list[int]) -> None:
    won = {"is_correct": True, "points_earned": POINTS_PER_CORRECT_FORECAST}
    Forecast.update(won).where(Forecast.id.in_(winners)).execute()
    correct = User.id.in_(Forecast.select(Forecast.user).where(Forecast.castie == castie_id, Forecast.is_correct))
    User.update(xp=User.xp + POINTS_PER_CORRECT_FORECAST).where(correct).execute()
    User.update(level=1 + User.xp / 100).where(correct).execute()


def answer_castie(uuid, token_info, body=None):
    viewer = caller(token_info)
    castie = _answerable(uuid, viewer)
    winners, keyword = _winners(castie, body or {})
    with db.atomic():
        unanswered = (Castie.id == castie["id"]) & (~Castie.answer_submitted)
        if not Castie.update(answer_submitted=True, correct_keyword=keyword).where(unanswered).execute():
            raise _not_answerable("this castie has already been answered")
        if not castie["allow_write_in"]:
            AnswerOption.update(is_correct=True).where(AnswerOption.id == body["answer_id"]).execute()
        _award(castie["id"], winners)
        forecasters = Forecast.select(Forecast.user).where(Forecast.castie == castie["id"], Forecast.user != viewer)
        notify([user for (user,) in forecasters.tuples()], "castie-answered", castie["uuid"],
               "A Castie you forecasted has been answered")
    return {"status": 200, "castie": detailed_castie_json(find_castie(uuid, viewer), viewer)}
