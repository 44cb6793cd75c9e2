"""Profiles: the four tabs with the profile's info, privacy, and deleting your account."""

import pytest
from playhouse.test_utils import count_queries

from models.cassie import Castie, Comment, Forecast, Frodad, Membership, User
from tests.cassie.helpers import (
    befriend,
    create_castie,
    create_group,
    end_castie,
    error,
    follow,
    forecast,
    get,
    image_bytes,
    ok,
    option_ids,
    post,
    sign_up,
)

USER_NOT_FOUND = "the requested user could not be found"


@pytest.fixture
def busy(client, steph, luly, weather):
    """Steph follows weather, asked one castie (answered) and one anonymously; Luly forecast both."""
    for member in (steph, luly):
        follow(client, member, weather)
    answered = create_castie(client, steph)
    anonymous = create_castie(client, steph, display_created_by="false", question="Secret question?")
    for uuid in (answered, anonymous):
        forecast(client, luly, uuid, answer_id=option_ids(client, luly, uuid)["Yes"])
    end_castie(answered)
    right = option_ids(client, steph, answered)["Yes"]
    ok(post(client, f"/casties/{answered}/answer/", steph, data={"answer_id": right}))
    return answered, anonymous


def test_profile_info(client, steph, luly, busy):
    ok(post(client, "/add-frodad/luly/", steph))

    info = ok(get(client, "/profile/luly/stats/", steph))["profileInfo"]

    user = User.get_by_id(luly.id)
    assert info == {
        "handle": "luly", "user_uuid": user.user_uuid, "firstName": "Luly", "lastName": "Tester", "city": "",
        "state": "", "profPic": "", "image_last_updated_date": None, "image_last_updated_time": None, "level": 1,
        "adjective": "", "noun": "", "is_private": False, "percentCorrect": 100, "myCastiesNumber": 0,
        "groupsNumber": 1, "frodadsNumber": 0, "forecastsNumber": 2, "friend_status": "pending",
    }
    assert ok(get(client, "/profile/steph/stats/", luly))["profileInfo"]["friend_status"] == "respond"
    assert ok(get(client, "/profile/luly/stats/", luly))["profileInfo"]["friend_status"] == "self"


def test_friend_status_between_frodads_and_strangers(client, steph, luly):
    stranger = sign_up(client, "stranger")
    befriend(client, steph, luly)

    assert ok(get(client, "/profile/luly/frodads/", steph))["profileInfo"]["friend_status"] == "friends"
    assert ok(get(client, "/profile/stranger/frodads/", steph))["profileInfo"]["friend_status"] == "not-friends"
    assert stranger.handle == "stranger"


def test_mycasties_hides_anonymous_casties_from_others(client, steph, luly, busy):
    answered, anonymous = busy
    create_castie(client, steph, poll_type="Open")
    open_one = Castie.select().order_by(Castie.id.desc()).first().uuid

    theirs = ok(get(client, "/profile/steph/mycasties/", luly))["myCasties"]
    mine = ok(get(client, "/profile/steph/mycasties/", steph))["myCasties"]

    assert theirs == {open_one: {"question": "Will it rain tomorrow?", "answerable": False},
                      answered: {"question": "Will it rain tomorrow?", "answerable": False}}
    assert list(mine) == [open_one, anonymous, answered]
    assert mine[open_one]["answerable"] is True and mine[anonymous]["answerable"] is False


def test_stats_lists_forecasts_newest_first(client, steph, luly, busy):
    answered, anonymous = busy

    forecasts = ok(get(client, "/profile/luly/stats/", steph))["myForecasts"]

    first, second = (Forecast.get(Forecast.castie == Castie.get(Castie.uuid == uuid).id) for uuid in busy)
    ends = Castie.get(Castie.uuid == answered).ends_at
    assert list(forecasts) == [str(second.id), str(first.id)]
    assert forecasts[str(first.id)] == {
        "question": "Will it rain tomorrow?", "uuid": answered, "forecast": "Yes", "is_active": False,
        "answerSubmitted": True, "is_correct": True, "points_earned": 10, "endDate": ends.strftime("%Y-%m-%d"),
        "endTime": ends.strftime("%H:%M"),
    }
    assert forecasts[str(second.id)]["is_active"] is True and "is_correct" not in forecasts[str(second.id)]


def test_groups_tab_lists_followed_groups_as_the_viewer_stands_in_them(client, steph, luly, weather):
    create_group("art", "Art")
    follow(client, luly, weather)
    follow(client, steph, "art")

    groups = ok(get(client, "/profile/luly/groups/", steph))["myGroups"]

    assert list(groups) == ["weather"]
    assert groups["weather"]["following"] is False and groups["weather"]["followersCount"] == 1


