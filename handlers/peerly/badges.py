"""An organisation's badges, managed by its OrganisationAdmins (the original's role rule)
and by SuperAdmins; to an OrganisationAdmin, another organisation does not exist (404)."""

from core.urls import absolute_url
from handlers.peerly import not_found, require_role, scope
from models.peerly import ORGANISATION_ADMIN, Badge
from models.peerly.reads import BADGE_FIELDS, badge_page, organisation_exists

COLUMNS = (Badge.id, Badge.name, Badge.org.alias("org_id"), Badge.hi5_count_required, Badge.hi5_frequency)


def badge_json(badge_id: int) -> dict:
    return {"data": Badge.select(*COLUMNS).where(Badge.id == badge_id).dicts().get()}


def managed_org(org_id: int, token_info: dict) -> int:
    """`org_id`, if the caller manages its badges: 403 for other roles, 404 for another organisation."""
    require_role(token_info, ORGANISATION_ADMIN)
    if scope(token_info) not in (None, org_id) or not organisation_exists(org_id):
        raise not_found("organisation")
    return org_id


def badge_of(org_id: int, badge_id: int):
    return Badge.select(*COLUMNS).where(Badge.id == badge_id, Badge.org == org_id)


def list_badges(id, token_info, limit=100, offset=0):
    rows = badge_page(managed_org(id, token_info), limit, offset)
    return {"data": [dict(zip(BADGE_FIELDS, row, strict=True)) for row in rows]}


def create_badge(id, body, token_info):
    badge = Badge.create(org=managed_org(id, token_info), **body)
    location = absolute_url(f"/organisations/{id}/badges/{badge.id}")
    return badge_json(badge.id), 201, {"Location": location}


def get_badge(id, badge_id, token_info):
    found = badge_of(managed_org(id, token_info), badge_id).dicts().first()
    if found is None:
        raise not_found("badge")
    return {"data": found}


def update_badge(id, badge_id, body, token_info):
    updated = Badge.update(**body).where(Badge.id == badge_id, Badge.org == managed_org(id, token_info))
    if not updated.execute():
        raise not_found("badge")
    return badge_json(badge_id)
