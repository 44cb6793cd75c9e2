import dataclasses
from datetime import timedelta

import jwt
import pytest

from conftest import TEST_SECRET
from core.config import Config, ConfigError, activate, active
from core.security import issue_jwt
from models.base import utc_now
from models.peerly import EMPLOYEE, MODERATOR, User
from models.service import RevokedToken
from tests.peerly.helpers import ACCEPT, UNAUTHORIZED, URL, closed_port_url, error, log_in, userinfo_url

LOGIN = f"{URL}/oauth/google"
ME = f"{URL}/users/me"


def claims_of(token: str) -> dict:
    return jwt.decode(token, TEST_SECRET, algorithms=["HS256"], audience="peerly.com", issuer="node.peerly.com")


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# --- logging in -----------------------------------------------------------------------


def test_first_login_creates_an_employee_named_as_google_names_them(client, google, acme):
    google.knows(
        "tok",
        "Kay.Sharma@ACME.test",
        given_name="Kay",
        family_name="Sharma",
        name="Kay S.",
        picture="https://lh3.googleusercontent.com/a/kay",
    )

    response = client.post(LOGIN, json={"access_token": "tok"}, headers=ACCEPT)

    assert response.status_code == 200
    assert list(response.json()) == ["data"] and list(response.json()["data"]) == ["token"]
    user = User.get()
    assert (user.email, user.first_name, user.last_name, user.display_name) == (
        "kay.sharma@acme.test",
        "Kay",
        "Sharma",
        "Kay S.",
    )
    assert user.profile_image_url == "https://lh3.googleusercontent.com/a/kay"
    assert (user.org_id, user.role_id, user.hi5_quota_balance) == (acme.id, EMPLOYEE, 5)


def test_login_asks_google_with_the_access_token_as_a_bearer_token(client, google, acme):
    log_in(client, google, "kay@acme.test")

    assert google.requests == [
        {"path": "/oauth2/v1/userinfo", "authorization": "Bearer google-token-for-kay@acme.test"}
    ]


def test_the_token_carries_exactly_the_original_claims_and_a_jti(client, google, acme):
    token = log_in(client, google, "kay@acme.test")

    claims = claims_of(token)
    user = User.get()
    assert set(claims) == {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "https://peerly.com"}
    assert claims["iss"] == "node.peerly.com" and claims["aud"] == "peerly.com"
    assert claims["sub"] == str(user.id)
    assert claims["https://peerly.com"] == {"roleId": EMPLOYEE, "orgId": acme.id, "orgName": "Acme"}
    assert claims["exp"] - claims["iat"] == 10000 and claims["nbf"] == claims["iat"]


def test_a_later_login_keeps_the_user_and_their_role(client, google, acme):
    User.create(org=acme, email="mo@acme.test", first_name="Mo", role_id=MODERATOR, hi5_quota_balance=2)

    token = log_in(client, google, "mo@acme.test", given_name="Someone else")

    user = User.get()
    assert User.select().count() == 1
    assert (user.first_name, user.role_id, user.hi5_quota_balance) == ("Mo", MODERATOR, 2)
    assert claims_of(token)["https://peerly.com"]["roleId"] == MODERATOR


def test_login_ignores_the_authorization_header_the_original_client_sends(client, google, acme):
    google.knows("tok", "kay@acme.test")

    response = client.post(LOGIN, json={"access_token": "tok"}, headers={"Authorization": "Bearer undefined"})

    assert response.status_code == 200


def test_login_accepts_a_form_encoded_body(client, google, acme):
    google.knows("tok", "kay@acme.test")

    response = client.post(LOGIN, data={"access_token": "tok"})

    assert response.status_code == 200


def test_a_name_google_leaves_out_comes_from_the_email(client, google, acme):
    log_in(client, google, "kay@acme.test")

    user = User.get()
    assert (user.first_name, user.last_name, user.display_name, user.profile_image_url) == ("kay", "", None, None)


def test_login_from_a_domain_no_organisation_has_is_unauthorized(client, google, acme):
    google.knows("tok", "kay@gmail.com")

    response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert User.select().count() == 0


