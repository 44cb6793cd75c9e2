import pytest
from playhouse.test_utils import count_queries

from models.peerly import CoreValue
from tests.peerly.helpers import FORBIDDEN, URL, error, make_core_value

CORE_VALUES = f"{URL}/core_values"
NEW = {"text": "Teamwork", "description": "Achieving more together"}
UNSTORABLE = {"nul": "must not contain NUL characters", "unpaired-surrogate": "must be valid Unicode"}


def as_json(core_value: CoreValue) -> dict:
    return {
        "id": core_value.id,
        "org_id": core_value.org_id,
        "text": core_value.text,
        "description": core_value.description,
        "parent_core_value_id": core_value.parent_core_value_id,
        "thumbnail_url": core_value.thumbnail_url,
    }


# --- create ---------------------------------------------------------------------------


def test_admin_creates_a_core_value_in_their_organisation(client, admin, acme):
    response = client.post(CORE_VALUES, json={**NEW, "parent_core_value_id": None}, headers=admin.auth)

    assert response.status_code == 201
    core_value = CoreValue.get()
    assert response.json() == {"data": as_json(core_value)}
    assert (core_value.org_id, core_value.text, core_value.parent_core_value_id) == (acme.id, "Teamwork", None)
    assert response.headers["location"] == f"http://testserver/peerly/core_values/{core_value.id}"


def test_a_core_value_may_have_a_parent_and_a_thumbnail(client, admin, teamwork):
    body = {**NEW, "text": "Pairing", "parent_core_value_id": teamwork.id, "thumbnail_url": "https://cdn.test/p.png"}

    response = client.post(CORE_VALUES, json=body, headers=admin.auth)

    assert response.status_code == 201
    assert response.json()["data"]["parent_core_value_id"] == teamwork.id
    assert response.json()["data"]["thumbnail_url"] == "https://cdn.test/p.png"


def test_a_parent_in_another_organisation_is_invalid(client, admin, globex):
    foreign = make_core_value(globex, "Theirs")

    response = client.post(CORE_VALUES, json={**NEW, "parent_core_value_id": foreign.id}, headers=admin.auth)

    assert response.status_code == 400
    assert response.json() == error(
        "invalid_data",
        "Invalid core value data",
        parent_core_value_id="should be another core value of the organisation",
    )
    assert CoreValue.select().count() == 1


@pytest.mark.parametrize(
    "body, fields",
    [
        ({}, {"text": "required", "description": "required"}),
        ({"text": " ", "description": None}, {"text": "required", "description": "required"}),
        ({**NEW, "text": "t" * 256}, {"text": "must be at most 255 characters"}),
        ({**NEW, "description": "d" * 5001}, {"description": "must be at most 5000 characters"}),
        ({**NEW, "parent_core_value_id": "x"}, {"parent_core_value_id": "should be number"}),
        ({**NEW, "thumbnail_url": "ftp://x"}, {"thumbnail_url": "should be an http(s) URL"}),
        ({**NEW, "org_id": 2}, {"org_id": "is not allowed"}),
    ],
)
def test_invalid_core_values_are_refused_field_by_field(client, admin, body, fields):
    response = client.post(CORE_VALUES, json=body, headers=admin.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Invalid core value data", **fields)  # the seed's message
    assert CoreValue.select().count() == 0


@pytest.mark.parametrize("problem, text", [("nul", r"a\u0000b"), ("unpaired-surrogate", r"a\ud800b")])
def test_text_no_database_can_store_is_refused(client, admin, problem, text):
    body = '{"text": "' + text + '", "description": "D"}'  # raw JSON: Python cannot encode a lone surrogate
    headers = {**admin.auth, "Content-Type": "application/json"}

    response = client.post(CORE_VALUES, content=body.encode(), headers=headers)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"text": UNSTORABLE[problem]}
    assert CoreValue.select().count() == 0


def test_a_form_encoded_core_value_is_accepted(client, admin):
    response = client.post(CORE_VALUES, data=NEW, headers=admin.auth)

    assert response.status_code == 201


@pytest.mark.parametrize("who", ["employee", "moderator"])
def test_only_admins_create_core_values(client, request, who):
    response = client.post(CORE_VALUES, json=NEW, headers=request.getfixturevalue(who).auth)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert CoreValue.select().count() == 0


# --- read -----------------------------------------------------------------------------


def test_list_gives_the_organisations_core_values_oldest_first_in_one_query(client, employee, acme, globex):
    ours = [make_core_value(acme, f"Value {n}") for n in range(12)]
    make_core_value(globex, "Theirs")

    with count_queries() as counted:
        response = client.get(CORE_VALUES, headers=employee.auth)

    assert response.status_code == 200
    assert response.json() == {"data": [as_json(v) for v in ours]}
    assert counted.count == 2  # the token (its user and denylist in one), the list


def test_list_pages_with_limit_and_offset(client, employee, acme):
    values = [make_core_value(acme, f"Value {n}") for n in range(5)]

    response = client.get(CORE_VALUES, params={"limit": 2, "offset": 1}, headers=employee.auth)

    assert [v["id"] for v in response.json()["data"]] == [values[1].id, values[2].id]


def test_super_admin_lists_another_organisations_core_values(client, super_admin, globex):
    theirs = make_core_value(globex, "Theirs")

    response = client.get(CORE_VALUES, params={"org_id": globex.id}, headers=super_admin.auth)

    assert response.json() == {"data": [as_json(theirs)]}


