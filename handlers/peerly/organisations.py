from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peewee import IntegrityError

from core.urls import absolute_url
from handlers.peerly.auth import in_scope, require_role
from handlers.peerly.errors import invalid, not_found
from models.peerly import ORGANISATION_ADMIN, WEEKLY, Organisation

DEFAULTS = {"hi5_limit": 5, "hi5_quota_renewal_frequency": WEEKLY, "timezone": "UTC"}
COLUMNS = (
    Organisation.id,
    Organisation.name,
    Organisation.contact_email,
    Organisation.domain_name,
    Organisation.hi5_limit,
    Organisation.hi5_quota_renewal_frequency,
    Organisation.timezone,
)


def organisation_json(organisation_id: int) -> dict:
    return {"data": Organisation.select(*COLUMNS).where(Organisation.id == organisation_id).dicts().get()}


def checked(fields: dict) -> dict:
    """The fields as stored (domain in lower case), if the time zone is a real one."""
    if "timezone" in fields:
        try:
            ZoneInfo(fields["timezone"])
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory, on some systems
            raise invalid("organisation", timezone="is not a known time zone") from None
    if "domain_name" in fields:
        fields = {**fields, "domain_name": fields["domain_name"].lower()}
    return fields


def domain_taken():
    return invalid("organisation", domain_name="is already an organisation's")


def new_organisation(fields: dict) -> int:
    """Creates an organisation (for the API and scripts/admin peerly create-org); its id."""
    try:
        return Organisation.insert(**checked({**DEFAULTS, **fields})).execute()
    except IntegrityError:
        raise domain_taken() from None


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
        updated = Organisation.update(**checked(body)).where(Organisation.id == id).execute()
    except IntegrityError:
        raise domain_taken() from None
    if not updated:
        raise not_found("organisation")
    return organisation_json(id)
