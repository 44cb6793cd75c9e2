"""The original's response objects (CastieObject, DetailedCastie, Group, Profile, Frodad,
Comment, Notification), each built from joined rows: a list costs the same few queries
whatever its length. Keys are the original's, camelCase and snake_case mixed.

Everything here is seen by a viewer (the caller): what a castie or group looks like
depends on who asks (their forecast, their frodads, their access).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from peewee import JOIN, fn

from core.urls import absolute_url
from handlers.cassie import date_text, time_text
from models.base import utc_now
from models.cassie import AnswerOption, Castie, Comment, Forecast, Frodad, Group, Membership, Notification, User

FRIEND_PICS = 5
WRITE_IN_RESULTS = 10
POINTS_PER_CORRECT_FORECAST = 10


# ---- who may see what -----------------------------------------------------------------


def frodad_ids(user_id: int):
    """A subquery: the ids of the user's frodads (accepted, either side of the pair)."""
    asked = Frodad.select(Frodad.user_high).where(Frodad.user_low == user_id, Frodad.accepted)
    was_asked = Frodad.select(Frodad.user_low).where(Frodad.user_high == user_id, Frodad.accepted)
    return asked | was_asked


def visible_to(viewer_id: int):
    """A condition on Group: public groups, and private ones the viewer was granted."""
    granted = Membership.select(Membership.group).where(Membership.user == viewer_id, Membership.access == "granted")
    return (~Group.requires_approval) | Group.id.in_(granted)


def picture_url(file_name: str) -> str:
    return absolute_url(f"/media/{file_name}") if file_name else ""


def accuracy(correct: int, answered: int) -> int | None:
    return round(100 * correct / answered) if answered else None


def is_open(castie: dict, now: datetime) -> bool:
    return not castie["answer_submitted"] and (castie["open_ended"] or castie["ends_at"] > now)


def is_answerable(castie: dict, viewer_id: int, now: datetime) -> bool:
    ended = castie["open_ended"] or castie["ends_at"] <= now
    return castie["submitter"] == viewer_id and not castie["answer_submitted"] and ended


# ---- casties --------------------------------------------------------------------------


NEWEST_FIRST = (Castie.created_at.desc(), Castie.id.desc())


def castie_rows(viewer_id: int, *conditions, order_by=NEWEST_FIRST, limit: int = 100):
    """Casties the viewer may see (and meeting `conditions`), with their group, creator, counts
    and the viewer's forecast."""
    mine = Forecast.alias()
    forecasts = Forecast.select(fn.COUNT(Forecast.id)).where(Forecast.castie == Castie.id)
    comments = Comment.select(fn.COUNT(Comment.id)).where(Comment.castie == Castie.id, ~Comment.is_offensive)
    query = (
        Castie.select(
            Castie.id, Castie.uuid, Castie.question, Castie.show_username, Castie.submitter, Castie.created_at,
            Castie.last_forecasted_at, Castie.open_ended, Castie.ends_at, Castie.allow_write_in,
            Castie.answer_submitted, Castie.correct_keyword, Group.slug.alias("group_slug"),
            User.handle.alias("submitter_handle"), forecasts.alias("forecasts_count"),
            comments.alias("comments_count"), mine.id.alias("my_forecast_id"), mine.text.alias("my_text"),
            mine.is_correct.alias("my_is_correct"), mine.answer_option.alias("my_answer_id"),
        )
        .join(Group, on=(Castie.group == Group.id))
        .switch(Castie)
        .join(User, on=(Castie.submitter == User.id))
        .switch(Castie)
        .join(mine, JOIN.LEFT_OUTER, on=((mine.castie == Castie.id) & (mine.user == viewer_id)))
        .where(visible_to(viewer_id), *conditions)
        .order_by(*order_by)
        .limit(limit)
    )
    return list(query.dicts())


