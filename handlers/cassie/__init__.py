"""Cassie (seed 003), mounted at /cassie: the forecasting app's documented Django API, ported.

This package module is what its operation modules share, so that none imports another: the
caller, the documented error, and the JSON of the original's response objects that more
than one operation answers with (CastieObject, Group). Each object is built from the rows
models.cassie reads: a list costs the same few queries whatever its length. Keys are the
original's, camelCase and snake_case mixed.
"""

from __future__ import annotations

import hmac
import logging
from datetime import UTC, datetime

from core.config import active
from core.errors import ApiError
from core.urls import absolute_url
from models.base import as_utc, utc_now
from models.cassie import Group
from models.cassie.casties import castie_row, friend_forecasts, is_answerable, is_open, results
from models.cassie.pictures import PictureRefused, save_picture

DEVELOPMENT_KEY = "cassie-dev-key"
FRIEND_PICS = 5
WRITE_IN_RESULTS = 10
CASTIE_NOT_FOUND = "the requested castie could not be found. make sure you are sending a valid uuid"
GROUP_NOT_FOUND = "the requested group could not be found"
HANDLE_TAKEN = "the hanlde provided is already associated with a Cassie account"  # sic, as documented

log = logging.getLogger(__name__)
_warned = False


# ---- the caller and the Api-Key --------------------------------------------------------


def caller(token_info: dict) -> int:
    """The authenticated user's id."""
    return token_info["basicAuth"]["sub"]


def caller_handle(token_info: dict) -> str:
    return token_info["basicAuth"]["handle"]


def configured_key() -> str:
    global _warned
    key = active().cassie_api_key
    if key:
        return key
    if not _warned:
        log.warning("CASSIE_API_KEY is not set: accepting the development key %r", DEVELOPMENT_KEY)
        _warned = True
    return DEVELOPMENT_KEY


def valid_api_key(value: str | None) -> bool:
    return value is not None and hmac.compare_digest(value.encode(), configured_key().encode())


# ---- errors ---------------------------------------------------------------------------


class CassieError(ApiError):
    """An error with its documented error_type and any context keys to echo."""

    def __init__(self, status: int, error_type: str, message: str, **context: str):
        super().__init__(message, status=status, code=error_type)
        self.context = context


def cassie_error(error_type: str, message: str, **context: str) -> CassieError:
    return CassieError(400, error_type, message, **context)


def not_found(message: str) -> CassieError:
    return CassieError(404, "object_not_found", message)


def find_castie(uuid: str, viewer_id: int) -> dict:
    """The castie row as castie_rows builds it; 404 if missing or in a group the viewer can't see."""
    row = castie_row(uuid, viewer_id)
    if row is None:
        raise not_found(CASTIE_NOT_FOUND)
    return row


def find_group(slug: str) -> Group:
    group = Group.get_or_none(Group.slug == slug)
    if group is None:
        raise not_found(GROUP_NOT_FOUND)
    return group


def store_picture(content: bytes) -> str:
    """Keeps a profile picture; its file name. A 400 if it is not one Cassie keeps."""
    try:
        return save_picture(content)
    except PictureRefused as refused:
        raise cassie_error("invalid_request", str(refused)) from None


# ---- values ---------------------------------------------------------------------------


def stamp(moment: str | datetime | None) -> str | None:
    """A UTC timestamp as fixed-width text, `YYYY-MM-DD HH:MM:SS.ffffff`, from the driver's
    value or an aware datetime. The driver's are formatted without parsing: SQLite's is that
    text already (UTCDateTimeField), PostgreSQL's a naive UTC datetime. (Parsing and
    strftime were most of a castie list's row building.)"""
    if moment is None:
        return None
    if isinstance(moment, str):
        if len(moment) == 26 and moment[10] == " ":
            return moment
        moment = as_utc(moment)
    if moment.tzinfo is not None and moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(" ", "microseconds")[:26]


_TIME_ENDS = {"%H:%M:%S.%f": 26, "%H:%M:%S": 19, "%H:%M": 16}


def date_text(moment: str | datetime | None) -> str | None:
    text = stamp(moment)
    return text[:10] if text else None


def time_text(moment: str | datetime | None, precision: str = "%H:%M:%S.%f") -> str | None:
    """Times as the original rendered them: HH:MM:SS.ffffff unless asked for less."""
    text = stamp(moment)
    return text[11:_TIME_ENDS[precision]] if text else None


def picture_url(file_name: str) -> str:
    return absolute_url(f"/media/{file_name}") if file_name else ""


def accuracy(correct: int, answered: int) -> int | None:
    return round(100 * correct / answered) if answered else None


