"""Edit Profile, privacy, email (the username) and password."""

from core.security import verify_password
from models.cassie import User
from tests.cassie.helpers import Member, error, get, image_bytes, ok, post


def test_the_edit_screen_shows_the_callers_fields(client, steph):
    body = ok(get(client, "/profile/steph/edit/", steph))

    assert body == {"status": 200, "handle": "steph", "firstName": "Steph", "lastName": "Tester", "city": "",
                    "state": "", "profPic": "", "backgroundPic": ""}


def test_the_edit_screen_is_the_callers_only(client, steph, luly):
    error(get(client, "/profile/luly/edit/", steph), 400, "invalid_request", "a User can only edit their own profile")


def test_editing_saves_what_changed_and_names_it(client, steph):
    form = {"firstName": "Steph", "lastName": "Socias", "city": "Boston", "handle": "stephs"}

    body = ok(post(client, "/profile/edit/", steph, data=form))

    assert body == {"status": 200, "message": "data has been successfully updated",
                    "updated_fields": ["handle", "lastName", "city"]}
    user = User.get_by_id(steph.id)
    assert (user.handle, user.last_name, user.city) == ("stephs", "Socias", "Boston")
    assert ok(post(client, "/profile/edit/", steph, data=form)) == {
        "status": 200, "message": "nothing has changed- no data to update"}


def test_editing_to_a_taken_handle_is_refused(client, steph, luly):
    error(post(client, "/profile/edit/", steph, data={"handle": "luly", "city": "Boston"}), 400, "handle_not_unique",
          "the hanlde provided is already associated with a Cassie account")
    assert User.get_by_id(steph.id).city == ""


def test_a_new_picture_replaces_the_old_one(client, steph, media_root):
    files = {"profPic": ("me.png", image_bytes(), "image/png")}
    body = ok(post(client, "/profile/edit/", steph, data={"city": "Boston"}, files=files))
    first = User.get_by_id(steph.id).prof_pic

    ok(post(client, "/profile/edit/", steph, files={"profPic": ("me.gif", image_bytes("GIF"), "image/gif")}))

    assert body["updated_fields"] == ["city", "profPic"]
    second = User.get_by_id(steph.id).prof_pic
    assert second.endswith(".gif") and not (media_root / first).exists() and (media_root / second).exists()
    assert ok(get(client, "/profile/steph/edit/", steph))["profPic"].endswith(second)


def test_a_picture_that_is_none_is_refused(client, steph):
    files = {"profPic": ("me.png", b"not a picture", "image/png")}
    error(post(client, "/profile/edit/", steph, files=files), 400, "invalid_request",
          "Images must be in .jpg, .jpeg, .gif, .png format.")


def test_privacy_is_read_and_set(client, steph, luly):
    assert ok(get(client, "/preferences/", steph)) == {"status": 200, "is_private": False}

    body = ok(post(client, "/preferences/", steph, data={"is_private": "True"}))

    assert body == {"status": 200, "message": "data has been successfully updated", "is_private": True}
    assert ok(get(client, "/profile/steph/stats/", luly))["myForecasts"] == "private"
    error(post(client, "/preferences/", steph), 400, "missing_request_data", "the form was not sent in request")
    error(post(client, "/preferences/", steph, data={"is_private": "yes"}), 400, "invalid_request")
    assert ok(post(client, "/preferences/", steph, data={"is_private": "0"}))["is_private"] is False


def test_changing_the_email_changes_the_username(client, steph, luly):
    assert ok(get(client, "/preferences/edit/email/", steph)) == {"status": 200, "email": "steph@example.com"}

    body = ok(post(client, "/preferences/edit/email/", steph, data={"email": "New@Example.com"}))

    assert body == {"status": 200, "message": "email has been successfully updated", "new_email": "new@example.com",
                    "new_username": "new@example.com"}
    renamed = Member(steph.id, "steph", "new@example.com", steph.password)
    ok(get(client, "/initialize/", renamed))
    error(get(client, "/initialize/", steph), 401, "authentication_failed")


def test_an_email_of_another_account_is_refused(client, steph, luly):
    error(post(client, "/preferences/edit/email/", steph, data={"email": luly.email}), 400, "email_not_unique",
          "the email address provided is already associated with a Cassie account. it cannot be used again.")


def test_changing_the_password(client, steph):
    body = ok(post(client, "/preferences/edit/password/", steph, data={"password": "newpassword"}))

    assert body == {"status": 200, "message": "password has been successfully updated"}
    assert verify_password(User.get_by_id(steph.id).password_hash, "newpassword")
    renewed = Member(steph.id, "steph", steph.email, "newpassword")
    ok(get(client, "/initialize/", renewed))
    error(get(client, "/initialize/", steph), 401, "authentication_failed")
    error(post(client, "/preferences/edit/password/", renewed, data={"password": "abc"}), 400, "invalid_request")


def test_the_password_is_never_shown(client, steph):
    error(get(client, "/preferences/edit/password/", steph), 400, "incorrect_request_type")
