from core.urls import absolute_url
from handlers.peerly import in_scope, invalid, listed_org, not_found, require_role, scope
from models.peerly import ORGANISATION_ADMIN, CoreValue, is_core_value_of
from models.peerly.reads import CORE_VALUE_FIELDS, core_value_page, core_value_row

COLUMNS = (
    CoreValue.id,
    CoreValue.org.alias("org_id"),
    CoreValue.text,
    CoreValue.description,
    CoreValue.parent_core_value.alias("parent_core_value_id"),
    CoreValue.thumbnail_url,
)


def core_value_json(core_value_id: int) -> dict:
    return {"data": CoreValue.select(*COLUMNS).where(CoreValue.id == core_value_id).dicts().get()}


def find_core_value(core_value_id: int, token_info: dict) -> CoreValue:
    found = in_scope(CoreValue.select().where(CoreValue.id == core_value_id), CoreValue.org, token_info).first()
    if found is None:
        raise not_found("core-value")
    return found


def check_parent(parent_id: int | None, org_id: int, own_id: int | None = None) -> None:
    """A parent is another core value of the same organisation."""
    if parent_id is not None and not is_core_value_of(parent_id, org_id, other_than=own_id):
        raise invalid("core-value", parent_core_value_id="should be another core value of the organisation")


def list_core_values(token_info, limit=100, offset=0, org_id=None):
    rows = core_value_page(listed_org(token_info, org_id), limit, offset)
    return {"data": [dict(zip(CORE_VALUE_FIELDS, row, strict=True)) for row in rows]}


def get_core_value(id, token_info):
    row = core_value_row(id, scope(token_info))
    if row is None:
        raise not_found("core-value")
    return {"data": dict(zip(CORE_VALUE_FIELDS, row, strict=True))}


def create_core_value(body, token_info):
    require_role(token_info, ORGANISATION_ADMIN)
    check_parent(body.get("parent_core_value_id"), token_info["org_id"])
    core_value = CoreValue.create(
        org=token_info["org_id"],
        text=body["text"],
        description=body["description"],
        parent_core_value=body.get("parent_core_value_id"),
        thumbnail_url=body.get("thumbnail_url"),
    )
    return core_value_json(core_value.id), 201, {"Location": absolute_url(f"/core_values/{core_value.id}")}


def update_core_value(id, body, token_info):
    require_role(token_info, ORGANISATION_ADMIN)
    core_value = find_core_value(id, token_info)
    changes = {"text": body["text"], "description": body["description"]}
    if "parent_core_value_id" in body:
        check_parent(body["parent_core_value_id"], core_value.org_id, own_id=core_value.id)
        changes["parent_core_value"] = body["parent_core_value_id"]
    if "thumbnail_url" in body:
        changes["thumbnail_url"] = body["thumbnail_url"]
    CoreValue.update(**changes).where(CoreValue.id == core_value.id).execute()
    return core_value_json(core_value.id)
