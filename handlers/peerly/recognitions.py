from peewee import fn

from core.database import db
from core.urls import absolute_url
from handlers.peerly import epoch, id_list
from handlers.peerly.auth import in_scope, listed_org, sees_hidden
from handlers.peerly.errors import invalid, not_found
from handlers.peerly.quota import spend_hi5
from models.peerly import CoreValue, Hi5, Recognition, User

Receiver, Giver = User.alias(), User.alias()
PERSON = ("id", "first_name", "last_name", "profile_image_url")


def recognitions_query():
    """Recognitions with their core value, both people and hi5 count: one query."""
    hi5_count = Hi5.select(fn.COUNT(Hi5.id)).where(Hi5.recognition == Recognition.id)
    return (
        Recognition.select(
            Recognition.id,
            Recognition.text,
            Recognition.given_at,
            CoreValue.id,
            CoreValue.text,
            CoreValue.description,
            CoreValue.thumbnail_url,
            Receiver.id,
            Receiver.first_name,
            Receiver.last_name,
            Receiver.profile_image_url,
            Giver.id,
            Giver.first_name,
            Giver.last_name,
            Giver.profile_image_url,
            hi5_count,
        )
        .join(CoreValue, on=Recognition.core_value == CoreValue.id)
        .switch(Recognition)
        .join(Receiver, on=Recognition.given_for == Receiver.id)
        .switch(Recognition)
        .join(Giver, on=Recognition.given_by == Giver.id)
    )


def recognition_json(row: tuple) -> dict:
    rec_id, text, given_at, cv_id, cv_text, cv_description, thumbnail, *people, hi5_count = row
    receiver, giver = (dict(zip(PERSON, person, strict=True)) for person in (people[:4], people[4:]))
    return {
        "id": rec_id,
        "text": text,
        "given_for": receiver["id"],
        "given_by": giver["id"],
        "given_at": epoch(given_at),
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


def visible(query, token_info: dict):
    """`query` limited to the recognitions the caller may see."""
    query = in_scope(query, Recognition.org, token_info)
    return query if sees_hidden(token_info) else query.where(Recognition.is_inappropriate == False)  # noqa: E712


def visible_recognition(recognition_id: int, token_info: dict) -> Recognition:
    found = visible(Recognition.select().where(Recognition.id == recognition_id), token_info).first()
    if found is None:
        raise not_found("recognition")
    return found


def check_recognition(given_for: int, core_value_id: int, token_info: dict) -> None:
    """A current colleague, not the giver, for one of the organisation's core values."""
    fields = {}
    colleague = User.select().where(
        User.id == given_for, User.org == token_info["org_id"], User.soft_delete_at.is_null()
    )
    if given_for == token_info["user_id"] or not colleague.exists():
        fields["given_for"] = "should be a colleague of yours"
    if not CoreValue.select().where(CoreValue.id == core_value_id, CoreValue.org == token_info["org_id"]).exists():
        fields["core_value_id"] = "should be a core value of your organisation"
    if fields:
        raise invalid("recognition", **fields)


def list_recognitions(token_info, given_by=None, given_for=None, core_value_id=None, limit=10, offset=0, org_id=None):
    query = visible(recognitions_query().where(Recognition.org == listed_org(token_info, org_id)), token_info)
    for column, ids in (
        (Recognition.given_by, given_by),
        (Recognition.given_for, given_for),
        (Recognition.core_value, core_value_id),
    ):
        if ids is not None:
            query = query.where(column.in_(id_list(ids)))
    rows = query.order_by(Recognition.id.desc()).limit(limit).offset(offset).tuples()
    return {"data": [recognition_json(row) for row in rows]}


def get_recognition(id, token_info):
    row = visible(recognitions_query().where(Recognition.id == id), token_info).tuples().first()
    if row is None:
        raise not_found("recognition")
    return {"data": recognition_json(row)}


def create_recognition(body, token_info):
    giver, given_for, core_value_id = token_info["user_id"], int(body["given_for"]), int(body["core_value_id"])
    check_recognition(given_for, core_value_id, token_info)
    with db.atomic():
        balance = spend_hi5(giver)
        recognition = Recognition.create(
            org=token_info["org_id"], core_value=core_value_id, text=body["text"], given_for=given_for, given_by=giver
        )
        Hi5.create(recognition=recognition, given_by=giver)  # giving it is the giver's hi5 of it
    location = absolute_url(f"/recognitions/{recognition.id}")
    return {"data": created_json(recognition, balance)}, 201, {"Location": location}
