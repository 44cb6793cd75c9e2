import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.peerly import Hi5, Recognition, User
from tests.peerly.helpers import FORBIDDEN, URL, error, make_core_value, member, recognise

RECOGNITIONS = f"{URL}/recognitions"


def create(client, giver, body):
    return client.post(RECOGNITIONS, json=body, headers=giver.auth)


def person(user_id: int) -> dict:
    user = User.get_by_id(user_id)
    return {
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "profile_image_url": user.profile_image_url,
    }


# --- create ---------------------------------------------------------------------------


def test_recognising_a_colleague_costs_one_hi5_which_counts_as_the_givers_hi5(client, employee, colleague, teamwork):
    response = create(client, employee, {"given_for": colleague.id, "core_value_id": teamwork.id, "text": "Thanks!"})

    assert response.status_code == 201
    recognition = Recognition.get()
    assert response.json() == {
        "data": {
            "id": recognition.id,
            "core_values_id": teamwork.id,
            "core_value_id": teamwork.id,
            "text": "Thanks!",
            "given_for": colleague.id,
            "given_by": employee.id,
            "given_at": int(recognition.given_at.timestamp()),
            "hi5_quota_balance": 4,
        }
    }
    assert response.headers["location"] == f"http://testserver/peerly/recognitions/{recognition.id}"
    assert User.get_by_id(employee.id).hi5_quota_balance == 4
    assert User.get_by_id(colleague.id).hi5_quota_balance == 5
    assert [(h.recognition_id, h.given_by_id) for h in Hi5.select()] == [(recognition.id, employee.id)]
    assert recognition.org_id == employee.org_id


@pytest.mark.parametrize("encode", ["json-strings", "form"])
def test_ids_may_come_as_strings_and_given_by_is_ignored(client, employee, colleague, teamwork, encode):
    body = {
        "given_for": str(colleague.id),
        "core_value_id": str(teamwork.id),
        "text": "Thanks!",
        "given_by": str(colleague.id),
    }
    kwargs = {"json": body} if encode == "json-strings" else {"data": body}

    response = client.post(RECOGNITIONS, headers=employee.auth, **kwargs)

    assert response.status_code == 201, response.text
    assert response.json()["data"]["given_by"] == employee.id
    assert Recognition.get().given_by_id == employee.id


def test_recognising_with_no_hi5s_left_is_refused_and_changes_nothing(client, employee, colleague, teamwork):
    User.update(hi5_quota_balance=0).where(User.id == employee.id).execute()

    response = create(client, employee, {"given_for": colleague.id, "core_value_id": teamwork.id, "text": "Thanks!"})

    assert response.status_code == 400
    assert response.json() == error("insufficient_hi5_balance", "Hi5 quota balance is insufficient for this action")
    assert Recognition.select().count() == 0 and Hi5.select().count() == 0
    assert User.get_by_id(employee.id).hi5_quota_balance == 0


@pytest.mark.parametrize("whom", ["self", "outsider", "deleted", "nobody"])
def test_given_for_must_be_a_current_colleague(client, employee, outsider, colleague, teamwork, whom):
    User.update(soft_delete_at=utc_now()).where(User.id == colleague.id).execute()
    given_for = {"self": employee.id, "outsider": outsider.id, "deleted": colleague.id, "nobody": 9999}[whom]

    response = create(client, employee, {"given_for": given_for, "core_value_id": teamwork.id, "text": "Hi"})

    assert response.status_code == 400
    assert response.json() == error(
        "invalid_data", "Invalid recognition data", given_for="should be a colleague of yours"
    )
    assert Recognition.select().count() == 0
    assert User.get_by_id(employee.id).hi5_quota_balance == 5


