import pytest

from models.peerly import MODERATOR, Recognition, Report, Review
from tests.peerly.helpers import FORBIDDEN, URL, error, member, recognise

RECOGNITIONS = f"{URL}/recognitions"
REPORT = {"mark_as": "not_relevant", "reason": "This was for a different project."}


@pytest.fixture
def recognition(client, employee, colleague, teamwork):
    return recognise(client, employee, colleague, teamwork)


def report(client, who, recognition, body=REPORT):
    return client.post(f"{RECOGNITIONS}/{recognition['id']}/report", json=body, headers=who.auth)


def review(client, who, recognition, body):
    return client.post(f"{RECOGNITIONS}/{recognition['id']}/review", json=body, headers=who.auth)


def listed_ids(client, who) -> list[int]:
    return [r["id"] for r in client.get(RECOGNITIONS, headers=who.auth).json()["data"]]


# --- reports --------------------------------------------------------------------------


def test_anyone_reports_a_recognition_once(client, colleague, recognition):
    response = report(client, colleague, recognition)

    assert response.status_code == 201
    saved = Report.get()
    assert response.json() == {
        "data": {
            "id": saved.id,
            "recognition_id": recognition["id"],
            "type_of_reporting": "not_relevant",
            "reason_for_reporting": "This was for a different project.",
            "reported_by": colleague.id,
            "reported_at": int(saved.reported_at.timestamp()),
            "mark_as": "not_relevant",
            "reason": "This was for a different project.",
        }
    }


def test_a_second_report_by_the_same_user_is_refused(client, colleague, admin, recognition):
    report(client, colleague, recognition)

    again = report(client, colleague, recognition, {"mark_as": "fraud", "reason": "Changed my mind"})
    by_another = report(client, admin, recognition)

    assert again.status_code == 422
    assert again.json() == error("unprocessable-entity", "You have already reported this recognition")
    assert by_another.status_code == 201
    assert Report.select().count() == 2


def test_a_report_changes_nothing_else(client, colleague, recognition):
    report(client, colleague, recognition)

    assert listed_ids(client, colleague) == [recognition["id"]]


@pytest.mark.parametrize(
    "body, fields",
    [
        ({}, {"mark_as": "required", "reason": "required"}),
        (
            {"mark_as": "spam", "reason": "x"},
            {"mark_as": "must be the following values: fraud, not_relevant, incorrect"},
        ),
        ({"mark_as": "fraud", "reason": "x" * 5001}, {"reason": "must be at most 5000 characters"}),
    ],
)
def test_invalid_reports_are_refused(client, colleague, recognition, body, fields):
    response = report(client, colleague, recognition, body)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Please provide valid form data", **fields)
    assert Report.select().count() == 0


def test_reporting_a_foreign_or_unknown_recognition_is_not_found(client, outsider, employee, recognition):
    assert report(client, outsider, recognition).status_code == 404
    assert report(client, employee, {"id": 9999}).status_code == 404
    assert Report.select().count() == 0


# --- reviews --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["moderator", "admin", "super_admin"])
def test_moderators_and_admins_review(client, request, recognition, who):
    reviewer = request.getfixturevalue(who)

    response = review(client, reviewer, recognition, {"is_inappropriate": True, "comment": "Not about work."})

    assert response.status_code == 201
    saved = Review.get()
    assert response.json() == {
        "data": {
            "id": saved.id,
            "recognition_id": recognition["id"],
            "is_inappropriate": True,
            "moderator_comment": "Not about work.",
            "moderated_by": reviewer.id,
            "moderated_at": int(saved.moderated_at.timestamp()),
            "comment": "Not about work.",
        }
    }


def test_employees_cannot_review(client, colleague, recognition):
    response = review(client, colleague, recognition, {"is_inappropriate": True})

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    assert Review.select().count() == 0
    assert not Recognition.get_by_id(recognition["id"]).is_inappropriate


def test_an_inappropriate_recognition_is_hidden_from_all_but_moderators_and_admins(
    client, employee, colleague, moderator, admin, recognition
):
    review(client, moderator, recognition, {"is_inappropriate": True})
    url = f"{RECOGNITIONS}/{recognition['id']}"

    for viewer in (employee, colleague):
        assert listed_ids(client, viewer) == []
        assert client.get(url, headers=viewer.auth).status_code == 404
        assert client.get(f"{url}/hi5", headers=viewer.auth).status_code == 404
        assert client.post(f"{url}/hi5", headers=viewer.auth).status_code == 404
        assert report(client, viewer, recognition).status_code == 404
    for viewer in (moderator, admin):
        assert listed_ids(client, viewer) == [recognition["id"]]
        assert client.get(url, headers=viewer.auth).status_code == 200


def test_the_latest_review_decides_and_no_hi5_is_refunded(client, employee, colleague, moderator, recognition):
    review(client, moderator, recognition, {"is_inappropriate": True})

    response = review(client, moderator, recognition, {"is_inappropriate": "false", "comment": None})

    assert response.status_code == 201
    assert listed_ids(client, colleague) == [recognition["id"]]
    assert [r.is_inappropriate for r in Review.select().order_by(Review.id)] == [True, False]
    assert client.get(f"{URL}/users/me", headers=employee.auth).json()["data"]["hi5_quota_balance"] == 4


def test_a_form_encoded_review_takes_true_and_false_as_text(client, moderator, recognition):
    response = client.post(
        f"{RECOGNITIONS}/{recognition['id']}/review", data={"is_inappropriate": "true"}, headers=moderator.auth
    )

    assert response.status_code == 201
    assert Recognition.get_by_id(recognition["id"]).is_inappropriate


@pytest.mark.parametrize("value", [None, "yes", 1])
def test_is_inappropriate_must_be_a_boolean(client, moderator, recognition, value):
    response = review(client, moderator, recognition, {"is_inappropriate": value})

    assert response.status_code == 400
    expected = "required" if value is None else "should be boolean value"
    assert response.json()["error"]["fields"] == {"is_inappropriate": expected}


def test_a_moderator_of_another_organisation_cannot_review(client, google, globex, recognition):
    foreign_moderator = member(client, google, globex, "Fremo", MODERATOR)

    assert review(client, foreign_moderator, recognition, {"is_inappropriate": True}).status_code == 404
    assert not Recognition.get_by_id(recognition["id"]).is_inappropriate
