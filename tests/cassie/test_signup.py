"""Sign-up, step by step: email, password, handle, picture; and abandoning it."""

from urllib.parse import quote

import pytest

from core.security import verify_password
from models.cassie import User
from tests.cassie.helpers import Member, error, get, image_bytes, ok, post, sign_up

EMAIL_TAKEN = (
    "the email address provided is already associated with a Cassie account. it cannot be used to create a new account."
)
NO_SIGNUP = "no account is signing up with this email address"


def start(client, email="myemail@gmail.com", password="mypassword"):
    return ok(post(client, "/signup/password/", data={"email": email, "password": password}))


def name(client, email="myemail@gmail.com", handle="myhandle"):
    fields = {"email": email, "handle": handle, "first_name": "Steph", "last_name": "Socias"}
    return post(client, "/signup/handle/", data=fields)


def test_email_step_answers_the_email_and_stores_nothing(client):
    body = ok(post(client, "/signup/email/", data={"email": "MyEmail@gmail.com"}))

    message = "email is unique- proceed to the password screen"
    assert body == {"status": 200, "email": "myemail@gmail.com", "message": message}
    assert User.select().count() == 0


def test_email_step_rejects_an_email_in_use_in_any_case(client, steph):
    response = post(client, "/signup/email/", data={"email": "STEPH@example.com"})

    assert error(response, 400, "email_not_unique", EMAIL_TAKEN) == {
        "status": 400, "error_type": "email_not_unique", "error_message": EMAIL_TAKEN,
    }


@pytest.mark.parametrize("data, error_type, message", [
    ({"email": "not-an-email"}, "account_not_created", "email is not a valid email address"),
    ({"email": "a@b.co", "extra": "1"}, "account_not_created", "extra is not allowed"),
    ({"mail": "a@b.co"}, "missing_request_data", None),
])
def test_email_step_rejects_malformed_requests(client, data, error_type, message):
    error(post(client, "/signup/email/", data=data), 400, error_type, message)


def test_password_step_creates_an_incomplete_user_with_a_hashed_password(client):
    body = start(client, "MyEmail@gmail.com")

    assert body == {"status": 200, "email": "myemail@gmail.com", "username": "myemail@gmail.com",
                    "message": "User has been created. proceed to the name screen."}
    user = User.get(User.email == "myemail@gmail.com")
    assert not user.is_active and user.handle is None
    assert user.password_hash != "mypassword" and verify_password(user.password_hash, "mypassword")


def test_password_step_needs_four_characters(client):
    short = post(client, "/signup/password/", data={"email": "a@b.co", "password": "abc"})

    error(short, 400, "account_not_created", "password must be at least 4 characters")
    assert User.select().count() == 0
    assert start(client, "a@b.co", "abcd")["email"] == "a@b.co"


def test_password_step_rejects_a_taken_email(client):
    start(client)

    response = post(client, "/signup/password/", data={"email": "myemail@gmail.com", "password": "other"})

    error(response, 400, "email_not_unique", EMAIL_TAKEN)
    assert User.select().count() == 1


def test_handle_step_sets_names_and_handle(client):
    start(client)

    body = ok(name(client))

    assert body == {"status": 200, "handle": "myhandle", "message": "proceed to the picture screen"}
    user = User.get(User.email == "myemail@gmail.com")
    assert (user.handle, user.first_name, user.last_name, user.is_active) == ("myhandle", "Steph", "Socias", False)


def test_handle_step_rejects_a_taken_handle_with_the_documented_typo(client, steph):
    start(client)

    response = name(client, handle="steph")

    error(response, 400, "handle_not_unique", "the hanlde provided is already associated with a Cassie account")
    assert User.get(User.email == "myemail@gmail.com").handle is None


@pytest.mark.parametrize("handle, message", [
    ("ab", "handle must be at least 3 characters"),
    ("my@handle", "handle may contain only ASCII characters, none of @ / \\ or spaces"),
    ("a/b", "handle may contain only ASCII characters, none of @ / \\ or spaces"),
    ("a\\b", "handle may contain only ASCII characters, none of @ / \\ or spaces"),
    ("my handle", "handle may contain only ASCII characters, none of @ / \\ or spaces"),
    ("h\u00e9llo", "handle may contain only ASCII characters, none of @ / \\ or spaces"),
])
def test_handle_step_rejects_malformed_handles(client, handle, message):
    start(client)

    error(name(client, handle=handle), 400, "account_not_created", message)


