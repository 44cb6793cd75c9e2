import pytest
from playhouse.test_utils import count_queries

from models.peerly import Organisation, User
from tests.peerly.helpers import FORBIDDEN, URL, error

ORGANISATIONS = f"{URL}/organisations"
NEW = {"name": "Initech", "domain_name": "Initech.test"}


def as_json(organisation: Organisation) -> dict:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "contact_email": organisation.contact_email,
        "domain_name": organisation.domain_name,
        "hi5_limit": organisation.hi5_limit,
        "hi5_quota_renewal_frequency": organisation.hi5_quota_renewal_frequency,
        "timezone": organisation.timezone,
        "subscription_status": organisation.subscription_status,
        "subscription_valid_upto": organisation.subscription_valid_upto,
    }


def test_super_admin_creates_an_organisation_with_defaults(client, super_admin):
    response = client.post(ORGANISATIONS, json=NEW, headers=super_admin.auth)

    assert response.status_code == 201
    created = Organisation.get(Organisation.name == "Initech")
    assert response.json() == {"data": as_json(created)}
    assert (created.domain_name, created.hi5_limit, created.hi5_quota_renewal_frequency, created.timezone) == (
        "initech.test",
        5,
        "WEEKLY",
        "UTC",
    )
    assert response.headers["location"] == f"http://testserver/peerly/organisations/{created.id}"


def test_an_organisation_with_every_field(client, super_admin):
    body = {
        **NEW,
        "contact_email": "boss@initech.test",
        "hi5_limit": 10,
        "hi5_quota_renewal_frequency": "MONTHLY",
        "timezone": "Asia/Kolkata",
        "subscription_status": 1,
        "subscription_valid_upto": 1924905600,
    }

    response = client.post(ORGANISATIONS, json=body, headers=super_admin.auth)

    assert response.status_code == 201
    assert response.json()["data"] == {**body, "domain_name": "initech.test", "id": response.json()["data"]["id"]}
    stored = Organisation.get_by_id(response.json()["data"]["id"])
    assert (stored.subscription_status, stored.subscription_valid_upto) == (1, 1924905600)


def test_an_organisation_without_a_subscription_has_none(client, super_admin):
    response = client.post(ORGANISATIONS, json=NEW, headers=super_admin.auth)

    assert response.json()["data"]["subscription_status"] is None
    assert response.json()["data"]["subscription_valid_upto"] is None


def test_the_subscription_can_be_updated_and_cleared(client, super_admin, globex):
    url = f"{ORGANISATIONS}/{globex.id}"
    updated = client.put(
        url, json={"subscription_status": 2, "subscription_valid_upto": 1700000000}, headers=super_admin.auth
    )
    cleared = client.put(url, json={"subscription_status": None}, headers=super_admin.auth)

    assert updated.status_code == cleared.status_code == 200
    assert updated.json()["data"]["subscription_valid_upto"] == 1700000000
    assert (cleared.json()["data"]["subscription_status"], cleared.json()["data"]["subscription_valid_upto"]) == (
        None,
        1700000000,
    )
    assert Organisation.get_by_id(globex.id).subscription_status is None


def test_a_domain_belongs_to_one_organisation_in_any_case(client, super_admin, acme):
    response = client.post(ORGANISATIONS, json={"name": "Acme 2", "domain_name": "ACME.test"}, headers=super_admin.auth)

    assert response.status_code == 400
    assert response.json() == error(
        "invalid_data", "Invalid organisation data", domain_name="is already an organisation's"
    )
    assert Organisation.select().count() == 1


