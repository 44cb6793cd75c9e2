"""The generated SDKs, end to end: each API's Python client (scripts/sdk) drives one user's
story against the real server (uvicorn, `live_server`), and tsc checks the TypeScript types.

Generation is cached in build/sdk by spec hash, so a second run in one CI job is quick.
The clients are installed into build/sdk/site (never .venv) and imported from there.
"""

from __future__ import annotations

import base64
import gc
import json
import re
import sys
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from core.config import ROOT
from models.base import utc_now
from scripts._sdk import SdkError, generate, run_tsc

TIMEOUT = httpx.Timeout(30.0)  # generous: CI machines are shared


@pytest.fixture(scope="session")
def sdks():
    try:
        generated = generate()
    except SdkError as error:
        pytest.fail(f"scripts/sdk failed: {error}", pytrace=False)
    sys.path.insert(0, str(generated.site))
    yield generated
    sys.path.remove(str(generated.site))


@pytest.fixture
def clients():
    """Makes generated clients (anonymous, or authenticated given `auth`), closed afterwards."""
    opened = []

    def connect(package, base_url: str, **auth):
        kind = package.AuthenticatedClient if auth else package.Client
        client = kind(base_url=base_url, timeout=TIMEOUT, raise_on_unexpected_status=True, **auth)
        opened.append(client)
        return client

    yield connect
    for client in opened:
        client.get_httpx_client().close()


def test_generators_leave_nothing_out(sdks):
    skipped = {api.name: api.warnings for api in sdks.apis if api.warnings}
    assert skipped == {}, "the Python generator skipped parts of these specs (add a transform in scripts/_sdk.py)"


def test_typescript_usage_type_checks(sdks):
    done = run_tsc(sdks.out)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_subset_generates_and_type_checks_alone(tmp_path):
    """`scripts/sdk things`: only Things' usage file is type-checked, so no other API is needed."""
    sdks = generate(tmp_path, ["things"])

    checked = json.loads((tmp_path / "tsconfig.json").read_text())["files"]
    assert [api.name for api in sdks.apis] == ["things"]
    assert [Path(file).name for file in checked] == ["things.ts"]
    assert run_tsc(sdks.out).returncode == 0


def test_the_readme_python_example_runs_as_written(sdks, live_server, fresh_state):
    from commands.things import dummy_data
    from core.database import db

    with db.connection_context():
        dummy_data.main(["--things", "3"])
    readme = (ROOT / "README.md").read_text()
    example = re.search(r"```python\n(.*?)```", readme, re.S)[1].replace("http://127.0.0.1:8000", live_server)
    names: dict = {}
    exec(example, names)  # the clients come from build/sdk/site, as the example's PYTHONPATH says
    stuff = [thing.name for thing in names["stuff"]]
    names.clear()
    gc.collect()  # a client the example left open would warn here, and warnings are errors

    assert stuff == ["Thing 1", "Thing 2", "Thing 3"]


def test_service_health(sdks, live_server, clients):
    import service_client
    from service_client.api.health import health_get_health

    answer = health_get_health.sync_detailed(client=clients(service_client, f"{live_server}/health"))
    assert answer.status_code == 200
    assert answer.parsed.status.value == "ok"


def test_chitter_story(sdks, live_server, fresh_state, clients):
    import chitter_client
    from chitter_client.api.peeps import peeps_create_peep, peeps_delete_peep, peeps_get_peep
    from chitter_client.api.sessions import sessions_create_session
    from chitter_client.api.users import users_create_user
    from chitter_client.models import Credentials, NewPeep, NewUser

    from models.chitter import Peep

    base = f"{live_server}/chitter"
    signed_up = users_create_user.sync_detailed(client=clients(chitter_client, base),
                                                body=NewUser(handle="kay", password="mypassword"))
    assert (signed_up.status_code, signed_up.parsed.handle) == (201, "kay")
    session = sessions_create_session.sync_detailed(client=clients(chitter_client, base),
                                                    body=Credentials(handle="kay", password="mypassword"))
    assert session.status_code == 201 and session.parsed.user_id == signed_up.parsed.id
    kay = clients(chitter_client, base, token=f"token={session.parsed.session_key}", prefix="Token")

    created = peeps_create_peep.sync_detailed(client=kay, body=NewPeep(user_id=session.parsed.user_id, body="hi :)"))
    assert created.status_code == 201
    assert (created.parsed.body, created.parsed.user.handle, created.parsed.likes) == ("hi :)", "kay", [])
    read = peeps_get_peep.sync_detailed(created.parsed.id, client=clients(chitter_client, base))
    assert read.status_code == 200 and read.parsed.to_dict() == created.parsed.to_dict()

    assert peeps_delete_peep.sync_detailed(created.parsed.id, client=kay).status_code == 204
    assert not Peep.select().where(Peep.id == created.parsed.id).exists()
    assert peeps_get_peep.sync_detailed(created.parsed.id, client=kay).status_code == 404