def test_org_id_is_for_super_admins_only(client, admin, globex):
    response = client.get(CORE_VALUES, params={"org_id": globex.id}, headers=admin.auth)

    assert response.status_code == 403


def test_org_id_of_no_organisation_is_not_found(client, super_admin):
    response = client.get(CORE_VALUES, params={"org_id": 999}, headers=super_admin.auth)

    assert response.status_code == 404
    assert response.json() == error("organisation-not-found", "Organisation with specified id is not found")


@pytest.mark.parametrize(
    "params, field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": "ten"}, "limit"),
        ({"page": 2}, "page"),
    ],
)
def test_bad_list_parameters_are_refused(client, employee, params, field):
    response = client.get(CORE_VALUES, params=params, headers=employee.auth)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_data"
    assert list(response.json()["error"]["fields"]) == [field]


def test_get_a_core_value(client, employee, teamwork):
    response = client.get(f"{CORE_VALUES}/{teamwork.id}", headers=employee.auth)

    assert response.status_code == 200
    assert response.json() == {"data": as_json(teamwork)}


def test_another_organisations_core_value_is_not_found(client, outsider, teamwork):
    response = client.get(f"{CORE_VALUES}/{teamwork.id}", headers=outsider.auth)

    assert response.status_code == 404
    assert response.json() == error("core-value-not-found", "Core value not found for specified id")


def test_a_non_numeric_id_is_not_found(client, employee):
    assert client.get(f"{CORE_VALUES}/abc", headers=employee.auth).status_code == 404


# --- update ---------------------------------------------------------------------------


def test_admin_updates_text_and_description_and_keeps_what_is_not_sent(client, admin, acme, teamwork):
    child = make_core_value(acme, "Pairing", parent_core_value=teamwork, thumbnail_url="https://cdn.test/p.png")

    response = client.put(
        f"{CORE_VALUES}/{child.id}", json={"text": "Pair work", "description": "Two heads"}, headers=admin.auth
    )

    assert response.status_code == 200
    updated = CoreValue.get_by_id(child.id)
    assert response.json() == {"data": as_json(updated)}
    assert (updated.text, updated.description) == ("Pair work", "Two heads")
    assert (updated.parent_core_value_id, updated.thumbnail_url) == (teamwork.id, "https://cdn.test/p.png")


def test_update_with_null_parent_and_thumbnail_clears_them(client, admin, acme, teamwork):
    child = make_core_value(acme, "Pairing", parent_core_value=teamwork, thumbnail_url="https://cdn.test/p.png")

    client.put(
        f"{CORE_VALUES}/{child.id}",
        json={**NEW, "parent_core_value_id": None, "thumbnail_url": None},
        headers=admin.auth,
    )

    updated = CoreValue.get_by_id(child.id)
    assert (updated.parent_core_value_id, updated.thumbnail_url) == (None, None)


def test_a_form_clears_parent_and_thumbnail_with_null(client, admin, acme, teamwork):
    # A form cannot send null: for a nullable field, the text `null` is the null.
    child = make_core_value(acme, "Pairing", parent_core_value=teamwork, thumbnail_url="https://cdn.test/p.png")

    response = client.put(
        f"{CORE_VALUES}/{child.id}",
        data={**NEW, "parent_core_value_id": "null", "thumbnail_url": "null"},
        headers=admin.auth,
    )

    assert response.status_code == 200, response.text
    updated = CoreValue.get_by_id(child.id)
    assert (updated.parent_core_value_id, updated.thumbnail_url) == (None, None)


def test_an_empty_form_field_is_not_a_null(client, admin, teamwork):
    response = client.put(f"{CORE_VALUES}/{teamwork.id}", data={**NEW, "thumbnail_url": ""}, headers=admin.auth)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"thumbnail_url": "should be an http(s) URL"}


def test_a_core_value_cannot_be_its_own_parent(client, admin, teamwork):
    response = client.put(
        f"{CORE_VALUES}/{teamwork.id}", json={**NEW, "parent_core_value_id": teamwork.id}, headers=admin.auth
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["parent_core_value_id"]
    assert CoreValue.get_by_id(teamwork.id).parent_core_value_id is None


def test_update_needs_text_and_description(client, admin, teamwork):
    response = client.put(f"{CORE_VALUES}/{teamwork.id}", json={"text": "Only text"}, headers=admin.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Invalid core value data", description="required")


def test_employee_cannot_update_a_core_value(client, employee, teamwork):
    response = client.put(f"{CORE_VALUES}/{teamwork.id}", json=NEW, headers=employee.auth)

    assert response.status_code == 403
    assert CoreValue.get_by_id(teamwork.id).description == "Teamwork, described"


def test_admin_of_another_organisation_cannot_update_it(client, outsider_admin, teamwork):
    response = client.put(f"{CORE_VALUES}/{teamwork.id}", json=NEW, headers=outsider_admin.auth)

    assert response.status_code == 404
    assert CoreValue.get_by_id(teamwork.id).description == "Teamwork, described"


def test_super_admin_updates_another_organisations_core_value(client, super_admin, globex):
    theirs = make_core_value(globex, "Theirs")

    response = client.put(f"{CORE_VALUES}/{theirs.id}", json=NEW, headers=super_admin.auth)

    assert response.status_code == 200
    assert CoreValue.get_by_id(theirs.id).text == "Teamwork"