def _results(rows: list[dict]) -> dict[int, dict]:
    """Per castie: its options, its forecast counts per answer, and the right answer."""
    ids = [row["id"] for row in rows]
    results = {castie_id: {"options": [], "counts": defaultdict(int), "correct": None} for castie_id in ids}
    options = (
        AnswerOption.select(AnswerOption.id, AnswerOption.castie, AnswerOption.text, AnswerOption.is_correct)
        .where(AnswerOption.castie.in_(ids))
        .order_by(AnswerOption.id)
    )
    for option_id, castie_id, text, correct in options.tuples():
        results[castie_id]["options"].append((option_id, text, correct))
        if correct:
            results[castie_id]["correct"] = text
    counts = (
        Forecast.select(Forecast.castie, Forecast.answer_option, Forecast.text, fn.COUNT(Forecast.id))
        .where(Forecast.castie.in_(ids))
        .group_by(Forecast.castie, Forecast.answer_option, Forecast.text)
    )
    for castie_id, option_id, text, count in counts.tuples():
        results[castie_id]["counts"][option_id or text] += count
    return results


def _friend_forecasts(rows: list[dict], viewer_id: int) -> dict[int, list[tuple]]:
    ids = [row["id"] for row in rows]
    friends = (
        Forecast.select(Forecast.castie, Forecast.id, User.handle, User.prof_pic, Forecast.text,
                        Forecast.answer_option, Forecast.is_correct)
        .join(User)
        .where(Forecast.castie.in_(ids), Forecast.user.in_(frodad_ids(viewer_id)))
        .order_by(Forecast.id.desc())
    )
    by_castie = defaultdict(list)
    for castie_id, *forecast in friends.tuples():
        by_castie[castie_id].append(tuple(forecast))
    return by_castie


def _forecast_results(row: dict, result: dict) -> list[dict]:
    total, counts = row["forecasts_count"], result["counts"]
    if row["allow_write_in"]:
        keyword = (row["correct_keyword"] or "").lower()
        common = sorted(counts.items(), key=lambda item: -item[1])[:WRITE_IN_RESULTS]
        listed = [{"answer_text": text, "percentage": float(percent_of(n, total))} for text, n in common]
        for entry in listed:
            if keyword and keyword in entry["answer_text"].lower():
                entry["is_correct"] = True
        return listed
    listed = []
    for option_id, text, correct in result["options"]:
        entry = {"answer_id": option_id, "answer_text": text, "percentage": percent_of(counts[option_id], total)}
        if correct:
            entry["is_correct"] = True
        listed.append(entry)
    return listed