def test_login_of_a_deleted_user_is_unauthorized(client, google, acme):
    User.create(
        org=acme,
        email="kay@acme.test",
        first_name="Kay",
        role_id=EMPLOYEE,
        hi5_quota_balance=5,
        soft_delete_at=utc_now(),
    )
    google.knows("tok", "kay@acme.test")

    response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize("status", [400, 401, 403])
def test_a_token_google_refuses_is_unauthorized(client, google, acme, status):
    google.fails("tok", status)

    response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_an_unverified_google_email_is_unauthorized(client, google, acme):
    google.knows("tok", "kay@acme.test", verified_email=False)

    assert client.post(LOGIN, json={"access_token": "tok"}).status_code == 401


def test_google_failing_is_a_bad_gateway(client, google, acme):
    google.fails("tok", 503)

    response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 502
    assert response.json() == error("google-unavailable", "Google could not be reached to check the token")


def test_google_unreachable_is_a_bad_gateway(client, acme):
    with userinfo_url(closed_port_url()):  # the running app's setting: never Google's real endpoint
        response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 502
    assert response.json() == error("google-unavailable", "Google could not be reached to check the token")


def test_google_not_answering_within_5_seconds_is_a_bad_gateway(client, google, acme):
    google.knows("tok", "kay@acme.test")
    google.fails("tok", 200, wait=5.5)

    response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 502
    assert User.select().count() == 0


@pytest.mark.parametrize(
    "body, fields",
    [
        ({}, {"access_token": "required"}),
        ({"access_token": None}, {"access_token": "required"}),
        ({"access_token": "with space"}, {"access_token": "should be a token"}),
        ({"access_token": "t" * 4097}, {"access_token": "must be at most 4096 characters"}),
        ({"access_token": "tok", "extra": 1}, {"extra": "is not allowed"}),
    ],
)
def test_login_without_a_usable_access_token_is_invalid(client, google, body, fields):
    response = client.post(LOGIN, json=body)

    assert response.status_code == 400
    assert response.json() == error("invalid_data", "Please provide valid form data", **fields)
    assert google.requests == []


