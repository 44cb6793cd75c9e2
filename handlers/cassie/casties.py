"""Casties: the home page's lists, one in detail, creating one, and answering your own."""

from __future__ import annotations

from datetime import UTC, datetime

from core.database import db
from handlers.cassie import caller, caller_handle, cassie_error, castie_json, casties_json, find_castie
from models.base import utc_now
from models.cassie import Forecast
from models.cassie.casties import (
    award,
    follows_a_group,
    forecasters,
    friend_forecasts,
    home_rows,
    is_answerable,
    mark_answered,
    new_castie,
    option_of,
    options_of,
    results,
    winners,
)
from models.cassie.notifications import needing_answer, notify
from models.cassie.people import creatable_group

SET_OPTIONS = "Set answer options"


def _friend_forecast_json(handle: str, text: str, option_id: int | None, correct: bool) -> dict:
    forecast = {"handle": handle, "forecast_text": text}
    if option_id is not None:
        forecast["answer_id"] = option_id
    if correct:
        forecast["is_correct"] = True
    return forecast


def detailed_castie_json(row: dict, viewer_id: int) -> dict:
    """The DetailedCastie: a CastieObject with its frodads' forecasts instead of their pictures."""
    found, friends = results([row["id"]]), friend_forecasts([row["id"]], viewer_id)[row["id"]]
    castie = castie_json(row, found[row["id"]], friends, viewer_id, utc_now())
    castie["friendForecasts"] = {
        str(forecast_id): _friend_forecast_json(handle, text, option_id, correct)
        for forecast_id, handle, _, text, option_id, correct in friends
    }
    return castie


def home(which_tab, token_info, ids=False, groups=None):
    viewer = caller(token_info)
    page = {"status": 200, "profile_handle": caller_handle(token_info)}
    rows = home_rows(viewer, which_tab, groups)
    # Asked only of an empty page: a page with casties of followed groups follows some.
    if not rows and which_tab == "following" and not follows_a_group(viewer):
        return {**page, "following": False, "casties": {}}
    if ids:
        return {**page, "castie_ids": [row["uuid"] for row in rows]}
    return {**page, "casties": casties_json(rows, viewer)}


def home_following(token_info, ids=False, groups=None):
    return home("following", token_info, ids, groups)


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


def create_castie(body, token_info):
    user_id, ends_at, options = caller(token_info), _closing_time(body), _options(body)
    group = creatable_group(body["group_slug"], user_id)
    if group is None:
        raise _not_created("the group does not exist, or the user does not follow it with permission to create casties")
    castie = new_castie(
        options, question=body["question"], group=group, submitter=user_id, show_username=body["display_created_by"],
        open_ended=ends_at is None, ends_at=ends_at, allow_write_in=body["answer_type"] != SET_OPTIONS,
    )
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


def _winners(castie: dict, body: dict) -> tuple[list[int], int | None, str | None]:
    """The ids of the correct forecasts, and the right option's id or a write-in's keyword."""
    if not castie["allow_write_in"]:
        if "answer_id" not in body:
            raise _not_answerable("answer_id was not sent in request")
        option = option_of(castie["id"], body["answer_id"])
        if option is None:
            raise _not_answerable("the answer_id provided does not correspond to a valid answer option for this castie")
        return winners(castie["id"], option.id, None), option.id, None
    keyword = body.get("keyword", "").strip()
    if not keyword:
        raise _not_answerable("keyword was not sent in request")
    return winners(castie["id"], None, keyword), None, keyword


def answer_castie(uuid, token_info, body=None):
    viewer = caller(token_info)
    castie = _answerable(uuid, viewer)
    winning, option_id, keyword = _winners(castie, body or {})
    with db.atomic():
        if not mark_answered(castie["id"], option_id, keyword):
            raise _not_answerable("this castie has already been answered")
        award(castie["id"], winning)
        notify(forecasters(castie["id"], Forecast.user != viewer), "castie-answered", castie["uuid"],
               "A Castie you forecasted has been answered")
    return {"status": 200, "castie": detailed_castie_json(find_castie(uuid, viewer), viewer)}


def needs_answer(token_info):
    number = needing_answer(caller(token_info)).count()
    return {"status": 200, "needs_answer": number > 0, "number_needing_answer": number}


def answer_screen(uuid, token_info):
    """What the creator answers from: the castie and, with set options, the options by id."""
    viewer = caller(token_info)
    castie = find_castie(uuid, viewer)
    if castie["submitter"] != viewer:
        raise _not_answerable("only the creator of a castie can answer it")
    screen = {"status": 200, "uuid": castie["uuid"], "question": castie["question"], "group": castie["group_slug"],
              "allowWriteIn": castie["allow_write_in"], "forecastCount": castie["forecasts_count"]}
    if not castie["allow_write_in"]:
        screen["answer_options"] = {str(option_id): text for option_id, text in options_of(castie["id"])}
    return screen
