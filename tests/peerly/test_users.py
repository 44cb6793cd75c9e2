import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.peerly import EMPLOYEE, MODERATOR, ORGANISATION_ADMIN, SUPER_ADMIN, Hi5, User
from tests.peerly.helpers import FORBIDDEN, URL, error, member, recognise

USERS = f"{URL}/users"
UNSTORABLE = "must not contain NUL characters"
ME = f"{USERS}/me"


def user_json(user: User) -> dict:
    return {
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "display_name": user.display_name,
        "profile_image_url": user.profile_image_url,
        "role_id": user.role_id,
        "hi5_quota_balance": user.hi5_quota_balance,
        "org_id": user.org_id,
        "soft_delete_by": user.soft_delete_by_id,
        "soft_delete_at": int(user.soft_delete_at.timestamp()) if user.soft_delete_at else None,
    }


def staff(acme, count: int) -> list[User]:
    return [
        User.create(
            org=acme,
            email=f"u{n}@acme.test",
            first_name=f"First{n}",
            last_name=f"Last{n}",
            role_id=EMPLOYEE,
            hi5_quota_balance=5,
        )
        for n in range(count)
    ]


# --- list -----------------------------------------------------------------------------


def test_list_gives_10_of_the_organisations_users_by_id_in_one_query(client, employee, acme, outsider):
    staff(acme, 12)

    with count_queries() as counted:
        response = client.get(USERS, headers=employee.auth)

    assert response.status_code == 200
    expected = User.select().where(User.org == acme).order_by(User.id).limit(10)
    assert response.json() == {"data": [user_json(u) for u in expected]}
    assert counted.count == 2  # the token (its user and denylist in one), the list


def test_list_pages_with_limit_and_offset(client, employee, acme):
    users = staff(acme, 5)

    response = client.get(USERS, params={"limit": 2, "offset": 2}, headers=employee.auth)

    assert [u["id"] for u in response.json()["data"]] == [users[1].id, users[2].id]


def test_starts_with_matches_first_or_last_names_in_any_case(client, employee, acme):
    ana = User.create(
        org=acme, email="ana@acme.test", first_name="Ana", last_name="Berg", role_id=3, hi5_quota_balance=5
    )
    bo = User.create(org=acme, email="bo@acme.test", first_name="Bo", last_name="anand", role_id=3, hi5_quota_balance=5)
    User.create(org=acme, email="cy@acme.test", first_name="Cy", last_name="Banana", role_id=3, hi5_quota_balance=5)

    response = client.get(USERS, params={"starts_with": "AN"}, headers=employee.auth)

    assert [u["id"] for u in response.json()["data"]] == [ana.id, bo.id]


def test_starts_with_treats_wildcards_literally(client, employee, acme):
    staff(acme, 2)

    response = client.get(USERS, params={"starts_with": "%"}, headers=employee.auth)

    assert response.json() == {"data": []}


def test_a_parameter_given_twice_is_refused(client, employee):
    response = client.get(f"{USERS}?limit=1&limit=2", headers=employee.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Invalid request parameters", limit="must be given once")


def test_starts_with_refuses_a_nul_character(client, employee):
    response = client.get(USERS, params={"starts_with": "a\x00"}, headers=employee.auth)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"starts_with": UNSTORABLE}


def test_deleted_users_are_listed_for_admins_only(client, employee, admin, acme):
    gone = User.create(
        org=acme,
        email="gone@acme.test",
        first_name="Gone",
        role_id=3,
        hi5_quota_balance=5,
        soft_delete_at=utc_now(),
        soft_delete_by=admin.id,
    )

    for_employee = client.get(USERS, headers=employee.auth).json()["data"]
    for_admin = client.get(USERS, headers=admin.auth).json()["data"]

    assert gone.id not in [u["id"] for u in for_employee]
    listed = next(u for u in for_admin if u["id"] == gone.id)
    assert listed == user_json(User.get_by_id(gone.id))
    assert listed["soft_delete_by"] == admin.id and isinstance(listed["soft_delete_at"], int)