def test_bucketlist_story(sdks, live_server, fresh_state, clients):
    import bucket_list_client as bucketlist
    from bucket_list_client.api.auth import auth_login, auth_register
    from bucket_list_client.api.buckets import buckets_create_bucket, buckets_delete_bucket, buckets_get_bucket
    from bucket_list_client.models import Login, NewBucket, Registration

    from models.bucketlist import Bucket

    base, email = f"{live_server}/bucketlist", "kay@example.com"
    registered = auth_register.sync_detailed(client=clients(bucketlist, base),
                                             body=Registration(email=email, password="123456"))
    assert (registered.status_code, registered.parsed.status.value) == (201, "success")
    logged_in = auth_login.sync_detailed(client=clients(bucketlist, base), body=Login(email=email, password="123456"))
    assert logged_in.status_code == 200
    kay = clients(bucketlist, base, token=logged_in.parsed.auth_token)

    created = buckets_create_bucket.sync_detailed(client=kay, body=NewBucket(name="Travel"))
    assert (created.status_code, created.parsed.name) == (201, "Travel")
    read = buckets_get_bucket.sync_detailed(str(created.parsed.id), client=kay)
    assert read.status_code == 200
    assert (read.parsed.bucket.id, read.parsed.bucket.name) == (created.parsed.id, "Travel")

    deleted = buckets_delete_bucket.sync_detailed(str(created.parsed.id), client=kay)
    assert (deleted.status_code, deleted.parsed.status.value) == (200, "success")
    assert not Bucket.select().where(Bucket.id == created.parsed.id).exists()
    assert buckets_get_bucket.sync_detailed(str(created.parsed.id), client=kay).status_code == 404


def test_things_story(sdks, live_server, fresh_state, clients):
    import things_client
    from things_client.api.login import tokens_create_token
    from things_client.api.stuff import stuff_create_thing, stuff_delete_thing, stuff_list_stuff
    from things_client.api.users import users_create_user
    from things_client.models import Credentials, NewThing, NewUser

    base = f"{live_server}/things"
    signed_up = users_create_user.sync_detailed(client=clients(things_client, base),
                                                body=NewUser(username="kay", password="secret-password"))
    assert signed_up.status_code == 201, signed_up.content
    assert signed_up.parsed.name == "kay"
    logged_in = tokens_create_token.sync_detailed(client=clients(things_client, base),
                                                  body=Credentials(username="kay", password="secret-password"))
    assert logged_in.status_code == 200 and logged_in.parsed.id == signed_up.parsed.id
    # The original documents `Authentication: bearer TOKEN`; Authorization works too.
    kay = clients(things_client, base, token=logged_in.parsed.token, prefix="bearer", auth_header_name="Authentication")

    lamp = NewThing(name="lamp")
    lamp["colour"] = "red"
    created = stuff_create_thing.sync_detailed(client=kay, body=lamp)
    assert created.status_code == 201
    assert (created.parsed.name, created.parsed["colour"]) == ("lamp", "red")
    listed = stuff_list_stuff.sync_detailed(client=kay)
    assert listed.status_code == 200 and [thing.to_dict() for thing in listed.parsed] == [created.parsed.to_dict()]

    assert stuff_delete_thing.sync_detailed(created.parsed.id, client=kay).status_code == 200
    assert stuff_list_stuff.sync_detailed(client=kay).parsed == []


