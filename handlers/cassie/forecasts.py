"""Forecasts: one per user per castie (a unique index), while the castie is open."""

from __future__ import annotations

from peewee import IntegrityError

from core.database import db
from handlers.cassie import caller, caller_handle, cassie_error, find_castie
from models.base import utc_now
from models.cassie import Castie, Forecast
from models.cassie.casties import is_open, option_of
from models.cassie.notifications import notify


def _cannot(message: str) -> Exception:
    return cassie_error("cannot_forecast", message)


def _choice(castie: dict, body: dict) -> tuple[int | None, str]:
    """The chosen option's id and text, or (None, the write-in text)."""
    if castie["allow_write_in"]:
        if not body.get("forecast_text", "").strip():
            raise _cannot("forecast_text was not sent in request")
        return None, body["forecast_text"]
    if "answer_id" not in body:
        raise _cannot("answer_id was not sent in request")
    option = option_of(castie["id"], body["answer_id"])
    if option is None:
        raise _cannot("the answer_id provided does not correspond to a valid answer option for this castie")
    return option.id, option.text


def create_forecast(uuid, token_info, body=None):
    user_id, now = caller(token_info), utc_now()
    castie = find_castie(uuid, user_id)
    if castie["my_forecast_id"] is not None:
        raise _cannot("the User has already forecasted this Castie")
    if not is_open(castie, now):
        raise _cannot("this castie is not accepting forecasts- end date/time has passed")
    option_id, text = _choice(castie, body or {})
    try:
        with db.atomic():
            Forecast.create(castie=castie["id"], user=user_id, answer_option=option_id, text=text, created_at=now)
            Castie.update(last_forecasted_at=now).where(Castie.id == castie["id"]).execute()
            if castie["submitter"] != user_id:
                notify([castie["submitter"]], "castie-forecasted", castie["uuid"],
                       f"@{caller_handle(token_info)} forecasted your Castie")
    except IntegrityError:  # a forecast made meanwhile
        raise _cannot("the User has already forecasted this Castie") from None
    return {"status": 200, "message": "forecast successfully recorded", "castie_uuid": castie["uuid"],
            "answer_id": option_id, "user_forecast_text": text}