def test_super_admin_lists_another_organisation_with_org_id(client, super_admin, outsider, globex):
    response = client.get(USERS, params={"org_id": globex.id}, headers=super_admin.auth)

    assert [u["id"] for u in response.json()["data"]] == [outsider.id]


@pytest.mark.parametrize("who", ["employee", "admin", "moderator"])
def test_org_id_is_forbidden_to_anyone_but_a_super_admin(client, request, acme, who):
    response = client.get(USERS, params={"org_id": acme.id}, headers=request.getfixturevalue(who).auth)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


# --- me -------------------------------------------------------------------------------


def test_me_is_the_caller_with_the_hi5s_their_recognitions_received(client, employee, colleague, admin, teamwork):
    first = recognise(client, colleague, employee, teamwork)
    recognise(client, admin, employee, teamwork)
    client.post(f"{URL}/recognitions/{first['id']}/hi5", headers=admin.auth)
    recognise(client, employee, colleague, teamwork)  # given, not received

    with count_queries() as counted:
        response = client.get(ME, headers=employee.auth)

    assert response.status_code == 200
    assert response.json() == {"data": {**user_json(User.get_by_id(employee.id)), "hi5_count": 3}}
    assert Hi5.select().count() == 4
    assert counted.count == 2  # the token (its user and denylist in one), the profile


def test_update_me_replaces_the_names(client, employee):
    body = {
        "first_name": "Kay",
        "last_name": "Sharma",
        "display_name": "KS",
        "profile_image_url": "https://img.test/k.png",
    }

    response = client.put(ME, json=body, headers=employee.auth)

    assert response.status_code == 200
    user = User.get_by_id(employee.id)
    assert response.json() == {"data": {**user_json(user), "hi5_count": 0}}
    assert (user.first_name, user.last_name, user.display_name, user.profile_image_url) == (
        "Kay",
        "Sharma",
        "KS",
        "https://img.test/k.png",
    )


def test_update_me_keeps_the_picture_unless_sent(client, employee):
    User.update(profile_image_url="https://img.test/old.png").where(User.id == employee.id).execute()

    client.put(ME, json={"first_name": "K", "last_name": "S", "display_name": "KS"}, headers=employee.auth)

    assert User.get_by_id(employee.id).profile_image_url == "https://img.test/old.png"


