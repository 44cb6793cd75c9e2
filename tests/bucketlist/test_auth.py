import dataclasses
import json
from datetime import timedelta

import jwt
import pytest

from app import create_app
from conftest import TEST_SECRET
from core.security import decode_jwt, verify_password
from models.base import utc_now
from models.bucketlist import User
from models.service import RevokedToken
from tests.bucketlist.helpers import API, assert_failed, bearer, token_for

REGISTER, LOGIN, LOGOUT, RESET = (f"{API}/auth/{path}" for path in ("register", "login", "logout", "reset/password"))
BAD_FORMAT = "Missing or wrong email format or password is less than four characters"
NOT_JSON = "Content-type must be json"
EXPIRED = "Signature expired, Please sign in again"
INVALID = "Invalid token. Please sign in again"
BLACKLISTED = "Token was Blacklisted, Please login In"


# --- register -------------------------------------------------------------------------


def test_register_answers_201_with_a_token_for_the_new_user(client):
    response = client.post(REGISTER, json={"email": "Example@Gmail.com", "password": "123456"})

    assert response.status_code == 201
    body = response.json()
    assert body == {"auth_token": body["auth_token"], "message": "Successfully registered", "status": "success"}
    user = User.get()
    assert user.email == "example@gmail.com"
    assert user.password_hash != "123456" and verify_password(user.password_hash, "123456")
    claims = decode_jwt(body["auth_token"], audience="bucketlist")
    assert claims["sub"] == str(user.id)
    assert claims["exp"] - claims["iat"] == 24 * 3600  # BUCKETLIST_TOKEN_TTL's default


def test_register_accepts_a_password_of_four_characters(client):
    response = client.post(REGISTER, json={"email": "john@gmail.com", "password": "1234"})

    assert response.status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"email": "", "password": ""},
        {"email": "john", "password": "123456"},
        {"email": "john@gmail.com", "password": "123"},
        {"email": "john@gmail", "password": "123456"},
        {"password": "123456"},
        {"email": "john@gmail.com"},
        {"email": None, "password": "123456"},
        {"email": 42, "password": "123456"},
        {"email": "a" * 250 + "@g.co", "password": "123456"},
        ["john@gmail.com", "123456"],
    ],
    ids=["empty", "no-at", "short-pw", "no-dot", "no-email", "no-password", "null", "number", "too-long", "array"],
)
def test_register_with_invalid_input_answers_202_failed_as_documented(client, body):
    response = client.post(REGISTER, json=body)

    assert_failed(response, 202, BAD_FORMAT)
    assert User.select().count() == 0


def test_register_an_existing_email_in_any_case_is_refused(client, member):
    response = client.post(REGISTER, json={"email": "EXAMPLE@gmail.com", "password": "another"})

    assert_failed(response, 400, "Failed, User already exists, Please sign In")
    assert User.select().count() == 1
    assert verify_password(User.get().password_hash, "123456")


def test_register_with_a_body_that_is_not_json_is_refused(client):
    response = client.post(REGISTER, content="email=john@gmail.com", headers={"Content-Type": "text/plain"})

    assert_failed(response, 400, NOT_JSON)
    assert User.select().count() == 0


def test_register_with_malformed_json_is_a_bad_request(client):
    response = client.post(REGISTER, content='{"email": ', headers={"Content-Type": "application/json"})

    assert_failed(response, 400, "Bad Request")


# --- login ----------------------------------------------------------------------------


def test_login_answers_a_new_working_token(client, member):
    response = client.post(LOGIN, json={"email": "example@gmail.com", "password": "123456"})

    assert response.status_code == 200
    body = response.json()
    assert body == {"auth_token": body["auth_token"], "message": "Successfully logged In", "status": "success"}
    assert body["auth_token"] != member.token
    assert client.get(f"{API}/bucketlists", headers=bearer(body["auth_token"])).status_code == 200