def test_frodads_tab(client, steph, luly, media_root):
    pictured = sign_up(client, "pictured", picture=image_bytes("JPEG"))
    befriend(client, steph, luly)
    befriend(client, steph, pictured)
    ok(post(client, "/add-frodad/pictured/", luly))

    frodads = ok(get(client, "/profile/steph/frodads/", luly))["myFrodads"]

    picture = User.get_by_id(pictured.id).prof_pic
    assert frodads == {
        "luly": {"handle": "luly", "firstName": "Luly", "lastName": "Tester", "profPic": "", "friend_status": "self",
                 "level": 1},
        "pictured": {"handle": "pictured", "firstName": "Pictured", "lastName": "Tester",
                     "profPic": f"http://testserver/cassie/media/{picture}", "friend_status": "pending", "level": 1},
    }


def test_a_private_profile_shows_its_info_but_not_its_tabs(client, steph, luly):
    befriend(client, steph, luly)
    User.update(is_private=True).where(User.id == luly.id).execute()

    for tab, key in (("mycasties", "myCasties"), ("stats", "myForecasts"), ("groups", "myGroups"),
                     ("frodads", "myFrodads")):
        body = ok(get(client, f"/profile/luly/{tab}/", steph))
        assert body[key] == "private" and body["profileInfo"]["is_private"] is True
        assert ok(get(client, f"/profile/luly/{tab}/", luly))[key] != "private"


@pytest.mark.parametrize("tab", ["mycasties", "stats", "groups", "frodads"])
def test_a_missing_or_incomplete_profile_is_not_found(client, steph, tab):
    ok(post(client, "/signup/password/", data={"email": "half@example.com", "password": "pass"}))
    ok(post(client, "/signup/handle/", data={"email": "half@example.com", "handle": "half", "first_name": "H",
                                            "last_name": "F"}))

    for handle in ("nobody", "half"):
        error(get(client, f"/profile/{handle}/{tab}/", steph), 404, "object_not_found", USER_NOT_FOUND)


def test_profile_tabs_run_a_fixed_number_of_queries(client, steph, luly, busy):
    def queries(tab):
        with count_queries() as counted:
            ok(get(client, f"/profile/luly/{tab}/", steph))
        return counted.count

    # authenticate, the profile with its counts, the tab
    assert [queries(tab) for tab in ("mycasties", "stats", "groups", "frodads")] == [3, 3, 3, 3]


def test_delete_your_account_deletes_everything_you_made(client, steph, luly, busy, media_root):
    befriend(client, steph, luly)
    ok(post(client, f"/casties/{busy[0]}/comment/", luly, data={"commentText": "bye"}))

    body = ok(post(client, "/profile/luly/delete/", luly))

    assert body == {"status": 200, "handle_deleted": "luly", "message": "Account has been deleted"}
    assert not User.select().where(User.id == luly.id).exists()
    for model, column in ((Forecast, Forecast.user), (Comment, Comment.user), (Membership, Membership.user)):
        assert not model.select().where(column == luly.id).exists()
    assert Frodad.select().count() == 0
    error(get(client, "/initialize/", luly), 401, "authentication_failed")


def test_delete_account_removes_the_picture(client, media_root):
    pictured = sign_up(client, "pictured", picture=image_bytes("PNG"))
    picture = media_root / User.get_by_id(pictured.id).prof_pic

    ok(post(client, "/profile/pictured/delete/", pictured))

    assert not picture.exists()


def test_delete_someone_elses_account_is_refused(client, steph, luly):
    response = post(client, "/profile/luly/delete/", steph)

    error(response, 400, "invalid_request", "a User can only delete their own account")
    assert User.select().where(User.id == luly.id).exists()


def test_delete_a_missing_account_is_the_documented_400(client, steph):
    response = post(client, "/profile/nobody/delete/", steph)

    assert error(response, 400, "object_not_found") == {
        "status": 400, "error_type": "object_not_found",
        "error_message": "the User requested could not be found- nothing could be deleted",
    }


def test_tabs_answer_only_their_keys_when_asked(client, steph, luly, busy):
    answered, anonymous = busy

    casties = ok(get(client, "/profile/steph/mycasties/", steph, params={"ids_only": "True"}))["myCasties"]
    forecasts = ok(get(client, "/profile/luly/stats/", steph, params={"ids_only": "true"}))["myForecasts"]
    groups = ok(get(client, "/profile/luly/groups/", steph, params={"slugs_only": "1"}))["myGroups"]

    ids = [str(f.id) for f in Forecast.select().where(Forecast.user == luly.id).order_by(Forecast.id.desc())]
    assert (casties, forecasts, groups) == ([anonymous, answered], ids, ["weather"])