@pytest.mark.parametrize(
    "body, fields",
    [
        ({"first_name": "K"}, {"last_name": "required", "display_name": "required"}),
        ({"first_name": "", "last_name": "S", "display_name": "KS"}, {"first_name": "required"}),
        (
            {"first_name": "K", "last_name": "S", "display_name": "x" * 256},
            {"display_name": "must be at most 255 characters"},
        ),
        ({"first_name": "K", "last_name": "S", "display_name": "KS", "role_id": 1}, {"role_id": "is not allowed"}),
        ({"first_name": "K", "last_name": "S", "display_name": "KS", "email": "x@y.z"}, {"email": "is not allowed"}),
    ],
)
def test_update_me_refuses_invalid_fields(client, employee, body, fields):
    response = client.put(ME, json=body, headers=employee.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Please provide valid form data", **fields)
    assert User.get_by_id(employee.id).first_name == "Kay"


def test_users_me_is_not_a_user_id(client, employee):
    response = client.delete(ME, headers=employee.auth)

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PUT"


# --- admin: get, role, delete ---------------------------------------------------------


def test_admin_gets_a_user_of_their_organisation(client, admin, employee):
    response = client.get(f"{USERS}/{employee.id}", headers=admin.auth)

    assert response.status_code == 200
    assert response.json() == {"data": {**user_json(User.get_by_id(employee.id)), "hi5_count": 0}}


@pytest.mark.parametrize("user_id", ["999", "0"])
def test_an_unknown_user_is_not_found_or_invalid(client, admin, user_id):
    response = client.get(f"{USERS}/{user_id}", headers=admin.auth)

    assert response.status_code == (404 if user_id == "999" else 400)


def test_a_user_of_another_organisation_is_not_found(client, outsider_admin, employee):
    response = client.get(f"{USERS}/{employee.id}", headers=outsider_admin.auth)

    assert response.status_code == 404
    assert response.json() == error("user-not-found", "User not found for specified id")


def test_admin_changes_a_users_role(client, admin, employee):
    response = client.put(f"{USERS}/{employee.id}", json={"role_id": MODERATOR}, headers=admin.auth)

    assert response.status_code == 200
    assert response.json()["data"]["role_id"] == MODERATOR
    assert User.get_by_id(employee.id).role_id == MODERATOR


@pytest.mark.parametrize("role_id", [0, 5, "2", None])
def test_a_role_must_be_one_of_the_four(client, admin, employee, role_id):
    response = client.put(f"{USERS}/{employee.id}", json={"role_id": role_id}, headers=admin.auth)

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["role_id"]


def test_an_organisation_admin_cannot_make_a_super_admin(client, admin, employee):
    response = client.put(f"{USERS}/{employee.id}", json={"role_id": SUPER_ADMIN}, headers=admin.auth)

    assert response.status_code == 403
    assert User.get_by_id(employee.id).role_id == EMPLOYEE


def test_an_organisation_admin_cannot_change_or_delete_a_super_admin(client, admin, super_admin):
    changed = client.put(f"{USERS}/{super_admin.id}", json={"role_id": EMPLOYEE}, headers=admin.auth)
    deleted = client.delete(f"{USERS}/{super_admin.id}", headers=admin.auth)

    assert (changed.status_code, deleted.status_code) == (403, 403)
    assert User.get_by_id(super_admin.id).role_id == SUPER_ADMIN
    assert User.get_by_id(super_admin.id).soft_delete_at is None


def test_a_super_admin_makes_a_super_admin_in_another_organisation(client, super_admin, outsider):
    response = client.put(f"{USERS}/{outsider.id}", json={"role_id": SUPER_ADMIN}, headers=super_admin.auth)

    assert response.status_code == 200
    assert User.get_by_id(outsider.id).role_id == SUPER_ADMIN


def test_admin_soft_deletes_a_user(client, admin, employee):
    response = client.delete(f"{USERS}/{employee.id}", headers=admin.auth)

    assert response.status_code == 200
    assert response.content == b""
    user = User.get_by_id(employee.id)
    assert user.soft_delete_by_id == admin.id and user.soft_delete_at is not None
    assert client.get(f"{USERS}/{employee.id}", headers=admin.auth).status_code == 404
    assert client.delete(f"{USERS}/{employee.id}", headers=admin.auth).status_code == 404


def test_nobody_deletes_themselves(client, admin):
    response = client.delete(f"{USERS}/{admin.id}", headers=admin.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Invalid user data", id="you can't delete yourself")
    assert User.get_by_id(admin.id).soft_delete_at is None


def test_nobody_changes_their_own_role(client, super_admin):
    response = client.put(f"{USERS}/{super_admin.id}", json={"role_id": EMPLOYEE}, headers=super_admin.auth)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Invalid user data", id="you can't change your own role")
    assert User.get_by_id(super_admin.id).role_id == SUPER_ADMIN


@pytest.mark.parametrize("method, kwargs", [("get", {}), ("put", {"json": {"role_id": 4}}), ("delete", {})])
def test_employees_and_moderators_cannot_administer_users(client, employee, moderator, colleague, method, kwargs):
    for who in (employee, moderator):
        response = client.request(method, f"{USERS}/{colleague.id}", headers=who.auth, **kwargs)

        assert response.status_code == 403
        assert response.json() == FORBIDDEN
    assert User.get_by_id(colleague.id).role_id == EMPLOYEE
    assert User.get_by_id(colleague.id).soft_delete_at is None


def test_a_new_admin_can_log_in_and_administer(client, google, acme, employee):
    admin = member(client, google, acme, "Newadmin", ORGANISATION_ADMIN)

    assert client.get(f"{USERS}/{employee.id}", headers=admin.auth).status_code == 200
