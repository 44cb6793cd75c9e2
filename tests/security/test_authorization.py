"""Object-level authorization (OWASP API1), generated from the specs.

Every secured operation is tried with no credentials, garbage ones, an expired token and
a logged-out one (where the API has such things): each must be the documented 401 (or the
API's documented 403 for a missing header) in its own shape (the documented schema). Every operation that carries
an owned object's id is also tried by another user, another organisation and a lower
role (Peerly): each must be a documented 401/403/404 (Cassie: 400) in that shape, and after every attempt the API's
tables must be exactly as before (read back row by row). Last, the owner's own request
succeeds, proving the attempt aimed at a real object.

An operation carrying an id that is in neither `OWNED` nor `NOT_OWNED` fails
`test_every_operation_with_an_id_is_in_the_matrix`, naming it.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable
from datetime import timedelta

import jwt
import pytest

from core import database
from core.security import digest, issue_jwt
from handlers.bucketlist import auth as bucketlist_auth
from handlers.peerly.auth import AUDIENCE, CLAIM, ISSUER
from models.base import utc_now
from models.peerly import ORGANISATION_ADMIN, SUPER_ADMIN, Badge
from models.things import Token
from tests.bucketlist import helpers as bucketlist
from tests.cassie import helpers as cassie
from tests.chitter import helpers as chitter
from tests.peerly import helpers as peerly
from tests.security.specs import operations, shape_errors
from tests.things import helpers as things

# Secured operations whose path parameter names no owned object, or names one anyone may act on.
NOT_OWNED = {
    "cassie:casties.home": "the tab to show, not an object",
    "cassie:frodads.add_frodad": "a request sent to someone: anyone may send one",
    "cassie:frodads.unfrodad": "ends the caller's own friendship",
    "cassie:groups.get_group": "groups are listed publicly (a private one shows its casties only to those granted)",
    "cassie:groups.follow_group": "following is open to anyone (private groups ask for approval)",
    "cassie:groups.unfollow_group": "the caller's own membership",
    "cassie:groups.list_followers": "who follows a group is public, as its followersCount and its followers' "
    "profiles (groups tab) are; a private group hides only its casties",
    "cassie:groups.list_friend_followers": "the caller's own frodads among a group's (public) followers",
    "cassie:groups.group_accuracy": "the caller's own accuracy and forecasts in a group",
    "cassie:leaderboard.group_leaderboard": "a group's standings are public, as its ranking in get_group is; "
    "they show names and points, no castie",
    "cassie:profiles.profile_casties": "profiles are public, filtered by the viewer's groups",
    "cassie:profiles.profile_stats": "profiles are public",
    "cassie:profiles.profile_groups": "profiles are public",
    "cassie:profiles.profile_frodads": "profiles are public",
}


@dataclasses.dataclass
class Attempt:
    url: str
    body: dict | None = None
    form: bool = False  # Cassie takes forms


@dataclasses.dataclass
class World:
    """One API's objects of a victim, and every identity that tries to reach them."""

    credentials: dict[str, dict]  # case -> headers: none, garbage, expired, logged_out
    identities: dict[str, dict]  # owner, other_user, other_org, lower_role -> headers
    targets: dict[str, Attempt]  # operationId -> the request aimed at the victim's object
    table_prefix: str


def forged(claims: dict) -> dict[str, str]:
    """Tokens carrying `claims` that no server key signed: unsigned (alg none), signed
    with another key, and validly signed for another audience."""
    now = utc_now()
    payload = {"iat": now, "nbf": now, "exp": now + timedelta(hours=1), "jti": "forged", **claims}
    return {
        "alg_none": jwt.encode(payload, None, algorithm="none"),
        "other_key": jwt.encode(payload, "another-key-of-at-least-32-bytes-long", algorithm="HS256"),
        "other_audience": issue_jwt(claims["sub"], timedelta(hours=1), **{**claims, "aud": "elsewhere.example"}),
    }


