"""An organisation's badges: the original's routes, keys and role rule (OrganisationAdmin,
and SuperAdmin as everywhere), scoped to the organisation."""

import pytest
from playhouse.test_utils import count_queries

from models.peerly import Badge
from tests.peerly.helpers import FORBIDDEN, UNAUTHORIZED, URL, error

NEW = {"name": "Rising star", "hi5_count_required": 10, "hi5_frequency": "WEEKLY"}


def badges(org) -> str:
    return f"{URL}/organisations/{org.id}/badges"


@pytest.fixture
def star(acme) -> Badge:
    return Badge.create(org=acme, **NEW)


def as_json(badge: Badge) -> dict:
    return {
        "id": badge.id,
        "name": badge.name,
        "org_id": badge.org_id,
        "hi5_count_required": badge.hi5_count_required,
        "hi5_frequency": badge.hi5_frequency,
    }


def test_an_admin_creates_a_badge_of_their_organisation(client, admin, acme):
    response = client.post(badges(acme), json=NEW, headers=admin.auth)

    assert response.status_code == 201
    badge = Badge.get()
    assert response.json() == {"data": {**NEW, "id": badge.id, "org_id": acme.id}}
    assert response.headers["location"] == f"http://testserver{badges(acme)}/{badge.id}"
    assert (badge.org_id, badge.name, badge.hi5_count_required, badge.hi5_frequency) == (acme.id, *NEW.values())


def test_a_form_encoded_badge_is_accepted(client, admin, acme):
    response = client.post(badges(acme), data={**NEW, "hi5_count_required": "3"}, headers=admin.auth)

    assert response.status_code == 201
    assert Badge.get().hi5_count_required == 3


def test_list_an_organisations_badges_in_two_queries(client, admin, acme, globex, star):
    Badge.create(org=globex, name="Theirs", hi5_count_required=1, hi5_frequency="MONTHLY")
    second = Badge.create(org=acme, name="Helper", hi5_count_required=3, hi5_frequency="MONTHLY")

    with count_queries() as counted:
        response = client.get(badges(acme), headers=admin.auth)

    assert response.status_code == 200
    assert response.json() == {"data": [as_json(star), as_json(second)]}
    assert counted.count == 3  # the token (its user and denylist in one), the organisation, the badges


def test_get_and_update_a_badge(client, admin, acme, star):
    updated = client.put(f"{badges(acme)}/{star.id}", json={"hi5_count_required": 12}, headers=admin.auth)
    fetched = client.get(f"{badges(acme)}/{star.id}", headers=admin.auth)

    assert updated.status_code == fetched.status_code == 200
    assert updated.json() == fetched.json() == {"data": {**as_json(star), "hi5_count_required": 12}}
    assert Badge.get_by_id(star.id).hi5_count_required == 12


def test_a_super_admin_manages_any_organisations_badges(client, super_admin, globex):
    created = client.post(badges(globex), json=NEW, headers=super_admin.auth)
    listed = client.get(badges(globex), headers=super_admin.auth)

    assert created.status_code == 201 and created.json()["data"]["org_id"] == globex.id
    assert listed.json() == {"data": [created.json()["data"]]}


@pytest.mark.parametrize("who", ["employee", "moderator"])
def test_other_roles_are_forbidden(client, request, acme, star, who):
    auth = request.getfixturevalue(who).auth

    responses = [
        client.get(badges(acme), headers=auth),
        client.post(badges(acme), json=NEW, headers=auth),
        client.get(f"{badges(acme)}/{star.id}", headers=auth),
        client.put(f"{badges(acme)}/{star.id}", json={"name": "Mine"}, headers=auth),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert all(r.json() == FORBIDDEN for r in responses)
    assert [as_json(b) for b in Badge.select()] == [as_json(star)]


def test_another_organisation_does_not_exist_for_an_admin(client, outsider_admin, acme, star):
    responses = [
        client.get(badges(acme), headers=outsider_admin.auth),
        client.post(badges(acme), json=NEW, headers=outsider_admin.auth),
        client.get(f"{badges(acme)}/{star.id}", headers=outsider_admin.auth),
        client.put(f"{badges(acme)}/{star.id}", json={"name": "Mine"}, headers=outsider_admin.auth),
    ]

    assert [r.status_code for r in responses] == [404] * 4
    not_found = error("organisation-not-found", "Organisation with specified id is not found")
    assert all(r.json() == not_found for r in responses)
    assert [as_json(b) for b in Badge.select()] == [as_json(star)]


def test_an_unknown_badge_or_organisation_is_not_found(client, admin, super_admin, acme, globex):
    theirs = Badge.create(org=globex, name="Theirs", hi5_count_required=1, hi5_frequency="MONTHLY")
    unknown = client.get(f"{badges(acme)}/{theirs.id}", headers=admin.auth)  # a badge of another organisation
    update = client.put(f"{badges(acme)}/{theirs.id}", json={"name": "Mine"}, headers=super_admin.auth)
    no_org = client.get(f"{URL}/organisations/999999/badges", headers=super_admin.auth)

    assert unknown.status_code == update.status_code == no_org.status_code == 404
    assert unknown.json() == update.json() == error("badge-not-found", "Badge not found for specified id")
    assert no_org.json()["error"]["code"] == "organisation-not-found"
    assert Badge.get_by_id(theirs.id).name == "Theirs"


@pytest.mark.parametrize(
    "body, fields",
    [
        ({}, {"name": "required", "hi5_count_required": "required", "hi5_frequency": "required"}),
        ({**NEW, "name": " "}, {"name": "required"}),
        ({**NEW, "name": "n" * 46}, {"name": "must be at most 45 characters"}),
        ({**NEW, "hi5_count_required": "ten"}, {"hi5_count_required": "should be a number"}),
        ({**NEW, "hi5_count_required": -1}, {"hi5_count_required": "must be at least 0"}),
        ({**NEW, "org_id": 2}, {"org_id": "is not allowed"}),
    ],
)
def test_invalid_badges_are_refused_in_the_originals_words(client, admin, acme, body, fields):
    response = client.post(badges(acme), json=body, headers=admin.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Invalid badges data", **fields)
    assert Badge.select().count() == 0


def test_an_update_needs_a_field(client, admin, acme, star):
    response = client.put(f"{badges(acme)}/{star.id}", json={}, headers=admin.auth)

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Invalid badges data"


@pytest.mark.parametrize(
    "path", ["/organisations/1/badges?offset=-1", "/organisations/1/badges/0", "/organisations/1/badges?limit=101"]
)
def test_bad_parameters_are_refused(client, admin, path):
    response = client.get(URL + path, headers=admin.auth)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_data"


@pytest.mark.parametrize("method", ["get", "post"])
def test_badges_need_a_token(client, acme, method):
    response = client.request(method, badges(acme), json=NEW)

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize("method", ["get", "put"])
def test_a_badge_needs_a_token(client, acme, star, method):
    response = client.request(method, f"{badges(acme)}/{star.id}", json={"name": "X"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_a_deleted_badges_id_is_never_given_again(client, admin, acme):
    first = client.post(badges(acme), json=NEW, headers=admin.auth).json()["data"]["id"]
    Badge.delete_by_id(first)  # the newest: SQLite without AUTOINCREMENT would hand its id out again

    second = client.post(badges(acme), json=NEW, headers=admin.auth).json()["data"]["id"]

    assert second > first
