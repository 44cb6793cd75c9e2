"""Peerly's lists and details (models/peerly/reads.py): every field of every body, byte for
byte, against what the models say; and the statements per request, pinned for each list
and detail endpoint, the same for a page of one as for a page of a hundred."""

from datetime import UTC, datetime, timedelta

import pytest
from playhouse.test_utils import count_queries

from core.encoding import dumps
from models.peerly import Badge, CoreValue, Hi5, Recognition, User
from tests.peerly.helpers import URL, make_core_value

RECOGNITIONS = 40


def epoch(moment):
    return None if moment is None else int(moment.timestamp())


@pytest.fixture
def busy(acme, admin, employee, colleague, moderator):
    """40 recognitions among four people, with hi5s, one hidden; a deleted user, a badge,
    core values with and without a thumbnail and a parent."""
    teamwork = make_core_value(acme, "Teamwork", thumbnail_url="https://example.com/t.png")
    learning = make_core_value(acme, "Learning", parent_core_value=teamwork)
    User.update(profile_image_url="https://example.com/kay.png").where(User.id == employee.id).execute()
    User.update(display_name=None).where(User.id == colleague.id).execute()
    gone = User.create(org=acme, first_name="Gone", email="gone@acme.test", role_id=3, hi5_quota_balance=0,
                       soft_delete_by=admin.id, soft_delete_at=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC))
    people = [admin, employee, colleague, moderator]
    start = datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    for n in range(RECOGNITIONS):
        giver, receiver = people[n % 4], people[(n + 1) % 4]
        recognition = Recognition.create(org=acme, core_value=(teamwork, learning)[n % 2], text=f"Thanks {n}",
                                         given_for=receiver.id, given_by=giver.id,
                                         given_at=start + timedelta(hours=n, microseconds=n))
        for hi5_giver in people[: n % 4]:
            Hi5.create(recognition=recognition, given_by=hi5_giver.id)
    Recognition.update(is_inappropriate=True).where(Recognition.text == "Thanks 3").execute()
    Badge.create(org=acme, name="Star", hi5_count_required=3, hi5_frequency="WEEKLY")
    return {"admin": admin, "employee": employee, "gone": gone, "learning": learning}


def person(user: User) -> dict:
    return {key: getattr(user, key) for key in ("id", "first_name", "last_name", "profile_image_url")}


def recognition_json(r: Recognition) -> dict:
    cv = r.core_value
    return {
        "id": r.id,
        "text": r.text,
        "given_for": r.given_for_id,
        "given_by": r.given_by_id,
        "given_at": epoch(r.given_at),
        "core_value": {"id": cv.id, "text": cv.text, "description": cv.description, "thumbnail": cv.thumbnail_url},
        "given_for_user": person(r.given_for),
        "given_by_user": person(r.given_by),
        "coreValue": {"id": cv.id, "text": cv.text, "description": cv.description, "thumbnail_url": cv.thumbnail_url},
        "hi5_count": Hi5.select().where(Hi5.recognition == r).count(),
    }


def user_json(u: User) -> dict:
    fields = ("id", "first_name", "last_name", "email", "display_name", "profile_image_url", "role_id",
              "hi5_quota_balance", "org_id", "soft_delete_by_id", "soft_delete_at")
    user = {name.removesuffix("_id") if name == "soft_delete_by_id" else name: getattr(u, name) for name in fields}
    return {**user, "soft_delete_at": epoch(u.soft_delete_at)}


def profile_json(u: User) -> dict:
    received = Hi5.select().join(Recognition).where(Recognition.given_for == u.id).count()
    return {**user_json(u), "hi5_count": received}


def core_value_json(cv: CoreValue) -> dict:
    return {"id": cv.id, "org_id": cv.org_id, "text": cv.text, "description": cv.description,
            "parent_core_value_id": cv.parent_core_value_id, "thumbnail_url": cv.thumbnail_url}


def body(client, path: str, member) -> str:
    response = client.get(f"{URL}{path}", headers=member.auth)
    assert response.status_code == 200, response.text
    assert response.text.endswith("}\n")  # the jsonifier's newline
    return response.text[:-1]


def newest(query, limit=100):
    return list(query.order_by(Recognition.id.desc()).limit(limit))


def test_recognitions_as_before_every_field(client, busy):
    admin, employee, learning = busy["admin"], busy["employee"], busy["learning"]
    everything = Recognition.select()
    shown = everything.where(Recognition.is_inappropriate == False)  # noqa: E712
    cases = [
        ("/recognitions?limit=100", admin, newest(everything)),
        ("/recognitions?limit=100", employee, newest(shown)),
        ("/recognitions?limit=5&offset=3", employee, newest(shown, 8)[3:]),
        (f"/recognitions?given_for={employee.id}&limit=100", employee,
         newest(shown.where(Recognition.given_for == employee.id))),
        (f"/recognitions?given_by={employee.id},{admin.id}&core_value_id={learning.id}&limit=100", admin,
         newest(everything.where(Recognition.given_by.in_([employee.id, admin.id]),
                                 Recognition.core_value == learning.id))),
    ]
    for path, member, expected in cases:
        assert expected, path
        assert body(client, path, member) == dumps({"data": [recognition_json(r) for r in expected]}), path
    one = expected[0]
    assert body(client, f"/recognitions/{one.id}", employee) == dumps({"data": recognition_json(one)})
    hidden = Recognition.get(Recognition.is_inappropriate == True)  # noqa: E712
    assert client.get(f"{URL}/recognitions/{hidden.id}", headers=employee.auth).status_code == 404
    assert body(client, f"/recognitions/{hidden.id}", admin) == dumps({"data": recognition_json(hidden)})