def test_the_core_value_must_be_the_organisations(client, employee, colleague, globex):
    theirs = make_core_value(globex, "Theirs")

    response = create(client, employee, {"given_for": colleague.id, "core_value_id": theirs.id, "text": "Hi"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"core_value_id": "should be a core value of your organisation"}


@pytest.mark.parametrize(
    "body, fields",
    [
        ({}, {"given_for": "required", "core_value_id": "required", "text": "required"}),
        ({"given_for": "two", "core_value_id": 1, "text": "Hi"}, {"given_for": "should be number"}),
        ({"given_for": 2, "core_value_id": 1.5, "text": "Hi"}, {"core_value_id": "should be number"}),
        ({"given_for": 2, "core_value_id": 1, "text": "  "}, {"text": "required"}),
        ({"given_for": 2, "core_value_id": 1, "text": "x" * 5001}, {"text": "must be at most 5000 characters"}),
        ({"given_for": 2, "core_value_id": 1, "text": "Hi", "hidden": True}, {"hidden": "is not allowed"}),
    ],
)
def test_invalid_recognitions_are_refused_field_by_field(client, employee, body, fields):
    response = create(client, employee, body)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Please provide valid form data", **fields)


# --- read -----------------------------------------------------------------------------


def test_get_a_recognition_with_its_people_core_value_and_hi5_count(client, employee, colleague, admin, teamwork):
    created = recognise(client, employee, colleague, teamwork, "Great work")
    client.post(f"{RECOGNITIONS}/{created['id']}/hi5", headers=admin.auth)

    response = client.get(f"{RECOGNITIONS}/{created['id']}", headers=colleague.auth)

    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "id": created["id"],
            "text": "Great work",
            "given_for": colleague.id,
            "given_by": employee.id,
            "given_at": created["given_at"],
            "core_value": {
                "id": teamwork.id,
                "text": "Teamwork",
                "description": "Teamwork, described",
                "thumbnail": None,
            },
            "given_for_user": person(colleague.id),
            "given_by_user": person(employee.id),
            "coreValue": {
                "id": teamwork.id,
                "text": "Teamwork",
                "description": "Teamwork, described",
                "thumbnail_url": None,
            },
            "hi5_count": 2,
        }
    }


def test_another_organisations_recognition_is_not_found(client, employee, colleague, outsider, teamwork):
    created = recognise(client, employee, colleague, teamwork)

    response = client.get(f"{RECOGNITIONS}/{created['id']}", headers=outsider.auth)

    assert response.status_code == 404
    assert response.json() == error("recognition-not-found", "Recognition not found for specified id")


def test_list_is_newest_first_ten_at_a_time_in_one_query(client, employee, colleague, admin, teamwork):
    User.update(hi5_quota_balance=20).execute()
    created = [recognise(client, employee, colleague, teamwork, f"Thanks {n}") for n in range(12)]
    for recognition in created:
        client.post(f"{RECOGNITIONS}/{recognition['id']}/hi5", headers=admin.auth)

    with count_queries() as counted:
        response = client.get(RECOGNITIONS, headers=colleague.auth)

    assert response.status_code == 200
    listed = response.json()["data"]
    assert [r["id"] for r in listed] == [r["id"] for r in reversed(created)][:10]
    assert all(r["hi5_count"] == 2 for r in listed)
    assert listed[0] == client.get(f"{RECOGNITIONS}/{listed[0]['id']}", headers=colleague.auth).json()["data"]
    assert counted.count == 2  # the token (its user and denylist in one), the list


def test_list_filters_by_giver_receiver_and_core_value(client, employee, colleague, admin, acme, teamwork):
    learning = make_core_value(acme, "Learning")
    a = recognise(client, employee, colleague, teamwork)
    b = recognise(client, colleague, employee, learning)
    c = recognise(client, admin, employee, teamwork)

    def ids(**params):
        return [r["id"] for r in client.get(RECOGNITIONS, params=params, headers=employee.auth).json()["data"]]

    assert ids(given_by=employee.id) == [a["id"]]
    assert ids(given_for=employee.id) == [c["id"], b["id"]]
    assert ids(core_value_id=teamwork.id) == [c["id"], a["id"]]
    assert ids(given_by=f"{employee.id},{admin.id}") == [c["id"], a["id"]]
    assert ids(given_for=employee.id, core_value_id=learning.id) == [b["id"]]
    assert ids(given_by=9999) == []


def test_list_pages_with_limit_and_offset(client, employee, colleague, teamwork):
    created = [recognise(client, employee, colleague, teamwork) for _ in range(4)]

    response = client.get(RECOGNITIONS, params={"limit": 2, "offset": 1}, headers=employee.auth)

    assert [r["id"] for r in response.json()["data"]] == [created[2]["id"], created[1]["id"]]


def test_list_shows_only_the_callers_organisation(client, employee, colleague, outsider, teamwork):
    recognise(client, employee, colleague, teamwork)

    assert client.get(RECOGNITIONS, headers=outsider.auth).json() == {"data": []}


def test_super_admin_lists_another_organisation_with_org_id(client, google, super_admin, outsider, globex):
    created = recognise(client, outsider, member(client, google, globex, "Xena"), make_core_value(globex))

    response = client.get(RECOGNITIONS, params={"org_id": globex.id}, headers=super_admin.auth)

    assert [r["id"] for r in response.json()["data"]] == [created["id"]]


def test_only_a_super_admin_lists_another_organisation(client, employee, globex):
    response = client.get(RECOGNITIONS, params={"org_id": globex.id}, headers=employee.auth)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


@pytest.mark.parametrize("value", ["a", "1,,2", ",1", "1;2", "1," * 20 + "1"])
def test_filters_must_be_ids_separated_by_commas(client, employee, value):
    response = client.get(RECOGNITIONS, params={"given_for": value}, headers=employee.auth)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["given_for"]