def percent_of(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


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


def _castie_json(row: dict, result: dict, friends: list[tuple], viewer_id: int, now: datetime) -> dict:
    shown = row["show_username"] or row["submitter"] == viewer_id
    ends_at = None if row["open_ended"] else row["ends_at"]
    return {
        "uuid": row["uuid"],
        "question": row["question"],
        "groupSlug": row["group_slug"],
        "showUsername": row["show_username"],
        "submitter": row["submitter_handle"] if shown else None,
        "createdAtDate": date_text(row["created_at"]),
        "createdAtTime": time_text(row["created_at"]),
        "lastForecastedDate": date_text(row["last_forecasted_at"]),
        "lastForecastedTime": time_text(row["last_forecasted_at"]),
        "allowWriteIn": row["allow_write_in"],
        "setAnswered": not row["allow_write_in"],
        "openEnded": row["open_ended"],
        "endDate": date_text(ends_at),
        "endTime": time_text(ends_at, "%H:%M"),
        "userForecast": _user_forecast(row),
        "is_answerable": is_answerable(row, viewer_id, now),
        "friendCount": len(friends),
        "commentsCount": row["comments_count"],
        "answerSubmitted": row["answer_submitted"],
        "correctIndex": (row["correct_keyword"] if row["allow_write_in"] else result["correct"])
        if row["answer_submitted"]
        else None,
        "forecastsCount": row["forecasts_count"],
        "forecasts": _forecast_results(row, result),
    }


def casties_json(rows: list[dict], viewer_id: int) -> dict[str, dict]:
    """CastieObjects by uuid, in the rows' order: three queries beyond the rows'."""
    if not rows:
        return {}
    results, friends, now = _results(rows), _friend_forecasts(rows, viewer_id), utc_now()
    listed = {}
    for row in rows:
        castie = _castie_json(row, results[row["id"]], friends[row["id"]], viewer_id, now)
        castie["friendPics"] = [picture_url(pic) for _, _, pic, *_ in friends[row["id"]][:FRIEND_PICS] if pic]
        listed[row["uuid"]] = castie
    return listed


def _friend_forecast_json(handle: str, text: str, option_id: int | None, correct: bool) -> dict:
    forecast = {"handle": handle, "forecast_text": text}
    if option_id is not None:
        forecast["answer_id"] = option_id
    if correct:
        forecast["is_correct"] = True
    return forecast


def detailed_castie_json(row: dict, viewer_id: int) -> dict:
    """The DetailedCastie: a CastieObject with its frodads' forecasts instead of their pictures."""
    results, friends = _results([row]), _friend_forecasts([row], viewer_id)[row["id"]]
    castie = _castie_json(row, results[row["id"]], friends, viewer_id, utc_now())
    castie["friendForecasts"] = {
        str(forecast_id): _friend_forecast_json(handle, text, option_id, correct)
        for forecast_id, handle, _, text, option_id, correct in friends
    }
    return castie


# ---- groups ---------------------------------------------------------------------------


def group_rows(viewer_id: int, *conditions):
    """Groups (meeting `conditions`) with their counts and the viewer's standing and accuracy
    in each, by name."""
    mine = Membership.alias()
    followers = Membership.select(fn.COUNT(Membership.id)).where(
        Membership.group == Group.id, Membership.following
    )
    friends = followers.where(Membership.user.in_(frodad_ids(viewer_id)))
    casties = Castie.select(fn.COUNT(Castie.id)).where(Castie.group == Group.id)
    answered = (
        Forecast.select(fn.COUNT(Forecast.id))
        .join(Castie)
        .where(Castie.group == Group.id, Forecast.user == viewer_id, Castie.answer_submitted)
    )
    correct = answered.where(Forecast.is_correct)
    query = (
        Group.select(
            Group, followers.alias("followers"), friends.alias("friends"), casties.alias("casties"),
            answered.alias("answered"), correct.alias("correct"), mine.access.alias("access"),
            mine.following.alias("following"),
        )
        .join(mine, JOIN.LEFT_OUTER, on=((mine.group == Group.id) & (mine.user == viewer_id)))
        .order_by(Group.name, Group.id)
    )
    return query.where(*conditions) if conditions else query


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


# ---- people ---------------------------------------------------------------------------


def friend_status(user_id: int, viewer_id: int, requester: int | None, accepted: bool | None) -> str:
    if user_id == viewer_id:
        return "self"
    if requester is None:
        return "not-friends"
    if accepted:
        return "friends"
    return "pending" if requester == viewer_id else "respond"


def with_pair(query, viewer_id: int, pair=Frodad):
    """Joins each user to their Frodad row with the viewer, if any (requester, accepted)."""
    between = ((pair.user_low == User.id) & (pair.user_high == viewer_id)) | (
        (pair.user_high == User.id) & (pair.user_low == viewer_id)
    )
    return query.join(pair, JOIN.LEFT_OUTER, on=between)


def profile_row(handle: str, viewer_id: int) -> dict | None:
    """An active user with the counts of their profile and how they stand with the viewer."""
    casties = Castie.select(fn.COUNT(Castie.id)).where(Castie.submitter == User.id)
    groups = Membership.select(fn.COUNT(Membership.id)).where(Membership.user == User.id, Membership.following)
    frodads = Frodad.select(fn.COUNT(Frodad.id)).where(
        ((Frodad.user_low == User.id) | (Frodad.user_high == User.id)) & (Frodad.accepted)
    )
    forecasts = Forecast.select(fn.COUNT(Forecast.id)).where(Forecast.user == User.id)
    answered = Forecast.select(fn.COUNT(Forecast.id)).join(Castie).where(
        Forecast.user == User.id, Castie.answer_submitted
    )
    correct = answered.where(Forecast.is_correct)
    Pair = Frodad.alias()
    query = User.select(
        User, casties.alias("casties"), groups.alias("groups"), frodads.alias("frodads"),
        forecasts.alias("forecasts"), answered.alias("answered"), correct.alias("correct"),
        Pair.requester.alias("pair_requester"), Pair.accepted.alias("pair_accepted"),
    )
    return with_pair(query, viewer_id, Pair).where(User.handle == handle, User.is_active).dicts().first()


def profile_json(row: dict, viewer_id: int) -> dict:
    updated = row["image_last_updated"]
    return {
        "handle": row["handle"],
        "user_uuid": row["user_uuid"],
        "firstName": row["first_name"],
        "lastName": row["last_name"],
        "city": row["city"],
        "state": row["state"],
        "profPic": picture_url(row["prof_pic"]),
        "image_last_updated_date": date_text(updated),
        "image_last_updated_time": time_text(updated),
        "level": row["level"],
        "adjective": row["adjective"],
        "noun": row["noun"],
        "is_private": row["is_private"],
        "percentCorrect": accuracy(row["correct"], row["answered"]),
        "myCastiesNumber": row["casties"],
        "groupsNumber": row["groups"],
        "frodadsNumber": row["frodads"],
        "forecastsNumber": row["forecasts"],
        "friend_status": friend_status(row["id"], viewer_id, row["pair_requester"], row["pair_accepted"]),
    }


def frodads_json(user_id: int, viewer_id: int) -> dict[str, dict]:
    """The user's frodads by handle, each as the viewer stands with them, in one query."""
    query = with_pair(
        User.select(User.id, User.handle, User.first_name, User.last_name, User.prof_pic, User.level,
                    Frodad.requester, Frodad.accepted),
        viewer_id,
    )
    query = query.where(User.id.in_(frodad_ids(user_id))).order_by(User.handle)
    return {
        handle: {
            "handle": handle,
            "firstName": first_name,
            "lastName": last_name,
            "profPic": picture_url(pic),
            "friend_status": friend_status(frodad_id, viewer_id, requester, accepted),
            "level": level,
        }
        for frodad_id, handle, first_name, last_name, pic, level, requester, accepted in query.tuples()
    }


# ---- comments and notifications -------------------------------------------------------


def comment_json(row: tuple) -> dict:
    handle, first_name, last_name, pic, uuid, text, created_at, offensive = row
    return {
        "handle": handle,
        "firstName": first_name,
        "lastName": last_name,
        "profPic": picture_url(pic),
        "commentUUID": uuid,
        "commentText": text,
        "commentDate": date_text(created_at),
        "commentTime": time_text(created_at, "%H:%M:%S"),
        "isOffensive": offensive,
    }


def comments_query(castie_id: int):
    return (
        Comment.select(User.handle, User.first_name, User.last_name, User.prof_pic, Comment.uuid, Comment.text,
                       Comment.created_at, Comment.is_offensive)
        .join(User)
        .where(Comment.castie == castie_id, ~Comment.is_offensive)
    )


_UNITS = (("year", 365 * 86400), ("month", 30 * 86400), ("week", 7 * 86400), ("day", 86400), ("hour", 3600),
          ("minute", 60))


def time_since(moment: datetime, now: datetime) -> str:
    """"2 days ago", in the largest whole unit, as Django's timesince."""
    seconds = max(0, int((now - moment).total_seconds()))
    for unit, length in _UNITS:
        if seconds >= length or unit == "minute":
            count = seconds // length
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    raise AssertionError("unreachable")


def notification_json(notification_id, kind: str, data: str, message: str, created_at: datetime, read: bool,
                      now: datetime) -> dict:
    return {
        "id": None if notification_id is None else str(notification_id),
        "created_on_date": date_text(created_at),
        "created_on_time": time_text(created_at, "%H:%M:%S"),
        "timesince_created": time_since(created_at, now),
        "message": message,
        "notification_type": kind,
        "data": data,
        "has_been_read": read,
    }


def notification_rows(condition, limit: int = 100):
    """The newest stored notifications meeting `condition`, as notification_json's arguments."""
    return (
        Notification.select(Notification.id, Notification.notification_type, Notification.data,
                            Notification.message, Notification.created_at, Notification.has_been_read)
        .where(condition)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
        .tuples()
    )