@pytest.mark.parametrize(
    "body, fields",
    [
        ({}, {"name": "required", "domain_name": "required"}),
        ({**NEW, "domain_name": "not a domain"}, {"domain_name": "should be a domain name"}),
        ({**NEW, "hi5_limit": -1}, {"hi5_limit": "must be at least 0"}),
        ({**NEW, "hi5_limit": 1001}, {"hi5_limit": "must be at most 1000"}),
        (
            {**NEW, "hi5_quota_renewal_frequency": "DAILY"},
            {"hi5_quota_renewal_frequency": "must be the following values: WEEKLY, MONTHLY"},
        ),
        ({**NEW, "contact_email": "nobody"}, {"contact_email": "should be an email address"}),
        ({**NEW, "timezone": "not a zone"}, {"timezone": "should be a time zone such as Asia/Kolkata"}),
        ({**NEW, "timezone": "Mars/Olympus"}, {"timezone": "should be a time zone such as Asia/Kolkata"}),
        ({**NEW, "subscription_status": "paid"}, {"subscription_status": "should be number"}),
        ({**NEW, "subscription_valid_upto": -1}, {"subscription_valid_upto": "must be at least 0"}),
        ({**NEW, "subscription_valid_upto": 10**12}, {"subscription_valid_upto": "must be at most 253402300799"}),
    ],
)
def test_invalid_organisations_are_refused(client, super_admin, body, fields):
    response = client.post(ORGANISATIONS, json=body, headers=super_admin.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Please provide valid form data", **fields)
    assert Organisation.select().count() == 1  # Acme, the super admin's


def test_list_organisations_in_one_query(client, super_admin, acme, globex):
    with count_queries() as counted:
        response = client.get(ORGANISATIONS, params={"limit": 5}, headers=super_admin.auth)

    assert response.json() == {"data": [as_json(acme), as_json(globex)]}
    assert counted.count == 2  # the token (its user and denylist in one), the list


def test_get_and_update_an_organisation(client, super_admin, globex):
    updated = client.put(
        f"{ORGANISATIONS}/{globex.id}", json={"hi5_limit": 7, "name": "Globex Corp"}, headers=super_admin.auth
    )
    fetched = client.get(f"{ORGANISATIONS}/{globex.id}", headers=super_admin.auth)

    assert updated.status_code == fetched.status_code == 200
    assert updated.json() == fetched.json() == {"data": as_json(Organisation.get_by_id(globex.id))}
    assert (Organisation.get_by_id(globex.id).hi5_limit, fetched.json()["data"]["name"]) == (7, "Globex Corp")


def test_update_needs_a_field_and_keeps_domains_unique(client, super_admin, acme, globex):
    empty = client.put(f"{ORGANISATIONS}/{globex.id}", json={}, headers=super_admin.auth)
    taken = client.put(f"{ORGANISATIONS}/{globex.id}", json={"domain_name": "acme.test"}, headers=super_admin.auth)

    assert empty.status_code == taken.status_code == 400
    assert taken.json()["error"]["fields"] == {"domain_name": "is already an organisation's"}
    assert Organisation.get_by_id(globex.id).domain_name == "globex.test"


def test_an_unknown_organisation_is_not_found(client, super_admin):
    assert client.get(f"{ORGANISATIONS}/999", headers=super_admin.auth).status_code == 404
    response = client.put(f"{ORGANISATIONS}/999", json={"name": "X"}, headers=super_admin.auth)
    assert response.json() == error("organisation-not-found", "Organisation with specified id is not found")


def test_an_organisation_admin_reads_only_their_own(client, admin, acme, globex):
    own = client.get(f"{ORGANISATIONS}/{acme.id}", headers=admin.auth)
    other = client.get(f"{ORGANISATIONS}/{globex.id}", headers=admin.auth)

    assert own.json() == {"data": as_json(acme)}
    assert other.status_code == 404


@pytest.mark.parametrize("who", ["admin", "employee", "moderator"])
def test_only_a_super_admin_lists_creates_and_updates(client, request, acme, who):
    auth = request.getfixturevalue(who).auth

    responses = [
        client.get(ORGANISATIONS, headers=auth),
        client.post(ORGANISATIONS, json={"name": "X", "domain_name": "x.test"}, headers=auth),
        client.put(f"{ORGANISATIONS}/{acme.id}", json={"hi5_limit": 100}, headers=auth),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert all(r.json() == FORBIDDEN for r in responses)
    assert Organisation.select().count() == 1 and Organisation.get_by_id(acme.id).hi5_limit == 5


def test_new_people_of_a_new_organisation_can_log_in(client, google, super_admin):
    client.post(ORGANISATIONS, json={**NEW, "hi5_limit": 3}, headers=super_admin.auth)
    google.knows("tok", "pat@initech.test")

    response = client.post(f"{URL}/oauth/google", json={"access_token": "tok"})

    assert response.status_code == 200
    pat = User.get(User.email == "pat@initech.test")
    assert (pat.org.name, pat.hi5_quota_balance) == ("Initech", 3)
