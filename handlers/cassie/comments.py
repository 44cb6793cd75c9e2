"""Comments on casties: listed newest first, created (at most 500 characters), and deleted
by their author only. A comment notifies the author's frodads who took part in the castie."""

from __future__ import annotations

from peewee import fn

from core.database import db
from handlers.cassie.auth import caller, caller_handle
from handlers.cassie.casties import find_castie
from handlers.cassie.errors import cassie_error, not_found
from handlers.cassie.notifications import notify
from handlers.cassie.objects import comment_json, comments_query, frodad_ids, visible_to
from models.cassie import Castie, Comment, Forecast, Group, User

NEWEST = 100


def list_comments(uuid, token_info):
    castie = find_castie(uuid, caller(token_info))
    comments = comments_query(castie["id"])
    number = comments.select(fn.COUNT(Comment.id)).scalar()
    newest = comments.order_by(Comment.created_at.desc(), Comment.id.desc()).limit(NEWEST)
    return {"status": 200, "numberComments": number, "uuid": castie["uuid"],
            "comments": [comment_json(row) for row in newest.tuples()]}


def _involved_frodads(castie: dict, user_id: int) -> list[int]:
    """The commenter's frodads who created or forecast the castie."""
    forecasters = Forecast.select(Forecast.user).where(Forecast.castie == castie["id"])
    involved = User.id.in_(forecasters) | (User.id == castie["submitter"])
    return [user for (user,) in User.select(User.id).where(User.id.in_(frodad_ids(user_id)), involved).tuples()]


def create_comment(uuid, body, token_info):
    user_id = caller(token_info)
    castie = find_castie(uuid, user_id)
    with db.atomic():
        comment = Comment.create(castie=castie["id"], user=user_id, text=body["commentText"])
        notify(_involved_frodads(castie, user_id), "castie-friend-commented", castie["uuid"],
               f"@{caller_handle(token_info)} commented on a Castie you took part in")
    return {"status": 200, "handle": caller_handle(token_info), "commentText": comment.text,
            "comment": "created successfully", "commentUUID": comment.uuid, "castieUUID": castie["uuid"]}


def delete_comment(commentUUID, token_info):  # noqa: N803 (the documented parameter name)
    viewer = caller(token_info)
    comment = (
        Comment.select(Comment.id, Comment.user)
        .join(Castie)
        .join(Group)
        .where(Comment.uuid == commentUUID.lower(), visible_to(viewer))
        .first()
    )
    if comment is None:
        raise not_found("the requested comment could not be found")
    if comment.user_id != viewer:
        raise cassie_error("invalid_request", "only the User who created the comment can delete it")
    Comment.delete().where(Comment.id == comment.id).execute()
    return {"status": 200, "comment": "deleted"}