def test_a_handle_may_hold_any_other_printable_ascii_and_is_reachable_by_url(client):
    start(client)
    ok(name(client, handle="T.J-298!?#%&"))
    ok(post(client, "/signup/picture/", data={"email": "myemail@gmail.com", "handle": "T.J-298!?#%&"}))
    member = Member(User.get(User.email == "myemail@gmail.com").id, "T.J-298!?#%&", "myemail@gmail.com", "mypassword")

    body = ok(get(client, f"/profile/{quote('T.J-298!?#%&', safe='')}/stats/", member))

    assert body["profileInfo"]["handle"] == "T.J-298!?#%&"


def test_handle_step_needs_an_account_signing_up(client, steph):
    error(name(client, email="nobody@example.com"), 400, "invalid_request", NO_SIGNUP)
    error(name(client, email=steph.email, handle="stolen"), 400, "invalid_request", NO_SIGNUP)
    assert User.get_by_id(steph.id).handle == "steph"


def test_picture_step_without_a_picture_completes_the_account(client):
    start(client)
    ok(name(client))

    response = post(client, "/signup/picture/", data={"email": "myemail@gmail.com", "handle": "myhandle"})

    assert ok(response) == {"status": 200, "email": "myemail@gmail.com", "handle": "myhandle",
                            "message": "Sign up complete- now show me the home page"}
    user = User.get(User.handle == "myhandle")
    assert user.is_active and user.prof_pic == "" and user.image_last_updated is None


def test_picture_step_stores_the_picture_and_serves_it(client, media_root):
    picture = image_bytes("PNG")
    member = sign_up(client, "pictured", picture=picture)

    user = User.get_by_id(member.id)
    assert user.prof_pic.endswith(".png") and user.image_last_updated is not None
    assert (media_root / user.prof_pic).read_bytes() == picture
    url = ok(get(client, "/profile/pictured/frodads/", member))["profileInfo"]["profPic"]
    assert url == f"http://testserver/cassie/media/{user.prof_pic}"
    served = client.get(url)
    assert served.status_code == 200 and served.content == picture
    assert served.headers["content-type"] == "image/png"


def test_picture_step_with_the_wrong_handle_is_rejected(client):
    start(client)
    ok(name(client))

    response = post(client, "/signup/picture/", data={"email": "myemail@gmail.com", "handle": "other"})

    error(response, 400, "invalid_request", NO_SIGNUP)
    assert not User.get(User.handle == "myhandle").is_active


def test_picture_step_on_a_complete_account_is_rejected(client, steph):
    response = post(client, "/signup/picture/", data={"email": steph.email, "handle": "steph"})

    error(response, 400, "invalid_request", NO_SIGNUP)


def test_an_incomplete_account_cannot_authenticate(client):
    start(client)
    ok(name(client))
    from tests.cassie.helpers import Member

    member = Member(0, "myhandle", "myemail@gmail.com", "mypassword")
    error(get(client, "/initialize/", member), 401, "authentication_failed")


def test_abandoning_deletes_an_incomplete_account(client):
    start(client)

    body = ok(post(client, "/signup/incomplete/", data={"email": "MyEmail@gmail.com"}))

    assert body == {"status": 200, "message": "user data has been deleted"}
    assert User.select().count() == 0
    ok(post(client, "/signup/email/", data={"email": "myemail@gmail.com"}))


def test_abandoning_keeps_a_complete_account(client, steph):
    response = post(client, "/signup/incomplete/", data={"email": steph.email})

    error(response, 400, "invalid_request", NO_SIGNUP)
    assert User.get_by_id(steph.id).is_active


def test_sign_up_needs_the_api_key_but_no_credentials(client):
    response = client.post("/cassie/api/signup/email/", data={"email": "a@b.co"})
    wrong = client.post("/cassie/api/signup/email/", data={"email": "a@b.co"}, headers={"Api-Key": "nope"})

    error(response, 401, "authorization_failed", "the request did not carry a valid Api-Key header")
    error(wrong, 401, "authorization_failed")


def test_sign_up_paths_work_without_the_trailing_slash(client):
    ok(client.post("/cassie/api/signup/email", data={"email": "a@b.co"}, headers={"Api-Key": "cassie-dev-key"}))


def test_a_request_without_a_body_names_the_missing_fields(client):
    response = client.post("/cassie/api/signup/picture/", headers={"Api-Key": "cassie-dev-key"})

    error(response, 400, "missing_request_data", "email was not sent in request; handle was not sent in request")
