"""Every operation, as each role and as people of another organisation.

Acme has a SuperAdmin, an OrganisationAdmin, a Moderator and an Employee (the callers),
plus a giver, a receiver and their recognition, and a user to administer. Globex has an
Employee and an OrganisationAdmin, who must never reach Acme's objects. A refused call
changes nothing.
"""

import dataclasses

import pytest
import yaml

from app import SPECS
from models.peerly import MODELS, Badge, CoreValue, Organisation
from tests.peerly.helpers import URL, Member, member, recognise

PERSONAS = ["super_admin", "admin", "moderator", "employee", "outsider", "outsider_admin"]


@dataclasses.dataclass
class World:
    acme: Organisation
    teamwork: CoreValue
    receiver: Member
    target: Member
    recognition: dict
    badge: Badge


@pytest.fixture
def world(client, google, acme, teamwork) -> World:
    giver, receiver = member(client, google, acme, "Gia"), member(client, google, acme, "Rex")
    target = member(client, google, acme, "Tom")
    badge = Badge.create(org=acme, name="Star", hi5_count_required=3, hi5_frequency="WEEKLY")
    return World(acme, teamwork, receiver, target, recognise(client, giver, receiver, teamwork), badge)


def row(status: int, outsider: int | None = None, outsider_admin: int | None = None, **roles: int) -> dict:
    """Expected statuses: `status` for every Acme role unless named, then the outsiders'."""
    acme = {persona: roles.get(persona, status) for persona in PERSONAS[:4]}
    return {**acme, "outsider": outsider or status, "outsider_admin": outsider_admin or outsider or status}


ADMINS_ONLY = {"moderator": 403, "employee": 403}
SUPER_ONLY = {"admin": 403, **ADMINS_ONLY}
NEW_CORE_VALUE = {"text": "New", "description": "D"}
NEW_BADGE = {"name": "New", "hi5_count_required": 1, "hi5_frequency": "WEEKLY"}
PROFILE = {"first_name": "F", "last_name": "L", "display_name": "FL"}

