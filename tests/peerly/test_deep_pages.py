"""Peerly's lists at any offset are what OFFSET over the current rows gives, while rows come,
go and are hidden between requests; an offset reached before seeks from its remembered key
(core.pagination) at the organisation's version, which every such write bumps."""

from __future__ import annotations

import random

import pytest
from playhouse.test_utils import count_queries

from models.peerly import EMPLOYEE, Organisation, Recognition, User
from tests.peerly.helpers import make_core_value, member, recognise

RECOGNITIONS = "/peerly/recognitions"
USERS = "/peerly/users"


@pytest.fixture
def filled(acme, employee, colleague, teamwork) -> None:
    """80 recognitions between the two, every seventh hidden by a review."""
    Recognition.insert_many([
        {"org": acme.id, "core_value": teamwork.id, "text": f"thanks {n}", "given_for": pair[0].id,
         "given_by": pair[1].id, "is_inappropriate": n % 7 == 0}
        for n, pair in ((n, (employee, colleague) if n % 3 else (colleague, employee)) for n in range(80))
    ]).execute()


def recognitions_truth(org_id: int, sees_hidden: bool, given_by: int | None) -> list[int]:
    found = Recognition.select(Recognition.id).where(Recognition.org == org_id)
    if not sees_hidden:
        found = found.where(~Recognition.is_inappropriate)
    if given_by is not None:
        found = found.where(Recognition.given_by == given_by)
    return [row.id for row in found.order_by(Recognition.id.desc())]


def assert_recognitions(client, who, offset: int, limit: int, sees_hidden: bool, given_by: int | None = None):
    params = {"offset": offset, "limit": limit, **({"given_by": given_by} if given_by else {})}
    response = client.get(RECOGNITIONS, params=params, headers=who.auth)
    assert response.status_code == 200, response.text
    expected = recognitions_truth(who.org_id, sees_hidden, given_by)[offset : offset + limit]
    assert [row["id"] for row in response.json()["data"]] == expected, (who.role_id, offset, limit, given_by)


def test_recognition_pages_stay_right_as_recognitions_are_given_and_reviewed(
    client, google, acme, employee, colleague, admin, moderator, teamwork, filled
):
    rng, givers = random.Random(3), [employee, colleague, admin, moderator]
    for step in range(40):
        limit = rng.choice([5, 7, 10])
        who, sees_hidden = rng.choice([(employee, False), (admin, True)])
        given_by = rng.choice([None, None, employee.id])
        offset = rng.randint(0, 90 // limit) * limit
        assert_recognitions(client, who, offset, limit, sees_hidden, given_by)
        assert_recognitions(client, who, offset + limit, limit, sees_hidden, given_by)  # from the key just remembered
        if step % 2 == 0:
            victim = rng.choice(recognitions_truth(acme.id, True, None))
            body = {"is_inappropriate": rng.choice([True, False]), "comment": "reviewed"}
            response = client.post(f"{RECOGNITIONS}/{victim}/review", json=body, headers=moderator.auth)
            assert response.status_code == 201, response.text
        elif step % 4 == 1:
            giver = givers[(step // 4) % len(givers)]
            recognise(client, giver, colleague if giver is employee else employee, teamwork)


def assert_users(client, who, offset: int, limit: int, with_deleted: bool):
    response = client.get(USERS, params={"offset": offset, "limit": limit}, headers=who.auth)
    assert response.status_code == 200, response.text
    found = User.select(User.id).where(User.org == who.org_id)
    if not with_deleted:
        found = found.where(User.soft_delete_at.is_null())
    expected = [row.id for row in found.order_by(User.id)][offset : offset + limit]
    assert [row["id"] for row in response.json()["data"]] == expected, (who.role_id, offset, limit)


def test_user_pages_stay_right_as_users_come_and_go(client, google, acme, employee, admin):
    User.insert_many([{"org": acme.id, "email": f"user{n}@acme.test", "first_name": f"User {n}", "role_id": EMPLOYEE,
                       "hi5_quota_balance": 5} for n in range(40)]).execute()
    rng = random.Random(11)
    for step in range(30):
        limit = rng.choice([5, 8])
        who, with_deleted = rng.choice([(employee, False), (admin, True)])
        offset = rng.randint(0, 45 // limit) * limit
        assert_users(client, who, offset, limit, with_deleted)
        assert_users(client, who, offset + limit, limit, with_deleted)
        if step % 2 == 0:
            current = User.select(User.id).where(User.org == acme.id, User.soft_delete_at.is_null(),
                                                 User.id.not_in([employee.id, admin.id]))
            victim = rng.choice([row.id for row in current])
            assert client.delete(f"{USERS}/{victim}", headers=admin.auth).status_code == 200
        else:
            member(client, google, acme, f"Newcomer{step}")  # a first login adds them


def version(org_id: int) -> tuple[int, int]:
    organisation = Organisation.get_by_id(org_id)
    return organisation.recognitions_version, organisation.users_version


def test_every_write_that_changes_a_list_bumps_its_version(client, google, acme, globex, employee, colleague,
                                                          admin, moderator, teamwork):
    start = version(acme.id)
    recognition = recognise(client, employee, colleague, teamwork)
    given = version(acme.id)
    client.post(f"{RECOGNITIONS}/{recognition['id']}/review", json={"is_inappropriate": True},
                headers=moderator.auth)
    reviewed = version(acme.id)
    newcomer = member(client, google, acme, "Newcomer")
    joined = version(acme.id)
    assert client.delete(f"{USERS}/{newcomer.id}", headers=admin.auth).status_code == 200
    left = version(acme.id)
    make_core_value(acme, "Unrelated")  # not a row of either list

    assert [given, reviewed, joined, left] == [(start[0] + 1, start[1]), (start[0] + 2, start[1]),
                                               (start[0] + 2, start[1] + 1), (start[0] + 2, start[1] + 2)]
    assert version(acme.id) == left
    assert version(globex.id) == (0, 0)


@pytest.mark.parametrize("url", [RECOGNITIONS, USERS])
def test_a_remembered_deep_page_costs_the_statements_of_the_first_and_seeks(client, acme, admin, filled, url):
    User.insert_many([{"org": acme.id, "email": f"user{n}@acme.test", "first_name": f"User {n}", "role_id": EMPLOYEE,
                       "hi5_quota_balance": 5} for n in range(10)]).execute()

    def page(offset: int):
        with count_queries() as counted:
            response = client.get(url, params={"offset": offset, "limit": 2}, headers=admin.auth)
        assert response.status_code == 200
        return counted

    first, deep_miss, deep_hit = page(0), page(4), page(4)

    assert first.count == deep_miss.count == deep_hit.count == 2  # the token, then the page
    assert "OFFSET" in deep_miss.get_queries()[-1].getMessage().upper()
    assert "OFFSET" not in deep_hit.get_queries()[-1].getMessage().upper()