def percent_of(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


# ---- CastieObject ---------------------------------------------------------------------


def _write_in_results(row: dict, counts: dict) -> list[dict]:
    keyword = (row["correct_keyword"] or "").lower()
    common = sorted(counts.items(), key=lambda item: -item[1])[:WRITE_IN_RESULTS]
    listed = [{"answer_text": text, "percentage": float(percent_of(n, row["forecasts_count"]))} for text, n in common]
    for entry in listed:
        if keyword and keyword in entry["answer_text"].lower():
            entry["is_correct"] = True
    return listed


def _forecast_results(row: dict, result: dict) -> list[dict]:
    if row["allow_write_in"]:
        return _write_in_results(row, result["counts"])
    listed = []
    for option_id, text, correct in result["options"]:
        percentage = percent_of(result["counts"][option_id], row["forecasts_count"])
        entry = {"answer_id": option_id, "answer_text": text, "percentage": percentage}
        if correct:
            entry["is_correct"] = True
        listed.append(entry)
    return listed


def _user_forecast(row: dict) -> dict | None:
    if row["my_forecast_id"] is None:
        return None
    forecast = {
        "forecast_text": row["my_text"],
        "forecast_id": row["my_forecast_id"],
        "is_correct": row["my_is_correct"],
    }
    if row["my_answer_id"] is not None:
        forecast["answer_id"] = row["my_answer_id"]
    return forecast


def _correct_index(row: dict, result: dict) -> str | None:
    if not row["answer_submitted"]:
        return None
    return row["correct_keyword"] if row["allow_write_in"] else result["correct"]


def castie_json(row: dict, result: dict, friends: list[tuple], viewer_id: int, now: datetime) -> dict:
    """A CastieObject, without its frodads (friendPics or friendForecasts)."""
    shown = row["show_username"] or row["submitter"] == viewer_id
    ends_at = None if row["open_ended"] else stamp(row["ends_at"])
    created, forecasted = stamp(row["created_at"]), stamp(row["last_forecasted_at"])
    return {
        "uuid": row["uuid"],
        "question": row["question"],
        "groupSlug": row["group_slug"],
        "showUsername": row["show_username"],
        "submitter": row["submitter_handle"] if shown else None,
        "createdAtDate": created[:10],
        "createdAtTime": created[11:],
        "lastForecastedDate": forecasted and forecasted[:10],
        "lastForecastedTime": forecasted and forecasted[11:],
        "allowWriteIn": row["allow_write_in"],
        "setAnswered": not row["allow_write_in"],
        "openEnded": row["open_ended"],
        "endDate": ends_at and ends_at[:10],
        "endTime": ends_at and ends_at[11:16],
        "userForecast": _user_forecast(row),
        "is_answerable": is_answerable(row, viewer_id, now),
        "friendCount": len(friends),
        "commentsCount": row["comments_count"],
        "answerSubmitted": row["answer_submitted"],
        "correctIndex": _correct_index(row, result),
        "forecastsCount": row["forecasts_count"],
        "forecasts": _forecast_results(row, result),
    }


def casties_json(rows: list[dict], viewer_id: int) -> dict[str, dict]:
    """CastieObjects by uuid, in the rows' order: three queries beyond the rows'."""
    if not rows:
        return {}
    ids = [row["id"] for row in rows]
    found, friends, now = results(ids), friend_forecasts(ids, viewer_id), utc_now()
    listed = {}
    for row in rows:
        castie = castie_json(row, found[row["id"]], friends[row["id"]], viewer_id, now)
        castie["friendPics"] = [picture_url(pic) for _, _, pic, *_ in friends[row["id"]][:FRIEND_PICS] if pic]
        listed[row["uuid"]] = castie
    return listed


# ---- Group ----------------------------------------------------------------------------


def group_json(row: dict) -> dict:
    following = bool(row["following"])
    return {
        "slug": row["slug"],
        "groupName": row["name"],
        "groupInfoText": row["info_text"],
        "groupIcon": row["icon"],
        "requiresApproval": row["requires_approval"],
        "accessDeniedMessage": row["access_denied_message"],
        "followersCount": row["followers"],
        "friendsCount": row["friends"],
        "accuracy": accuracy(row["correct"], row["answered"]),
        "access": row["access"],
        "following": following,
        "canCreateCastie": following and row["allow_member_casties"],
        "numberCasties": row["casties"],
    }


# ---- Frodad, Forecast -----------------------------------------------------------------


def friend_status(user_id: int, viewer_id: int, requester: int | None, accepted: bool | None) -> str:
    if user_id == viewer_id:
        return "self"
    if requester is None:
        return "not-friends"
    if accepted:
        return "friends"
    return "pending" if requester == viewer_id else "respond"


def people_json(rows, viewer_id: int) -> dict[str, dict]:
    """Frodad objects by handle, from models.cassie.people.people_rows."""
    return {
        handle: {
            "handle": handle,
            "firstName": first_name,
            "lastName": last_name,
            "profPic": picture_url(pic),
            "friend_status": friend_status(user_id, viewer_id, requester, accepted),
            "level": level,
        }
        for user_id, handle, first_name, last_name, pic, level, requester, accepted in rows
    }


def forecast_json(row: dict, now) -> dict:
    """A Forecast object (profile stats, group accuracy), from a forecast joined to its castie."""
    ends_at = None if row["open_ended"] else row["ends_at"]
    forecast = {
        "question": row["question"],
        "uuid": row["uuid"],
        "forecast": row["text"],
        "is_active": is_open(row, now),
        "answerSubmitted": row["answer_submitted"],
        "points_earned": row["points_earned"],
        "endDate": date_text(ends_at),
        "endTime": time_text(ends_at, "%H:%M"),
    }
    if row["answer_submitted"]:
        forecast["is_correct"] = row["is_correct"]
    return forecast
