"""Comments on casties: listed newest first, created (at most 500 characters), and deleted
by their author only. A comment notifies the author's frodads who took part in the castie."""

from __future__ import annotations

from core.database import db
from handlers.cassie import (
    caller,
    caller_handle,
    cassie_error,
    date_text,
    find_castie,
    not_found,
    picture_url,
    time_text,
)
from models.cassie import Comment
from models.cassie.casties import involved_frodads, newest_comments, visible_comment
from models.cassie.notifications import notify

NEWEST = 100


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


def list_comments(uuid, token_info):
    castie = find_castie(uuid, caller(token_info))
    return {"status": 200, "numberComments": castie["comments_count"], "uuid": castie["uuid"],
            "comments": [comment_json(row) for row in newest_comments(castie["id"], NEWEST)]}


def create_comment(uuid, body, token_info):
    user_id = caller(token_info)
    castie = find_castie(uuid, user_id)
    with db.atomic():
        comment = Comment.create(castie=castie["id"], user=user_id, text=body["commentText"])
        notify(involved_frodads(castie, user_id), "castie-friend-commented", castie["uuid"],
               f"@{caller_handle(token_info)} commented on a Castie you took part in")
    return {"status": 200, "handle": caller_handle(token_info), "commentText": comment.text,
            "comment": "created successfully", "commentUUID": comment.uuid, "castieUUID": castie["uuid"]}


def delete_comment(commentUUID, token_info):  # noqa: N803 (the documented parameter name)
    viewer = caller(token_info)
    comment = visible_comment(commentUUID, viewer)
    if comment is None:
        raise not_found("the requested comment could not be found")
    if comment.user_id != viewer:
        raise cassie_error("invalid_request", "only the User who created the comment can delete it")
    Comment.delete().where(Comment.id == comment.id).execute()
    return {"status": 200, "comment": "deleted"}