def test_login_compares_emails_ignoring_case(client, member):
    response = client.post(LOGIN, json={"email": "Example@GMAIL.com", "password": "123456"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "body", [{"email": "johngmail.com", "password": "123456"}, {"email": "example@gmail.com", "password": "123"}, {}]
)
def test_login_with_malformed_credentials_is_401(client, member, body):
    assert_failed(client.post(LOGIN, json=body), 401, BAD_FORMAT)


@pytest.mark.parametrize(
    "email, password", [("nobody@gmail.com", "123456"), ("example@gmail.com", "1234567")], ids=["unknown", "wrong"]
)
def test_login_with_wrong_credentials_is_401_alike(client, member, email, password):
    response = client.post(LOGIN, json={"email": email, "password": password})

    assert_failed(response, 401, "User does not exist or password is incorrect")


def test_login_with_a_body_that_is_not_json_is_refused(client, member):
    response = client.post(LOGIN, content="{}", headers={"Content-Type": "application/javascript"})

    assert_failed(response, 400, NOT_JSON)


# --- logout ---------------------------------------------------------------------------


def test_logout_denies_the_token_from_then_on(client, member):
    response = client.post(LOGOUT, headers=member.auth)

    assert response.status_code == 200
    assert response.json() == {"message": "Successfully logged out", "status": "success"}
    jti = decode_jwt(member.token, audience="bucketlist")["jti"]
    assert RevokedToken.select().where(RevokedToken.jti == jti).exists()
    assert_failed(client.get(f"{API}/bucketlists", headers=member.auth), 401, BLACKLISTED)


def test_logout_twice_is_refused_the_second_time(client, member):
    assert client.post(LOGOUT, headers=member.auth).status_code == 200

    assert_failed(client.post(LOGOUT, headers=member.auth), 401, BLACKLISTED)


def test_logout_ends_only_that_token(client, member):
    other = client.post(LOGIN, json={"email": member.email, "password": member.password}).json()["auth_token"]

    client.post(LOGOUT, headers=member.auth)

    assert client.get(f"{API}/bucketlists", headers=bearer(other)).status_code == 200


@pytest.mark.parametrize("headers", [{}, {"Authorization": ""}], ids=["absent", "empty"])
def test_logout_without_an_authorization_header_is_403(client, headers):
    assert_failed(client.post(LOGOUT, headers=headers), 403, "Provide an authorization header")


def test_logout_with_a_header_without_a_space_is_403(client):
    response = client.post(LOGOUT, headers={"Authorization": "Bearersdfsdvfj.bvdfvbdfxcvxcxcv"})

    assert_failed(response, 403, "Provide a valid auth token")


def test_logout_with_an_expired_token_is_401(client, member):
    expired = token_for(member.id, timedelta(seconds=-1))

    assert_failed(client.post(LOGOUT, headers=bearer(expired)), 401, EXPIRED)
    assert RevokedToken.select().count() == 0


def test_logout_with_an_invalid_token_is_401(client):
    assert_failed(client.post(LOGOUT, headers=bearer("fgghjkljkhjvhbjn.sdfsdgfgfg")), 401, INVALID)


def test_logout_forgets_denied_tokens_that_have_expired(client, member):
    RevokedToken.create(jti="long-gone", expires_at=utc_now() - timedelta(minutes=1))

    client.post(LOGOUT, headers=member.auth)

    assert [t.jti for t in RevokedToken.select()] == [decode_jwt(member.token, audience="bucketlist")["jti"]]


def test_a_logged_out_token_stays_denied_after_a_restart_and_in_every_worker(client, config, member):
    client.post(LOGOUT, headers=member.auth)

    restarted = create_app(dataclasses.replace(config))  # another process would share only the database
    with restarted.test_client() as other_worker:
        response = other_worker.get(f"{API}/bucketlists", headers=member.auth)

    assert_failed(response, 401, BLACKLISTED)


# --- the token on protected routes ----------------------------------------------------

PROTECTED = [
    ("GET", "/bucketlists"),
    ("POST", "/bucketlists"),
    ("GET", "/bucketlists/1"),
    ("PUT", "/bucketlists/1"),
    ("DELETE", "/bucketlists/1"),
    ("GET", "/bucketlists/1/items"),
    ("POST", "/bucketlists/1/items"),
    ("GET", "/bucketlists/1/items/1"),
    ("PUT", "/bucketlists/1/items/1"),
    ("DELETE", "/bucketlists/1/items/1"),
    ("POST", "/auth/reset/password"),
]


@pytest.mark.parametrize("method, path", PROTECTED)
def test_every_protected_route_without_a_header_says_token_is_missing(client, method, path):
    assert_failed(client.request(method, API + path, json={}), 401, "Token is missing")


@pytest.mark.parametrize("method, path", PROTECTED)
def test_every_protected_route_with_a_header_without_a_space_is_403(client, method, path):
    response = client.request(method, API + path, json={}, headers={"Authorization": "Bearerfgghjkljkhjvhbjn"})

    assert_failed(response, 403, "Provide a valid auth token")


@pytest.mark.parametrize(
    "token",
    [
        "fgghjkljkhjvhbjn.sdfsdgfgfg",
        jwt.encode({"sub": "1", "exp": 9999999999, "iat": 0, "nbf": 0, "jti": "x", "aud": "bucketlist"},
                   "another-key-that-is-32-bytes-long!", "HS256"),
    ],
    ids=["garbage", "other-key"],
)
def test_an_invalid_token_is_401(client, token):
    assert_failed(client.get(f"{API}/bucketlists", headers=bearer(token)), 401, INVALID)


def test_a_token_of_another_api_is_invalid_here(client, member):
    foreign = jwt.encode(
        {"sub": str(member.id), "exp": 9999999999, "iat": 0, "nbf": 0, "jti": "x", "aud": "peerly.com"},
        TEST_SECRET, "HS256",
    )

    assert_failed(client.get(f"{API}/bucketlists", headers=bearer(foreign)), 401, INVALID)


def test_an_expired_token_is_401(client, member):
    expired = token_for(member.id, timedelta(seconds=-1))

    assert_failed(client.get(f"{API}/bucketlists", headers=bearer(expired)), 401, EXPIRED)


def test_an_empty_token_after_the_space_is_missing(client):
    response = client.get(f"{API}/bucketlists", headers={"Authorization": "Bearer  token-after-two-spaces"})

    assert_failed(response, 401, "Token is missing")


def test_the_scheme_word_is_not_checked(client, member):
    response = client.get(f"{API}/bucketlists", headers={"Authorization": f"Token {member.token}"})

    assert response.status_code == 200


def test_a_token_of_a_user_who_no_longer_exists_is_invalid(client, member):
    User.delete().where(User.id == member.id).execute()

    assert_failed(client.get(f"{API}/bucketlists", headers=member.auth), 401, INVALID)


def test_the_token_is_checked_before_the_body(client, member):
    client.post(LOGOUT, headers=member.auth)

    response = client.post(f"{API}/bucketlists", json={"name": ""}, headers=member.auth)

    assert_failed(response, 401, BLACKLISTED)


# --- reset password -------------------------------------------------------------------


def reset(client, account, old="123456", new="987654", confirmation="987654", **kwargs):
    body = {"oldPassword": old, "newPassword": new, "passwordConfirmation": confirmation}
    return client.post(RESET, json=body, headers=account.auth, **kwargs)


def test_reset_password_changes_the_password(client, member):
    response = reset(client, member)

    assert response.status_code == 200
    assert response.json() == {"message": "Password reset successfully", "status": "success"}
    assert client.post(LOGIN, json={"email": member.email, "password": "987654"}).status_code == 200
    assert client.post(LOGIN, json={"email": member.email, "password": "123456"}).status_code == 401


def test_reset_password_ends_every_token_issued_before_it(client, member):
    """The original answers no new token, so the one that made the reset ends too."""
    other_device = client.post(LOGIN, json={"email": member.email, "password": "123456"}).json()["auth_token"]
    assert reset(client, member).status_code == 200

    for token in (member.token, other_device):
        response = client.get(f"{API}/bucketlists", headers=bearer(token))
        assert_failed(response, 401, "Invalid token. Please sign in again")
    fresh = client.post(LOGIN, json={"email": member.email, "password": "987654"}).json()["auth_token"]
    assert client.get(f"{API}/bucketlists", headers=bearer(fresh)).status_code == 200


def test_a_token_without_a_password_stamp_is_refused(client, member):
    assert_failed(client.get(f"{API}/bucketlists", headers=bearer(token_for(member.id))), 401,
                  "Invalid token. Please sign in again")


def test_reset_password_with_the_wrong_current_password_is_401(client, member):
    assert_failed(reset(client, member, old="1234567"), 401, "Incorrect password")
    assert verify_password(User.get_by_id(member.id).password_hash, "123456")


@pytest.mark.parametrize("missing", ["oldPassword", "newPassword", "passwordConfirmation"])
def test_reset_password_without_every_field_is_refused(client, member, missing):
    body = {"oldPassword": "123456", "newPassword": "987654", "passwordConfirmation": "987654"}
    del body[missing]

    assert_failed(client.post(RESET, json=body, headers=member.auth), 400, "Missing required attributes")


def test_reset_password_with_differing_new_passwords_is_refused(client, member):
    assert_failed(reset(client, member, confirmation="98765"), 400, "New Passwords do not match")


def test_reset_password_needs_more_than_four_characters(client, member):
    response = reset(client, member, new="0987", confirmation="0987")

    assert_failed(response, 400, "New password should be greater than four characters long")
    assert verify_password(User.get_by_id(member.id).password_hash, "123456")


def test_reset_password_with_a_body_that_is_not_json_is_refused(client, member):
    response = client.post(RESET, content="x", headers={**member.auth, "Content-Type": "text/plain"})

    assert_failed(response, 400, "Content type must be json")  # the original's words here


def test_register_with_an_email_a_database_cannot_store_is_invalid_input(client):
    body = json.dumps({"email": "x\ud800@gmail.com", "password": "123456"})  # ASCII, escaped

    response = client.post(REGISTER, content=body, headers={"Content-Type": "application/json"})

    assert_failed(response, 202, "Missing or wrong email format or password is less than four characters")
    assert User.select().count() == 0


def test_token_lifetime_is_a_setting(client, settings):
    settings(bucketlist_token_ttl=60)

    token = client.post(REGISTER, json={"email": "john@gmail.com", "password": "123456"}).json()["auth_token"]

    claims = decode_jwt(token, audience="bucketlist")
    assert claims["exp"] - claims["iat"] == 60


# --- emails that impersonate others ---------------------------------------------------

WRONG_FORMAT = "Missing or wrong email format or password is less than four characters"
DECEPTIVE = {
    "zero-width space": "kay\u200b@example.com",
    "byte order mark": "\ufeffkay@example.com",
    "right-to-left override": "kay\u202e@example.com",
    "C1 control character": "kay\u0080@example.com",
    "Cyrillic а among Latin letters": "k\u0430y@example.com",
}


@pytest.mark.parametrize("email", DECEPTIVE.values(), ids=DECEPTIVE.keys())
def test_an_email_with_hidden_or_mixed_script_letters_is_a_wrong_format(client, email):
    body = {"email": email, "password": "123456"}

    assert_failed(client.post(REGISTER, json=body), 202, WRONG_FORMAT)
    assert_failed(client.post(LOGIN, json=body), 401, WRONG_FORMAT)
    assert User.select().count() == 0


def test_an_email_is_one_account_in_any_case_or_width(client, member):
    taken = client.post(REGISTER, json={"email": "ＥＸＡＭＰＬＥ@Gmail.com", "password": "123456"})

    assert_failed(taken, 400, "Failed, User already exists, Please sign In")
    login = client.post(LOGIN, json={"email": "Example@ＧＭＡＩＬ.com", "password": "123456"})
    assert login.status_code == 200
    assert User.get_by_id(member.id).email == "example@gmail.com"
