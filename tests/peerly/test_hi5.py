import threading

import pytest
from playhouse.test_utils import count_queries

from models.peerly import Hi5, User
from tests.peerly.helpers import URL, error, member, recognise

TO_SELF = error("unprocessable-entity", "Sorry, You can't give hi-5 to self")
TWICE = error("unprocessable-entity", "Sorry, You can't give hi-5 to same recognition more than once")
INSUFFICIENT = error("insufficient_hi5_balance", "Hi5 quota balance is insufficient for this action")


def hi5_url(recognition: dict) -> str:
    return f"{URL}/recognitions/{recognition['id']}/hi5"


@pytest.fixture
def recognition(client, employee, colleague, teamwork):
    """Kay recognised Dev: Kay has 4 hi5s left, and has given this one its first hi5."""
    return recognise(client, employee, colleague, teamwork)


def balance(member) -> int:
    return User.get_by_id(member.id).hi5_quota_balance


# --- give -----------------------------------------------------------------------------


def test_a_hi5_costs_the_giver_one(client, admin, recognition):
    response = client.post(hi5_url(recognition), json={"comment": "Well deserved!"}, headers=admin.auth)

    assert response.status_code == 201
    hi5 = Hi5.get(Hi5.given_by == admin.id)
    assert response.json() == {
        "data": {
            "id": hi5.id,
            "recognition_id": recognition["id"],
            "comment": "Well deserved!",
            "given_by": admin.id,
            "given_at": int(hi5.given_at.timestamp()),
            "hi5_quota_balance": 4,
        }
    }
    assert balance(admin) == 4


@pytest.mark.parametrize("kwargs", [{}, {"json": {}}, {"data": {"comment": "form"}}], ids=["no-body", "empty", "form"])
def test_a_hi5_needs_no_comment(client, admin, recognition, kwargs):
    response = client.post(hi5_url(recognition), headers=admin.auth, **kwargs)

    assert response.status_code == 201, response.text
    assert Hi5.select().count() == 2


def test_the_recipient_cannot_hi5_their_recognition(client, colleague, recognition):
    response = client.post(hi5_url(recognition), headers=colleague.auth)

    assert response.status_code == 422
    assert response.json() == TO_SELF
    assert balance(colleague) == 5 and Hi5.select().count() == 1


def test_the_giver_already_gave_their_hi5_by_giving_the_recognition(client, employee, recognition):
    response = client.post(hi5_url(recognition), headers=employee.auth)

    assert response.status_code == 422
    assert response.json() == TWICE
    assert balance(employee) == 4


def test_nobody_hi5s_the_same_recognition_twice(client, admin, recognition):
    client.post(hi5_url(recognition), headers=admin.auth)

    response = client.post(hi5_url(recognition), headers=admin.auth)

    assert response.status_code == 422
    assert response.json() == TWICE
    assert balance(admin) == 4 and Hi5.select().count() == 2


def test_a_hi5_with_no_hi5s_left_is_refused(client, admin, recognition):
    User.update(hi5_quota_balance=0).where(User.id == admin.id).execute()

    response = client.post(hi5_url(recognition), headers=admin.auth)

    assert response.status_code == 400
    assert response.json() == INSUFFICIENT
    assert balance(admin) == 0 and Hi5.select().count() == 1


def test_the_last_hi5_can_be_spent(client, admin, recognition):
    User.update(hi5_quota_balance=1).where(User.id == admin.id).execute()

    response = client.post(hi5_url(recognition), headers=admin.auth)

    assert response.status_code == 201
    assert response.json()["data"]["hi5_quota_balance"] == 0


def test_an_unknown_or_foreign_recognition_is_not_found(client, admin, outsider, recognition):
    missing = client.post(f"{URL}/recognitions/9999/hi5", headers=admin.auth)
    foreign = client.post(hi5_url(recognition), headers=outsider.auth)

    assert missing.status_code == foreign.status_code == 404
    assert foreign.json() == error("recognition-not-found", "Recognition not found for specified id")
    assert balance(outsider) == 5


def test_a_comment_has_a_limit(client, admin, recognition):
    response = client.post(hi5_url(recognition), json={"comment": "x" * 5001}, headers=admin.auth)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"comment": "must be at most 5000 characters"}


def test_parallel_hi5s_never_take_a_balance_below_zero(app, client, google, acme, teamwork):
    """Ten hi5s at once from a giver with three left: three are given, seven refused."""
    giver = member(client, google, acme, "Giver")
    people = [member(client, google, acme, f"Person{n}") for n in range(11)]
    User.update(hi5_quota_balance=10).where(User.id == people[0].id).execute()
    recognitions = [recognise(client, people[0], person, teamwork) for person in people[1:]]
    User.update(hi5_quota_balance=3).where(User.id == giver.id).execute()
    barrier, statuses = threading.Barrier(len(recognitions)), []

    def give(recognition):
        with app.test_client() as own_client:  # a client of its own, on its own event loop
            barrier.wait()
            statuses.append(own_client.post(hi5_url(recognition), headers=giver.auth).status_code)

    threads = [threading.Thread(target=give, args=(r,)) for r in recognitions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] * 3 + [400] * 7
    assert balance(giver) == 0
    assert Hi5.select().where(Hi5.given_by == giver.id).count() == 3


def test_parallel_recognitions_never_take_a_balance_below_zero(app, client, employee, colleague, teamwork):
    User.update(hi5_quota_balance=2).where(User.id == employee.id).execute()
    barrier, statuses = threading.Barrier(8), []
    body = {"given_for": colleague.id, "core_value_id": teamwork.id, "text": "Thanks!"}

    def create():
        with app.test_client() as own_client:
            barrier.wait()
            statuses.append(own_client.post(f"{URL}/recognitions", json=body, headers=employee.auth).status_code)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] * 2 + [400] * 6
    assert balance(employee) == 0
    assert Hi5.select().where(Hi5.given_by == employee.id).count() == 2


# --- who gave -------------------------------------------------------------------------


def test_list_who_gave_in_the_order_they_gave(client, employee, admin, moderator, recognition):
    picture = "https://img.test/ada.png"
    User.update(display_name="Ada A.", profile_image_url=picture).where(User.id == admin.id).execute()
    client.post(hi5_url(recognition), headers=admin.auth)
    client.post(hi5_url(recognition), headers=moderator.auth)

    with count_queries() as counted:
        response = client.get(hi5_url(recognition), headers=employee.auth)

    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {"user_id": employee.id, "display_name": "Kay Tester", "profile_image_url": None},
            {"user_id": admin.id, "display_name": "Ada A.", "profile_image_url": picture},
            {"user_id": moderator.id, "display_name": None, "profile_image_url": None},  # made by an admin
        ]
    }
    assert counted.count == 3  # the token (its user and denylist in one), the recognition, the list


def test_list_who_gave_pages(client, employee, admin, moderator, recognition):
    client.post(hi5_url(recognition), headers=admin.auth)
    client.post(hi5_url(recognition), headers=moderator.auth)

    response = client.get(hi5_url(recognition), params={"limit": 1, "offset": 1}, headers=employee.auth)

    assert [g["user_id"] for g in response.json()["data"]] == [admin.id]


def test_list_who_gave_a_foreign_recognition_is_not_found(client, outsider, recognition):
    assert client.get(hi5_url(recognition), headers=outsider.auth).status_code == 404
