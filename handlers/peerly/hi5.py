from peewee import IntegrityError

from core.database import db
from handlers.peerly import epoch, require_visible_recognition, spend_hi5, unprocessable, visible_recognition
from models.peerly import Hi5
from models.peerly.reads import hi5_givers

GIVER = ("user_id", "display_name", "profile_image_url")

TO_SELF = "Sorry, You can't give hi-5 to self"
TWICE = "Sorry, You can't give hi-5 to same recognition more than once"


def hi5_json(hi5: Hi5, balance: int) -> dict:
    return {
        "id": hi5.id,
        "recognition_id": hi5.recognition_id,
        "comment": hi5.comment,
        "given_by": hi5.given_by_id,
        "given_at": epoch(hi5.given_at),
        "hi5_quota_balance": balance,
    }


def give_hi5(recognition_id, token_info, body=None):
    recognition = visible_recognition(recognition_id, token_info)
    giver = token_info["user_id"]
    if recognition.given_for_id == giver:
        raise unprocessable(TO_SELF)
    try:
        with db.atomic():
            hi5 = Hi5.create(recognition=recognition_id, given_by=giver, comment=(body or {}).get("comment"))
            balance = spend_hi5(giver)
    except IntegrityError:
        raise unprocessable(TWICE) from None  # the (recognition, given_by) unique index
    return {"data": hi5_json(hi5, balance)}, 201


def list_hi5s(recognition_id, token_info, limit=10, offset=0):
    require_visible_recognition(recognition_id, token_info)
    rows = hi5_givers(recognition_id, limit, offset)
    return {"data": [dict(zip(GIVER, row, strict=True)) for row in rows]}
