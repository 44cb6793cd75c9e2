from core.urls import absolute_url
from handlers.peerly import in_scope, invalid_organisation, new_organisation, not_found, require_role
from models import peerly as model
from models.peerly import ORGANISATION_ADMIN, Organisation

COLUMNS = (
    Organisation.id,
    Organisation.name,
    Organisation.contact_email,
    Organisation.domain_name,
    Organisation.hi5_limit,
    Organisation.hi5_quota_renewal_frequency,
    Organisation.timezone,
    Organisation.subscription_status,
    Organisation.subscription_valid_upto,
)


def organisation_json(organisation_id: int) -> dict:
    return {"data": Organisation.select(*COLUMNS).where(Organisation.id == organisation_id).dicts().get()}


def list_organisations(token_info, limit=10, offset=0):
    require_role(token_info)
    organisations = Organisation.select(*COLUMNS).order_by(Organisation.id).limit(limit).offset(offset)
    return {"data": list(organisations.dicts())}


def create_organisation(body, token_info):
    require_role(token_info)
    organisation_id = new_organisation(body)
    return organisation_json(organisation_id), 201, {"Location": absolute_url(f"/organisations/{organisation_id}")}


def get_organisation(id, token_info):
    require_role(token_info, ORGANISATION_ADMIN)
    query = in_scope(Organisation.select(*COLUMNS).where(Organisation.id == id), Organisation.id, token_info)
    found = query.dicts().first()
    if found is None:
        raise not_found("organisation")
    return {"data": found}


def update_organisation(id, body, token_info):
    require_role(token_info)
    try:
        updated = model.update_organisation(id, body)
    except model.InvalidOrganisation as error:
        raise invalid_organisation(error) from None
    if not updated:
        raise not_found("organisation")
    return organisation_json(id)