def test_users_core_values_hi5s_and_badges_as_before_every_field(client, busy, acme):
    admin, employee, gone = busy["admin"], busy["employee"], busy["gone"]
    users = User.select().where(User.org == acme).order_by(User.id)
    assert body(client, "/users?limit=100", admin) == dumps({"data": [user_json(u) for u in users]})
    current = [u for u in users if u.soft_delete_at is None]
    assert body(client, "/users?limit=100", employee) == dumps({"data": [user_json(u) for u in current]})
    assert gone.id in [u.id for u in users] and gone.id not in [u.id for u in current]
    named_k = [u for u in current if u.first_name.lower().startswith("k") or u.last_name.lower().startswith("k")]
    assert employee.id in [u.id for u in named_k]
    assert body(client, "/users?starts_with=k", employee) == dumps({"data": [user_json(u) for u in named_k]})
    assert body(client, f"/users/{employee.id}", admin) == dumps({"data": profile_json(User[employee.id])})
    assert body(client, "/users/me", employee) == dumps({"data": profile_json(User[employee.id])})
    core_values = CoreValue.select().where(CoreValue.org == acme).order_by(CoreValue.id)
    assert body(client, "/core_values", employee) == dumps({"data": [core_value_json(cv) for cv in core_values]})
    learning = busy["learning"]
    assert body(client, f"/core_values/{learning.id}", employee) == dumps({"data": core_value_json(learning)})
    recognition = Recognition.select().where(Recognition.text == "Thanks 3").get()
    givers = [{"user_id": u.id, "display_name": u.display_name, "profile_image_url": u.profile_image_url}
              for u in User.select().join(Hi5, on=Hi5.given_by == User.id).where(Hi5.recognition == recognition)
              .order_by(Hi5.id)]
    assert len(givers) == 3
    assert body(client, f"/recognitions/{recognition.id}/hi5", admin) == dumps({"data": givers})
    badge = Badge.get()
    badges = [{"id": badge.id, "name": "Star", "org_id": acme.id, "hi5_count_required": 3, "hi5_frequency": "WEEKLY"}]
    assert body(client, f"/organisations/{acme.id}/badges", admin) == dumps({"data": badges})


def queries(client, path: str, member) -> int:
    with count_queries() as counted:
        response = client.get(f"{URL}{path}", headers=member.auth)
    assert response.status_code == 200, response.text
    return counted.count


# Each starts with the token: its user, current, and its denylist entry (one query).
LISTS = [
    ("/recognitions?limit={n}", 2),  # the page, its people, core values and hi5 counts
    ("/recognitions?given_by={employee},{admin}&given_for={employee},{admin}&core_value_id={learning}&limit={n}", 2),
    ("/recognitions?limit={n}&org_id={org}", 3),  # a SuperAdmin's org_id: the organisation, then the page
    ("/users?limit={n}", 2),
    ("/users?starts_with=a&limit={n}", 2),
    ("/core_values?limit={n}", 2),
    ("/recognitions/{recognition}/hi5?limit={n}", 3),  # the recognition (visible?), then the hi5s
    ("/organisations?limit={n}", 2),
    ("/organisations/{org}/badges?limit={n}", 3),  # the organisation, then the badges
]
DETAILS = [
    ("/recognitions/{recognition}", 2),
    ("/users/{employee}", 2),  # the profile, checked as a managed user
    ("/users/me", 2),
    ("/core_values/{learning}", 2),
    ("/organisations/{org}", 2),
]


@pytest.fixture
def ids(busy, acme, super_admin):
    recognition = Recognition.select().where(Recognition.text == "Thanks 2").get()
    return {"employee": busy["employee"].id, "admin": busy["admin"].id, "learning": busy["learning"].id,
            "org": acme.id, "recognition": recognition.id}


@pytest.mark.parametrize("path, expected", LISTS)
def test_a_list_costs_the_same_few_queries_for_one_row_or_a_hundred(client, ids, super_admin, path, expected):
    assert queries(client, path.format(n=1, **ids), super_admin) == expected
    assert queries(client, path.format(n=100, **ids), super_admin) == expected


@pytest.mark.parametrize("path, expected", DETAILS)
def test_a_detail_costs_the_token_and_one_query(client, ids, super_admin, path, expected):
    assert queries(client, path.format(**ids), super_admin) == expected