def _basic(user: str, password: str) -> dict:
    return {**cassie.APP, "Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def chitter_world(client, **_) -> World:
    kay, dog = chitter.member(client, "kay"), chitter.member(client, "dog")
    peep = chitter.post_peep(client, kay)["id"]
    assert client.put(f"/chitter/peeps/{peep}/likes/{kay.id}", headers=kay.auth).status_code == 201
    stale = chitter.member(client, "cat")
    chitter.log_in(client, "cat")  # a new login ends the old session
    peep_body = {"peep": {"user_id": kay.id, "body": "changed"}}
    return World(
        credentials={"none": {}, "garbage": {"Authorization": "Token token=garbage"}, "logged_out": stale.auth},
        identities={"owner": kay.auth, "other_user": dog.auth},
        targets={
            "peeps.create_peep": Attempt("/chitter/peeps", peep_body),
            "peeps.update_peep": Attempt(f"/chitter/peeps/{peep}", peep_body),
            "peeps.patch_peep": Attempt(f"/chitter/peeps/{peep}", peep_body),
            "peeps.delete_peep": Attempt(f"/chitter/peeps/{peep}"),
            "likes.create_like": Attempt(f"/chitter/peeps/{peep}/likes/{kay.id}"),
            "likes.patch_like": Attempt(f"/chitter/peeps/{peep}/likes/{kay.id}"),
            "likes.delete_like": Attempt(f"/chitter/peeps/{peep}/likes/{kay.id}"),
        },
        table_prefix="chitter_",
    )


def bucketlist_world(client, **_) -> World:
    kay = bucketlist.register(client, "kay@example.com")
    dog = bucketlist.register(client, "dog@example.com")
    bucket = bucketlist.create_bucket(client, kay)["id"]
    item = bucketlist.create_item(client, kay, bucket)["id"]
    gone = bucketlist.register(client, "cat@example.com")
    assert client.post(f"{bucketlist.API}/auth/logout", headers=gone.auth).status_code == 200
    base = f"{bucketlist.API}/bucketlists/{bucket}"
    tokens = forged({"sub": str(kay.id), "aud": bucketlist_auth.AUDIENCE})
    return World(
        credentials={
            "none": {},
            "garbage": bucketlist.bearer("garbage"),
            "expired": bucketlist.bearer(bucketlist.token_for(kay.id, ttl=timedelta(hours=-1))),
            "logged_out": gone.auth,
            **{case: bucketlist.bearer(token) for case, token in tokens.items()},
        },
        identities={"owner": kay.auth, "other_user": dog.auth},
        targets={
            "buckets.get_bucket": Attempt(base),
            "buckets.update_bucket": Attempt(base, {"name": "Mine now"}),
            "buckets.delete_bucket": Attempt(base),
            "items.list_items": Attempt(f"{base}/items"),
            "items.create_item": Attempt(f"{base}/items", {"name": "planted"}),
            "items.get_item": Attempt(f"{base}/items/{item}"),
            "items.update_item": Attempt(f"{base}/items/{item}", {"name": "Mine now"}),
            "items.delete_item": Attempt(f"{base}/items/{item}"),
        },
        table_prefix="bucketlist_",
    )


def things_world(client, **_) -> World:
    kay, dog = things.member(client, "kay"), things.member(client, "dog")
    thing = things.post_thing(client, kay)["id"]
    Token.create(user=kay.id, digest=digest("an-expired-token"), expires_at=utc_now() - timedelta(minutes=1))
    return World(
        credentials={
            "none": {},
            "garbage": {"Authentication": "bearer garbage"},
            "expired": {"Authentication": "bearer an-expired-token"},
        },
        identities={"owner": kay.auth, "other_user": dog.auth},
        targets={
            "stuff.update_thing": Attempt(f"/things/stuff/{thing}", {"name": "Mine now"}),
            "stuff.delete_thing": Attempt(f"/things/stuff/{thing}"),
        },
        table_prefix="things_",
    )


def cassie_world(client, **_) -> World:
    kay, dog, cat, may = (cassie.sign_up(client, name) for name in ("kay", "dog", "cat", "may"))
    cassie.create_group("secret", private=True)
    for member in (kay, may):  # may sees kay's casties, but is not kay
        cassie.follow(client, member, "secret")
        cassie.approve("secret", member.handle)
    castie = cassie.create_castie(client, kay, group="secret")
    comment = cassie.ok(cassie.post(client, f"/casties/{castie}/comment/", kay, data={"commentText": "mine"}))
    cassie.ok(cassie.post(client, f"/add-frodad/{cat.handle}/", kay))  # a request, and a notification for cat
    from models.cassie import Notification

    notification = Notification.select().where(Notification.user == cat.id).get().id
    answer = {"answer_id": cassie.option_ids(client, kay, castie)["Yes"]}
    api = "/cassie/api"
    return World(
        credentials={"none": dict(cassie.APP), "garbage": _basic("kay@example.com", "not-her-password")},
        identities={"owner": kay.auth, "other_user": dog.auth, "recipient": cat.auth, "member": may.auth},
        targets={
            "profiles.delete_account": Attempt(f"{api}/profile/{kay.handle}/delete/", {}, form=True),
            "casties.get_castie": Attempt(f"{api}/casties/{castie}/"),
            "forecasts.create_forecast": Attempt(f"{api}/casties/{castie}/forecast/", answer, form=True),
            "casties.answer_castie": Attempt(f"{api}/casties/{castie}/answer/", answer, form=True),
            "casties.answer_screen": Attempt(f"{api}/casties/{castie}/answer/"),
            "reports.report_castie": Attempt(f"{api}/report/castie/{castie}/", {}, form=True),
            "reports.report_comment": Attempt(f"{api}/report/comment/{comment['commentUUID']}/", {}, form=True),
            "preferences.get_profile_edit": Attempt(f"{api}/profile/{kay.handle}/edit/"),
            "comments.list_comments": Attempt(f"{api}/casties/{castie}/comments/"),
            "comments.create_comment": Attempt(f"{api}/casties/{castie}/comment/", {"commentText": "x"}, form=True),
            "comments.delete_comment": Attempt(f"{api}/comments/{comment['commentUUID']}/delete/", {}, form=True),
            "frodads.respond_to_request": Attempt(f"{api}/frodad-requests/{kay.handle}/accept/", {}, form=True),
            "notifications.mark_read": Attempt(f"{api}/notifications/{notification}/read/", {}, form=True),
        },
        table_prefix="cassie_",
    )


def _expired_peerly(member: peerly.Member) -> dict:
    organisation = {"roleId": member.role_id, "orgId": member.org_id, "orgName": "Acme"}
    claims = {"iss": ISSUER, "aud": AUDIENCE, CLAIM: organisation}
    token = issue_jwt(str(member.id), timedelta(hours=-1), **claims)
    return {"Authorization": f"Bearer {token}", **peerly.ACCEPT}


def peerly_world(client, google, acme, globex, **_) -> World:
    kay = peerly.member(client, google, acme, "Kay")
    dev = peerly.member(client, google, acme, "Dev")
    sue = peerly.member(client, google, acme, "Sue", SUPER_ADMIN)
    otto = peerly.member(client, google, globex, "Otto", ORGANISATION_ADMIN)
    gone = peerly.member(client, google, acme, "Gus")
    assert client.post(f"{peerly.URL}/logout", headers=gone.auth).status_code == 200
    value = peerly.make_core_value(acme)
    recognition = peerly.recognise(client, kay, dev, value)["id"]
    badge = Badge.create(org=acme, name="Star", hi5_count_required=3, hi5_frequency="WEEKLY").id
    new_badge = {"name": "Planted", "hi5_count_required": 1, "hi5_frequency": "WEEKLY"}
    url = peerly.URL
    # A super admin's claims, forged for an employee.
    claims = {"sub": str(kay.id), "iss": ISSUER, "aud": AUDIENCE,
              CLAIM: {"roleId": SUPER_ADMIN, "orgId": acme.id, "orgName": "Acme"}}
    return World(
        credentials={
            "none": dict(peerly.ACCEPT),
            "garbage": {"Authorization": "Bearer garbage", **peerly.ACCEPT},
            "expired": _expired_peerly(kay),
            "logged_out": gone.auth,
            **{case: {"Authorization": f"Bearer {token}", **peerly.ACCEPT} for case, token in forged(claims).items()},
            "forged_role": {"Authorization": f"Bearer {issue_jwt(str(kay.id), timedelta(hours=1), **claims)}",
                            **peerly.ACCEPT},
        },
        # The owner is whoever may act: a super admin of Acme; the lower role, an employee.
        identities={"owner": sue.auth, "other_org": otto.auth, "lower_role": kay.auth, "other_user": dev.auth},
        targets={
            "core_values.get_core_value": Attempt(f"{url}/core_values/{value.id}"),
            "core_values.update_core_value": Attempt(
                f"{url}/core_values/{value.id}", {"text": "Mine now", "description": "x"}
            ),
            "users.get_user": Attempt(f"{url}/users/{kay.id}"),
            "users.update_user": Attempt(f"{url}/users/{kay.id}", {"role_id": SUPER_ADMIN}),
            "users.delete_user": Attempt(f"{url}/users/{kay.id}"),
            "recognitions.get_recognition": Attempt(f"{url}/recognitions/{recognition}"),
            "hi5.give_hi5": Attempt(f"{url}/recognitions/{recognition}/hi5", {"comment": "x"}),
            "hi5.list_hi5s": Attempt(f"{url}/recognitions/{recognition}/hi5"),
            "moderation.report_recognition": Attempt(
                f"{url}/recognitions/{recognition}/report", {"mark_as": "not_relevant", "reason": "x"}
            ),
            "moderation.review_recognition": Attempt(
                f"{url}/recognitions/{recognition}/review", {"is_inappropriate": True, "comment": "x"}
            ),
            "organisations.get_organisation": Attempt(f"{url}/organisations/{acme.id}"),
            "organisations.update_organisation": Attempt(f"{url}/organisations/{acme.id}", {"hi5_limit": 99}),
            "badges.list_badges": Attempt(f"{url}/organisations/{acme.id}/badges"),
            "badges.create_badge": Attempt(f"{url}/organisations/{acme.id}/badges", new_badge),
            "badges.get_badge": Attempt(f"{url}/organisations/{acme.id}/badges/{badge}"),
            "badges.update_badge": Attempt(f"{url}/organisations/{acme.id}/badges/{badge}", {"name": "Mine now"}),
        },
        table_prefix="peerly_",
    )


WORLDS: dict[str, Callable[..., World]] = {
    "chitter": chitter_world,
    "bucketlist": bucketlist_world,
    "things": things_world,
    "cassie": cassie_world,
    "peerly": peerly_world,
}
# Which identities must be refused, per operation, where it is not simply "everyone but the owner".
PEERLY_DENIED = {
    "core_values.get_core_value": ["other_org"],
    "core_values.update_core_value": ["other_org", "lower_role"],
    "users.get_user": ["other_org"],
    "users.update_user": ["other_org", "lower_role", "other_user"],
    "users.delete_user": ["other_org", "lower_role", "other_user"],
    "recognitions.get_recognition": ["other_org"],
    "hi5.give_hi5": ["other_org"],
    "hi5.list_hi5s": ["other_org"],
    "moderation.report_recognition": ["other_org"],
    "moderation.review_recognition": ["other_org", "lower_role", "other_user"],
    "organisations.get_organisation": ["other_org"],
    "organisations.update_organisation": ["other_org", "lower_role", "other_user"],
    **dict.fromkeys(
        ["badges.list_badges", "badges.create_badge", "badges.get_badge", "badges.update_badge"],
        ["other_org", "lower_role", "other_user"],
    ),
}
# Only the recipient may answer a frodad request or read their notification; only the creator
# acts on their castie, comment or account, which a fellow member of the private group sees.
# Everything else in the private group is refused to an outsider (other_user) alone.
CASSIE_DENIED = {
    "frodads.respond_to_request": ["other_user", "owner"],
    "notifications.mark_read": ["other_user", "owner"],
    **dict.fromkeys(
        ["profiles.delete_account", "casties.answer_castie", "casties.answer_screen", "comments.delete_comment",
         "preferences.get_profile_edit"],
        ["other_user", "member"],
    ),
}
CASSIE_OWNER = {"frodads.respond_to_request": "recipient", "notifications.mark_read": "recipient"}
# Cassie's documented refusal of a rule (its original's): a 400 naming it ("a User can only
# delete their own account"); the others refuse with 401, 403 or 404.
REFUSALS = {"cassie": (400, 401, 403, 404)}


def owned_operations():
    return [op for op in operations() if op.secured and (op.parameters or op.id == "chitter:peeps.create_peep")]


def test_every_operation_with_an_id_is_in_the_matrix():
    worlds = {api: set(OWNED_BY_API[api]) for api in WORLDS}
    missing = [
        op.id for op in owned_operations() if op.operation_id not in worlds[op.api] and op.id not in NOT_OWNED
    ]
    assert missing == [], f"operations carrying an owned id but not in the authorization matrix: {missing}"


OWNED_BY_API = {
    "chitter": [
        "peeps.create_peep", "peeps.update_peep", "peeps.patch_peep", "peeps.delete_peep",
        "likes.create_like", "likes.patch_like", "likes.delete_like",
    ],
    "bucketlist": [
        "buckets.get_bucket", "buckets.update_bucket", "buckets.delete_bucket", "items.list_items",
        "items.create_item", "items.get_item", "items.update_item", "items.delete_item",
    ],
    "things": ["stuff.update_thing", "stuff.delete_thing"],
    "cassie": [
        "profiles.delete_account", "casties.get_castie", "forecasts.create_forecast", "casties.answer_castie",
        "comments.list_comments", "comments.create_comment", "comments.delete_comment",
        "frodads.respond_to_request", "notifications.mark_read", "casties.answer_screen", "reports.report_castie",
        "reports.report_comment", "preferences.get_profile_edit",
    ],
    "peerly": list(PEERLY_DENIED),
}


def snapshot(prefix: str) -> dict[str, list]:
    db = database.db
    with db.connection_context():
        tables = sorted(t for t in db.get_tables() if t.startswith(prefix))
        return {t: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


def denied(api: str, operation_id: str, identities: dict) -> list[str]:
    if api == "peerly":
        return PEERLY_DENIED[operation_id]
    if api == "cassie":
        return CASSIE_DENIED.get(operation_id, ["other_user"])
    return [name for name in identities if name != "owner"]


def send(client, op, attempt: Attempt, headers: dict):
    if attempt.body is None:
        return client.request(op.method, attempt.url, headers=headers)
    if attempt.form:
        return client.request(op.method, attempt.url, headers=headers, data=attempt.body)
    return client.request(op.method, attempt.url, headers=headers, json=attempt.body)


MATRIX = [
    pytest.param(op, id=op.id)
    for op in owned_operations()
    if op.operation_id in OWNED_BY_API[op.api]
]


@pytest.mark.parametrize("op", MATRIX)
def test_nobody_but_the_owner_reaches_an_owned_object(client, google, acme, globex, op):
    world = WORLDS[op.api](client, google=google, acme=acme, globex=globex)
    attempt = world.targets[op.operation_id]
    before = snapshot(world.table_prefix)
    for case, headers in world.credentials.items():
        response = send(client, op, attempt, headers)
        assert response.status_code in (401, 403) and str(response.status_code) in op.statuses, (case, response.text)
        assert shape_errors(op, response) == [], (case, response.text)
        assert snapshot(world.table_prefix) == before, f"{case} changed the database"
    for case in denied(op.api, op.operation_id, world.identities):
        response = send(client, op, attempt, world.identities[case])
        assert response.status_code in REFUSALS.get(op.api, (401, 403, 404)), (case, response.text)
        assert str(response.status_code) in op.statuses, (case, response.status_code)
        assert shape_errors(op, response) == [], (case, response.text)
        assert snapshot(world.table_prefix) == before, f"{case} changed the database"
    owner = CASSIE_OWNER.get(op.operation_id, "owner") if op.api == "cassie" else "owner"
    response = send(client, op, attempt, world.identities[owner])
    # The owner reaches the object (a rule may still refuse, e.g. liking twice): the attempts aimed at it.
    assert response.status_code < 500 and response.status_code not in (401, 403, 404), (owner, response.text)


def test_a_badge_is_not_reached_through_the_path_of_another_organisation(client, google, acme, globex):
    """The nested id the matrix cannot aim: Globex's admin names Acme's badge under Globex's own path."""
    otto = peerly.member(client, google, globex, "Otto", ORGANISATION_ADMIN)
    badge = Badge.create(org=acme, name="Star", hi5_count_required=3, hi5_frequency="WEEKLY").id
    url = f"{peerly.URL}/organisations/{globex.id}/badges/{badge}"
    by_id = {op.operation_id: op for op in operations("peerly")}
    before = snapshot("peerly_")
    for operation_id, body in (("badges.get_badge", None), ("badges.update_badge", {"name": "Mine now"})):
        op = by_id[operation_id]
        response = send(client, op, Attempt(url, body), otto.auth)
        assert response.status_code == 404 and shape_errors(op, response) == [], response.text
    assert snapshot("peerly_") == before