def test_cassie_story(sdks, live_server, fresh_state, clients):
    import cassie_client
    from cassie_client.api.account import login_log_in
    from cassie_client.api.casties import casties_create_castie
    from cassie_client.api.comments import comments_create_comment, comments_delete_comment, comments_list_comments
    from cassie_client.api.groups import groups_follow_group
    from cassie_client.api.sign_up import signup_check_email, signup_set_handle, signup_set_password, signup_set_picture
    from cassie_client.models import (
        CastieForm,
        CastieFormAnswerType,
        CastieFormPollType,
        CommentForm,
        EmailForm,
        HandleForm,
        LoginForm,
        NoPictureForm,
        PasswordForm,
    )

    from handlers.cassie import configured_key
    from models.cassie import Comment
    from tests.cassie.helpers import create_group

    base, email, key = f"{live_server}/cassie", "kay@example.com", configured_key()
    app_only = clients(cassie_client, base, token=key, prefix="", auth_header_name="Api-Key")
    assert signup_check_email.sync_detailed(client=app_only, body=EmailForm(email=email)).status_code == 200
    created = signup_set_password.sync_detailed(client=app_only, body=PasswordForm(email=email, password="pw-123456"))
    assert (created.status_code, created.parsed.email) == (200, email)
    handle = HandleForm(email=email, first_name="Kay", last_name="Tester", handle="kay")
    assert signup_set_handle.sync_detailed(client=app_only, body=handle).status_code == 200
    done = signup_set_picture.sync_detailed(client=app_only, body=NoPictureForm(email=email, handle="kay"))
    assert done.status_code == 200

    basic = base64.b64encode(f"{email}:pw-123456".encode()).decode()
    kay = clients(cassie_client, base, token=basic, prefix="Basic", headers={"Api-Key": key})
    logged_in = login_log_in.sync_detailed(client=kay, body=LoginForm())
    assert (logged_in.status_code, logged_in.parsed.profile_handle) == (200, "kay")
    create_group("weather", "Boston Weather")
    assert groups_follow_group.sync_detailed("weather", client=kay).status_code == 200
    closes = (utc_now() + timedelta(days=2)).strftime("%Y-%m-%d")
    castie = casties_create_castie.sync_detailed(client=kay, body=CastieForm(
        group_slug="weather", poll_type=CastieFormPollType.REGULAR, question="Will it rain tomorrow?",
        answer_type=CastieFormAnswerType.SET_ANSWER_OPTIONS, display_created_by=True,
        closes_on_date=closes, closes_on_time="12:00", answer_option=["Yes", "No"]))  # fmt: skip
    assert castie.status_code == 200

    uuid = castie.parsed.castie_uuid
    comment = comments_create_comment.sync_detailed(uuid, client=kay, body=CommentForm(comment_text="Rain, surely"))
    assert (comment.status_code, comment.parsed.handle, comment.parsed.comment_text) == (200, "kay", "Rain, surely")
    listed = comments_list_comments.sync_detailed(uuid, client=kay)
    assert listed.status_code == 200 and listed.parsed.number_comments == 1
    assert comments_delete_comment.sync_detailed(comment.parsed.comment_uuid, client=kay).status_code == 200
    assert not Comment.select().where(Comment.uuid == comment.parsed.comment_uuid).exists()
    assert comments_list_comments.sync_detailed(uuid, client=kay).parsed.number_comments == 0


def test_peerly_story(sdks, live_server, fresh_state, clients):
    import peerly_client
    from peerly_client.api.core_values import core_values_create_core_value
    from peerly_client.api.recognitions import recognitions_create_recognition, recognitions_get_recognition
    from peerly_client.api.sessions import sessions_google_login
    from peerly_client.api.users import users_delete_user
    from peerly_client.models import GoogleLogin, NewCoreValue, NewRecognition

    from models.peerly import ORGANISATION_ADMIN, User
    from tests.peerly.helpers import google_in_place, make_org

    base, acme = f"{live_server}/peerly", make_org("acme.test", name="Acme", hi5_limit=5)
    # An admin is made by another admin; here, straight in the database. Kay's first login
    # creates her as an Employee.
    User.create(org=acme, email="ada@acme.test", first_name="Ada", role_id=ORGANISATION_ADMIN, hi5_quota_balance=5)

    def log_in(google, email: str):
        google.knows(f"google-token-for-{email}", email, given_name=email.split("@")[0].title())
        answer = sessions_google_login.sync_detailed(client=clients(peerly_client, base),
                                                     body=GoogleLogin(access_token=f"google-token-for-{email}"))
        assert answer.status_code == 200, answer.content
        return clients(peerly_client, base, token=answer.parsed.data.token)

    with google_in_place() as google:
        ada, kay = log_in(google, "ada@acme.test"), log_in(google, "kay@acme.test")
    kay_id = User.get(User.email == "kay@acme.test").id

    value = core_values_create_core_value.sync_detailed(client=ada, body=NewCoreValue(text="Teamwork",
                                                                                      description="Together"))
    assert (value.status_code, value.parsed.data.text, value.parsed.data.org_id) == (201, "Teamwork", acme.id)
    given = recognitions_create_recognition.sync_detailed(client=ada, body=NewRecognition(
        given_for=kay_id, core_value_id=value.parsed.data.id, text="Thanks for the help!"))  # fmt: skip
    assert given.status_code == 201 and given.parsed.data.given_for == kay_id
    read = recognitions_get_recognition.sync_detailed(given.parsed.data.id, client=kay)
    assert read.status_code == 200
    assert (read.parsed.data.text, read.parsed.data.core_value.id) == ("Thanks for the help!", value.parsed.data.id)
    assert read.parsed.data.coreValue.text == "Teamwork"  # the model renamed by a transform in scripts/_sdk.py

    assert users_delete_user.sync_detailed(kay_id, client=ada).status_code == 200
    assert User.get_by_id(kay_id).soft_delete_at is not None
    assert recognitions_get_recognition.sync_detailed(given.parsed.data.id, client=kay).status_code == 401
