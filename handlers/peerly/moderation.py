from peewee import IntegrityError

from core.database import db
from handlers.peerly import epoch, require_role, require_visible_recognition, unprocessable
from models.peerly import MODERATOR, ORGANISATION_ADMIN, Recognition, Report, Review

REPORTED_TWICE = "You have already reported this recognition"


def report_json(report: Report) -> dict:
    return {
        "id": report.id,
        "recognition_id": report.recognition_id,
        "type_of_reporting": report.mark_as,  # the original's names, then the request's
        "reason_for_reporting": report.reason,
        "reported_by": report.reported_by_id,
        "reported_at": epoch(report.reported_at),
        "mark_as": report.mark_as,
        "reason": report.reason,
    }


def review_json(review: Review) -> dict:
    return {
        "id": review.id,
        "recognition_id": review.recognition_id,
        "is_inappropriate": review.is_inappropriate,
        "moderator_comment": review.comment,  # the original's name, then the request's
        "moderated_by": review.moderated_by_id,
        "moderated_at": epoch(review.moderated_at),
        "comment": review.comment,
    }


def report_recognition(recognition_id, body, token_info):
    require_visible_recognition(recognition_id, token_info)
    try:
        report = Report.create(
            recognition=recognition_id,
            reported_by=token_info["user_id"],
            mark_as=body["mark_as"],
            reason=body["reason"],
        )
    except IntegrityError:
        raise unprocessable(REPORTED_TWICE) from None  # the (recognition, reported_by) unique index
    return {"data": report_json(report)}, 201


def review_recognition(recognition_id, body, token_info):
    require_role(token_info, ORGANISATION_ADMIN, MODERATOR)
    require_visible_recognition(recognition_id, token_info)
    hidden = body["is_inappropriate"] in (True, "true")
    with db.atomic():  # the recognition first: its row lock orders concurrent reviews
        Recognition.review(recognition_id, hidden)
        review = Review.create(
            recognition=recognition_id,
            moderated_by=token_info["user_id"],
            is_inappropriate=hidden,
            comment=body.get("comment"),
        )
    return {"data": review_json(review)}, 201
