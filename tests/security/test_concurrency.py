"""64 clients at once against a real uvicorn server, on whichever database the suite runs:
afterwards the database holds exactly the rows the rules allow, and no request got a 5xx
or a "database is locked"."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from models import bucketlist as bucketlist_models
from models import cassie as cassie_models
from models import chitter as chitter_models
from models import peerly as peerly_models
from models import things as things_models
from tests.bucketlist import helpers as bucketlist
from tests.cassie import helpers as cassie
from tests.chitter import helpers as chitter
from tests.peerly import helpers as peerly

CLIENTS = 64


@pytest.fixture
def http(live_server):
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    with httpx.Client(base_url=live_server, timeout=30, limits=limits) as session:
        yield session


def burst(http, requests: list[tuple]) -> Counter:
    """Sends every (method, path, kwargs) at once (released together); the statuses, counted."""
    start = threading.Barrier(len(requests))

    def one(request):
        method, path, kwargs = request
        start.wait(timeout=30)
        return http.request(method, path, **kwargs)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        responses = list(pool.map(one, requests, timeout=120))
    for response in responses:
        assert response.status_code < 500, response.text
        assert "locked" not in response.text
    return Counter(response.status_code for response in responses)


def times(n, method, path, **kwargs) -> list[tuple]:
    return [(method, path, kwargs)] * n


def test_liking_one_peep_at_once_leaves_one_like_and_unliking_none(client, http):
    kay = chitter.member(client, "kay")
    peep = chitter.post_peep(client, kay)["id"]
    liked = burst(http, times(CLIENTS, "PUT", f"/chitter/peeps/{peep}/likes/{kay.id}", headers=kay.auth))
    likes_after_liking = chitter_models.Like.select().count()
    unliked = burst(http, times(CLIENTS, "DELETE", f"/chitter/peeps/{peep}/likes/{kay.id}", headers=kay.auth))

    assert liked[201] == 1 and likes_after_liking == 1
    assert unliked[204] >= 1 and chitter_models.Like.select().count() == 0


def test_liking_and_unliking_at_once_leaves_zero_or_one_like(client, http):
    kay = chitter.member(client, "kay")
    peep = chitter.post_peep(client, kay)["id"]
    path = f"/chitter/peeps/{peep}/likes/{kay.id}"
    half = CLIENTS // 2
    burst(http, times(half, "PUT", path, headers=kay.auth) + times(half, "DELETE", path, headers=kay.auth))

    assert chitter_models.Like.select().count() in (0, 1)


def test_items_created_and_deleted_at_once_leave_the_bucket_count_right(client, http):
    kay = bucketlist.register(client, "kay@example.com")
    bucket = bucketlist.create_bucket(client, kay)["id"]
    doomed = [bucketlist.create_item(client, kay, bucket, name=f"old {n}")["id"] for n in range(CLIENTS // 4)]
    url = f"/bucketlist/v1/bucketlists/{bucket}/items"
    creates = times(CLIENTS // 2, "POST", url, json={"name": "new"}, headers=kay.auth)
    deletes = [("DELETE", f"{url}/{item}", {"headers": kay.auth}) for item in doomed for _ in range(2)]  # each twice
    statuses = burst(http, creates + deletes)
    items = bucketlist_models.Item.select().where(bucketlist_models.Item.bucket == bucket).count()
    kept = bucketlist_models.Bucket.get_by_id(bucket)

    assert statuses[200] == CLIENTS // 2 + CLIENTS // 4 and statuses[404] == CLIENTS // 4
    assert kept.item_count == items == CLIENTS // 2
    assert kept.items_version == CLIENTS // 4 + CLIENTS // 2 + CLIENTS // 4  # one per create and per delete


SIGN_UPS = [
    ("chitter", "POST", "/chitter/users", {"json": {"user": {"handle": "twin", "password": "mypassword"}}},
     lambda: chitter_models.User.select().count(), 201),
    ("bucketlist", "POST", "/bucketlist/v1/auth/register",
     {"json": {"email": "twin@example.com", "password": "123456"}},
     lambda: bucketlist_models.User.select().count(), 201),
    ("things", "POST", "/things/users", {"json": {"username": "twin", "password": "correct horse"}},
     lambda: things_models.User.select().count(), 201),
]


@pytest.mark.parametrize("api, method, path, kwargs, count, created", SIGN_UPS, ids=[s[0] for s in SIGN_UPS])
def test_signing_up_one_name_at_once_makes_one_user(http, api, method, path, kwargs, count, created):
    statuses = burst(http, times(CLIENTS, method, path, **kwargs))

    assert statuses[created] == 1 and count() == 1
    if api == "chitter":  # the users list's version: bumped by the one sign-up that happened
        assert chitter_models.Tally.get_by_id("users").value == 1


def test_cassie_sign_up_of_one_email_at_once_makes_one_user(client, http):
    email = "twin@example.com"
    cassie.ok(cassie.post(client, "/signup/email/", data={"email": email}))
    statuses = burst(
        http, times(CLIENTS, "POST", "/cassie/api/signup/password/", data={"email": email, "password": "mypassword"},
                    headers=cassie.APP)
    )

    assert statuses[200] >= 1
    assert cassie_models.User.select().where(cassie_models.User.email == email).count() == 1


def test_peerly_first_logins_of_one_email_at_once_make_one_user(http, google, acme):
    google.knows("twin-token", "twin@acme.test", given_name="Twin", family_name="Tester", name="Twin Tester")
    statuses = burst(http, times(CLIENTS, "POST", "/peerly/oauth/google", json={"access_token": "twin-token"},
                                 headers=peerly.ACCEPT))

    assert statuses[200] == CLIENTS
    assert peerly_models.User.select().where(peerly_models.User.email == "twin@acme.test").count() == 1


@pytest.fixture
def acme_people(client, google, acme):
    kay, dev, ada = (peerly.member(client, google, acme, name) for name in ("Kay", "Dev", "Ada"))
    value = peerly.make_core_value(acme)
    return kay, dev, ada, value


def test_hi5s_at_once_never_overdraw_a_small_balance(client, http, acme_people):
    kay, dev, ada, value = acme_people  # a balance of 5 each
    recognitions = [peerly.recognise(client, dev, ada, value, text=f"Thanks {n}")["id"] for n in range(4)]
    requests = [
        ("POST", f"/peerly/recognitions/{r}/hi5", {"json": {"comment": "Hi5"}, "headers": kay.auth})
        for r in recognitions
        for _ in range(CLIENTS // len(recognitions))
    ]
    statuses = burst(http, requests)
    given = peerly_models.Hi5.select().where(peerly_models.Hi5.given_by == kay.id).count()
    balance = peerly_models.User.get_by_id(kay.id).hi5_quota_balance

    assert statuses[201] == given == 4  # one per recognition, all four within the balance
    assert balance == 5 - given >= 0


def test_hi5s_beyond_the_balance_at_once_stop_at_zero(client, http, acme_people):
    kay, dev, ada, value = acme_people
    people = peerly_models.User
    people.update(hi5_quota_balance=2).where(people.id == kay.id).execute()
    people.update(hi5_quota_balance=50).where(people.id == dev.id).execute()  # recognising costs one
    recognitions = [peerly.recognise(client, dev, ada, value, text=f"Thanks {n}")["id"] for n in range(8)]
    requests = [
        ("POST", f"/peerly/recognitions/{r}/hi5", {"json": {"comment": "Hi5"}, "headers": kay.auth})
        for r in recognitions
        for _ in range(CLIENTS // len(recognitions))
    ]
    statuses = burst(http, requests)

    assert statuses[201] == 2 == peerly_models.Hi5.select().where(peerly_models.Hi5.given_by == kay.id).count()
    assert peerly_models.User.get_by_id(kay.id).hi5_quota_balance == 0


def test_reporting_one_recognition_at_once_makes_one_report(client, http, acme_people):
    kay, dev, ada, value = acme_people
    recognition = peerly.recognise(client, dev, ada, value)["id"]
    body = {"mark_as": "not_relevant", "reason": "Not about work."}
    statuses = burst(http, times(CLIENTS, "POST", f"/peerly/recognitions/{recognition}/report", json=body,
                                 headers=kay.auth))

    assert statuses[201] == 1 and peerly_models.Report.select().count() == 1


@pytest.fixture
def forecasters(client):
    cassie.create_group("weather")
    kay, dog, cat = (cassie.sign_up(client, name) for name in ("kay", "dog", "cat"))
    for member in (kay, dog):
        cassie.follow(client, member, "weather")
    return kay, dog, cat


def test_forecasting_twice_at_once_keeps_one_forecast(client, http, forecasters):
    kay, dog, _ = forecasters
    castie = cassie.create_castie(client, kay)
    answer = cassie.option_ids(client, dog, castie)["Yes"]
    statuses = burst(http, times(CLIENTS, "POST", f"/cassie/api/casties/{castie}/forecast/", data={"answer_id": answer},
                                 headers=dog.auth))

    assert statuses[200] == 1 and cassie_models.Forecast.select().count() == 1


def test_following_a_group_at_once_makes_one_membership(client, http, forecasters):
    _, _, cat = forecasters
    statuses = burst(http, times(CLIENTS, "POST", "/cassie/api/groups/weather/follow/", headers=cat.auth))
    memberships = cassie_models.Membership.select().where(cassie_models.Membership.user == cat.id)

    assert statuses[200] >= 1 and memberships.count() == 1


def test_frodad_requests_both_ways_at_once_make_one_pair(client, http, forecasters):
    kay, _, cat = forecasters
    requests = times(CLIENTS // 2, "POST", f"/cassie/api/add-frodad/{cat.handle}/", headers=kay.auth) + times(
        CLIENTS // 2, "POST", f"/cassie/api/add-frodad/{kay.handle}/", headers=cat.auth
    )
    statuses = burst(http, requests)

    assert statuses[200] >= 1 and cassie_models.Frodad.select().count() == 1