# --- tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("accept", [None, "application/vnd.peerly.v1", "application/json", "text/html", "*/*"])
def test_any_accept_header_is_served_v1(client, employee, accept):
    headers = bearer(employee.token) | ({"Accept": accept} if accept else {})

    response = client.get(ME, headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"


def forged(employee, **changes) -> str:
    """A correctly signed token of `employee`, with some claims changed (None: left out)."""
    peerly = {"roleId": employee.role_id, "orgId": employee.org_id, "orgName": "Acme"}
    claims = {"iss": "node.peerly.com", "aud": "peerly.com", "https://peerly.com": peerly, **changes}
    subject = claims.pop("sub", str(employee.id))
    return issue_jwt(subject, timedelta(minutes=5), **{k: v for k, v in claims.items() if v is not None})


@pytest.mark.parametrize(
    "changes",
    [
        {"iss": "node.example.com"},
        {"aud": "example.com"},
        {"iss": None},
        {"aud": None},
        {"https://peerly.com": None},
        {"https://peerly.com": {"roleId": "3", "orgId": 1, "orgName": "Acme"}},
        {"https://peerly.com": {"roleId": 1, "orgId": 1, "orgName": "Acme"}},  # not the user's role
        {"sub": "999"},
        {"sub": "me"},
    ],
    ids=[
        "issuer",
        "audience",
        "no-issuer",
        "no-audience",
        "no-peerly-claim",
        "string-role",
        "other-role",
        "unknown-user",
        "non-numeric-subject",
    ],
)
def test_a_token_whose_claims_do_not_check_out_is_unauthorized(client, employee, changes):
    response = client.get(ME, headers=bearer(forged(employee, **changes)))

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_an_expired_token_is_unauthorized(client, employee):
    peerly = {"roleId": EMPLOYEE, "orgId": employee.org_id, "orgName": "Acme"}
    token = issue_jwt(
        str(employee.id),
        timedelta(seconds=-1),
        iss="node.peerly.com",
        aud="peerly.com",
        **{"https://peerly.com": peerly},
    )

    assert client.get(ME, headers=bearer(token)).status_code == 401


def test_a_token_signed_with_another_key_is_unauthorized(client, employee):
    claims = {**claims_of(employee.token)}
    token = jwt.encode(claims, "another-secret-key-of-at-least-32-bytes", algorithm="HS256")

    assert client.get(ME, headers=bearer(token)).status_code == 401


@pytest.mark.parametrize("header", ["", "Bearer", "Token {token}", "{token}", "Basic {token}", "Bearer x.y.z"])
def test_a_missing_or_malformed_authorization_is_unauthorized(client, employee, header):
    response = client.get(ME, headers={"Authorization": header.format(token=employee.token)} if header else {})

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_a_role_change_ends_the_users_sessions(client, employee):
    User.update(role_id=MODERATOR).where(User.id == employee.id).execute()

    assert client.get(ME, headers=employee.auth).status_code == 401


def test_deleting_a_user_ends_their_sessions(client, employee):
    User.update(soft_delete_at=utc_now()).where(User.id == employee.id).execute()

    assert client.get(ME, headers=employee.auth).status_code == 401


# --- logging out ----------------------------------------------------------------------


def test_logout_answers_200_with_no_body_and_denies_the_token(client, employee):
    response = client.post(f"{URL}/logout", headers=employee.auth)

    assert response.status_code == 200
    assert response.content == b""
    assert RevokedToken.select().where(RevokedToken.jti == claims_of(employee.token)["jti"]).exists()
    assert client.get(ME, headers=employee.auth).json() == UNAUTHORIZED


def test_a_second_logout_is_unauthorized(client, employee):
    client.post(f"{URL}/logout", headers=employee.auth)

    response = client.post(f"{URL}/logout", headers=employee.auth)

    assert response.status_code == 401


def test_logout_ends_only_that_token(client, google, employee):
    other_token = log_in(client, google, employee.email)

    client.post(f"{URL}/logout", headers=employee.auth)

    assert client.get(ME, headers=bearer(other_token)).status_code == 200


def test_logout_without_a_token_is_unauthorized(client):
    response = client.post(f"{URL}/logout")

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


# --- settings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"PEERLY_GOOGLE_USERINFO_URL": "googleapis.com/userinfo"}, "PEERLY_GOOGLE_USERINFO_URL="),
        ({"PEERLY_TOKEN_TTL": "0"}, "PEERLY_TOKEN_TTL='0'"),
        ({"PEERLY_TOKEN_TTL": "an hour"}, "PEERLY_TOKEN_TTL='an hour'"),
    ],
)
def test_bad_peerly_settings_fail_at_start_naming_the_variable(environ, message):
    with pytest.raises(ConfigError, match=message):
        Config.from_env(environ)


def test_the_token_lifetime_is_a_setting(client, google, acme, config):
    activate(dataclasses.replace(active(), peerly_token_ttl=60))
    try:
        claims = claims_of(log_in(client, google, "kay@acme.test"))
    finally:
        activate(config)

    assert claims["exp"] - claims["iat"] == 60


# --- failing unexpectedly ---------------------------------------------------------------


def fail(*args, **kwargs):
    raise RuntimeError("the database went away")


def test_login_failing_unexpectedly_is_the_seeds_500(client, google, acme, monkeypatch):
    google.knows("tok", "kay@acme.test")
    monkeypatch.setattr("handlers.peerly.sessions.signed_in", fail)

    response = client.post(LOGIN, json={"access_token": "tok"})

    assert response.status_code == 500
    assert response.json() == error("server-error", "internal server error")
    assert User.select().count() == 0


def test_logout_failing_unexpectedly_is_the_seeds_500(client, employee, monkeypatch):
    monkeypatch.setattr("handlers.peerly.sessions.revoke", fail)

    response = client.post(f"{URL}/logout", headers=employee.auth)

    assert response.status_code == 500
    assert response.json() == error("server-error", "internal server error")
    assert not RevokedToken.select().exists()