# name: (operationId, the request as (method, path, body), the expected statuses)
OPERATIONS = {
    "logout": ("sessions.logout", lambda w: ("post", "/logout", None), row(200)),
    "list core values": ("core_values.list_core_values", lambda w: ("get", "/core_values", None), row(200)),
    "create core value": (
        "core_values.create_core_value",
        lambda w: ("post", "/core_values", NEW_CORE_VALUE),
        row(201, outsider=403, outsider_admin=201, **ADMINS_ONLY),  # Globex's admin, in Globex
    ),
    "get core value": (
        "core_values.get_core_value",
        lambda w: ("get", f"/core_values/{w.teamwork.id}", None),
        row(200, outsider=404),
    ),
    "update core value": (
        "core_values.update_core_value",
        lambda w: ("put", f"/core_values/{w.teamwork.id}", NEW_CORE_VALUE),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "list users": ("users.list_users", lambda w: ("get", "/users", None), row(200)),
    "list users of an org": (
        "users.list_users",
        lambda w: ("get", f"/users?org_id={w.acme.id}", None),
        row(200, outsider=403, **SUPER_ONLY),
    ),
    "get me": ("users.get_me", lambda w: ("get", "/users/me", None), row(200)),
    "update me": ("users.update_me", lambda w: ("put", "/users/me", PROFILE), row(200)),
    "get user": (
        "users.get_user",
        lambda w: ("get", f"/users/{w.target.id}", None),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "change role": (
        "users.update_user",
        lambda w: ("put", f"/users/{w.target.id}", {"role_id": 4}),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "delete user": (
        "users.delete_user",
        lambda w: ("delete", f"/users/{w.target.id}", None),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "list recognitions": ("recognitions.list_recognitions", lambda w: ("get", "/recognitions", None), row(200)),
    "create recognition": (
        "recognitions.create_recognition",
        lambda w: ("post", "/recognitions", {"given_for": w.receiver.id, "core_value_id": w.teamwork.id, "text": "Hi"}),
        row(201, outsider=400),  # Acme's receiver and core value are no colleague and no value of Globex
    ),
    "get recognition": (
        "recognitions.get_recognition",
        lambda w: ("get", f"/recognitions/{w.recognition['id']}", None),
        row(200, outsider=404),
    ),
    "give hi5": (
        "hi5.give_hi5",
        lambda w: ("post", f"/recognitions/{w.recognition['id']}/hi5", None),
        row(201, outsider=404),
    ),
    "list hi5s": (
        "hi5.list_hi5s",
        lambda w: ("get", f"/recognitions/{w.recognition['id']}/hi5", None),
        row(200, outsider=404),
    ),
    "report": (
        "moderation.report_recognition",
        lambda w: ("post", f"/recognitions/{w.recognition['id']}/report", {"mark_as": "fraud", "reason": "R"}),
        row(201, outsider=404),
    ),
    "review": (
        "moderation.review_recognition",
        lambda w: ("post", f"/recognitions/{w.recognition['id']}/review", {"is_inappropriate": False}),
        row(201, outsider=403, outsider_admin=404, employee=403),
    ),
    "list organisations": (
        "organisations.list_organisations",
        lambda w: ("get", "/organisations", None),
        row(200, outsider=403, **SUPER_ONLY),
    ),
    "create organisation": (
        "organisations.create_organisation",
        lambda w: ("post", "/organisations", {"name": "New", "domain_name": "new.test"}),
        row(201, outsider=403, **SUPER_ONLY),
    ),
    "get organisation": (
        "organisations.get_organisation",
        lambda w: ("get", f"/organisations/{w.acme.id}", None),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "update organisation": (
        "organisations.update_organisation",
        lambda w: ("put", f"/organisations/{w.acme.id}", {"hi5_limit": 9}),
        row(200, outsider=403, **SUPER_ONLY),
    ),
    "list badges": (
        "badges.list_badges",
        lambda w: ("get", f"/organisations/{w.acme.id}/badges", None),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "create badge": (
        "badges.create_badge",
        lambda w: ("post", f"/organisations/{w.acme.id}/badges", NEW_BADGE),
        row(201, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "get badge": (
        "badges.get_badge",
        lambda w: ("get", f"/organisations/{w.acme.id}/badges/{w.badge.id}", None),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
    "update badge": (
        "badges.update_badge",
        lambda w: ("put", f"/organisations/{w.acme.id}/badges/{w.badge.id}", {"name": "Renamed"}),
        row(200, outsider=403, outsider_admin=404, **ADMINS_ONLY),
    ),
}


def snapshot() -> list:
    return [list(model.select().order_by(model.id).tuples()) for model in MODELS]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_access(client, request, world, operation, persona):
    caller = request.getfixturevalue(persona)
    _, describe, expected = OPERATIONS[operation]
    method, path, body = describe(world)
    before = snapshot()

    response = client.request(method, URL + path, json=body, headers=caller.auth)

    assert response.status_code == expected[persona], response.text
    if response.status_code >= 400:
        assert snapshot() == before
    if persona.startswith("outsider") and method == "get" and response.status_code == 200:
        data = response.json()["data"]
        items = data if isinstance(data, list) else [data]
        assert world.acme.id not in {item.get("org_id") for item in items}
        assert world.recognition["id"] not in {item["id"] for item in items if "given_for" in item}


def test_the_matrix_covers_every_operation_that_needs_a_token():
    spec = yaml.safe_load((SPECS / "peerly.yaml").read_text())
    operations = [op for item in spec["paths"].values() for op in item.values() if isinstance(op, dict)]

    secured = {op["operationId"] for op in operations if op.get("security") != []}
    assert secured == {operation_id for operation_id, _, _ in OPERATIONS.values()}
