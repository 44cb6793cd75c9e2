from core.database import db
from core.urls import absolute_url
from handlers.peerly import epoch, id_list, invalid, listed_org, not_found, scope, sees_hidden, spend_hi5
from models.base import as_utc
from models.peerly import Hi5, Recognition, is_colleague, is_core_value_of
from models.peerly.reads import recognition_page, recognition_row

PERSON = ("id", "first_name", "last_name", "profile_image_url")


def recognition_json(row: tuple) -> dict:
    """A row of models.peerly.reads.recognition_page, as the driver returns it."""
    rec_id, text, given_at, cv_id, cv_text, cv_description, thumbnail, *people, hi5_count = row
    receiver, giver = (dict(zip(PERSON, person, strict=True)) for person in (people[:4], people[4:]))
    return {
        "id": rec_id,
        "text": text,
        "given_for": receiver["id"],
        "given_by": giver["id"],
        "given_at": epoch(as_utc(given_at)),
        "core_value": {"id": cv_id, "text": cv_text, "description": cv_description, "thumbnail": thumbnail},
        "given_for_user": receiver,
        "given_by_user": giver,
        "coreValue": {"id": cv_id, "text": cv_text, "description": cv_description, "thumbnail_url": thumbnail},
        "hi5_count": hi5_count,
    }


def created_json(recognition: Recognition, balance: int) -> dict:
    """The seed's create response (`core_values_id`, sic) with `core_value_id` and the giver's hi5s left."""
    return {
        "id": recognition.id,
        "core_values_id": recognition.core_value_id,
        "core_value_id": recognition.core_value_id,
        "text": recognition.text,
        "given_for": recognition.given_for_id,
        "given_by": recognition.given_by_id,
        "given_at": epoch(recognition.given_at),
        "hi5_quota_balance": balance,
    }


def check_recognition(given_for: int, core_value_id: int, token_info: dict) -> None:
    """A current colleague, not the giver, for one of the organisation's core values."""
    fields = {}
    if given_for == token_info["user_id"] or not is_colleague(given_for, token_info["org_id"]):
        fields["given_for"] = "should be a colleague of yours"
    if not is_core_value_of(core_value_id, token_info["org_id"]):
        fields["core_value_id"] = "should be a core value of your organisation"
    if fields:
        raise invalid("recognition", **fields)


def list_recognitions(token_info, given_by=None, given_for=None, core_value_id=None, limit=10, offset=0, org_id=None):
    filters = {"given_by": id_list(given_by), "given_for": id_list(given_for), "core_value": id_list(core_value_id)}
    rows = recognition_page(listed_org(token_info, org_id), sees_hidden(token_info), filters, limit, offset)
    return {"data": [recognition_json(row) for row in rows]}


def get_recognition(id, token_info):
    row = recognition_row(id, scope(token_info), sees_hidden(token_info))
    if row is None:
        raise not_found("recognition")
    return {"data": recognition_json(row)}


def create_recognition(body, token_info):
    giver, given_for, core_value_id = token_info["user_id"], int(body["given_for"]), int(body["core_value_id"])
    check_recognition(given_for, core_value_id, token_info)
    with db.atomic():
        balance = spend_hi5(giver)
        recognition = Recognition.give(
            token_info["org_id"], core_value=core_value_id, text=body["text"], given_for=given_for, given_by=giver
        )
        Hi5.create(recognition=recognition, given_by=giver)  # giving it is the giver's hi5 of it
    location = absolute_url(f"/recognitions/{recognition.id}")
    return {"data": created_json(recognition, balance)}, 201, {"Location": location}
