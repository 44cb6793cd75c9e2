"""Reporting inappropriate content (the App Store's rule): a castie or a comment, once per
reporter. A reported comment is hidden from lists at once (isOffensive); a reported castie
stays, for an administrator to judge."""

from __future__ import annotations

from core.database import db
from handlers.cassie import caller, find_castie, not_found
from models.cassie import Comment, Report
from models.cassie.casties import visible_comment


def report_castie(uuid, token_info):
    viewer = caller(token_info)
    castie = find_castie(uuid, viewer)
    Report.insert(reporter=viewer, castie=castie["id"]).on_conflict_ignore().execute()
    return {"status": 200, "message": "castie has been reported"}


def report_comment(uuid, token_info):
    viewer = caller(token_info)
    comment = visible_comment(uuid, viewer)
    if comment is None:
        raise not_found("the requested comment could not be found")
    with db.atomic():
        Report.insert(reporter=viewer, comment=comment.id).on_conflict_ignore().execute()
        Comment.update(is_offensive=True).where(Comment.id == comment.id).execute()
    return {"status": 200, "message": "comment has been reported"}
