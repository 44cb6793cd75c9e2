"""Casties: the home tabs, detail, creating one, and answering it (which marks forecasts
correct). Query counts are pinned: a list costs the same few queries whatever its length."""

from datetime import timedelta

import pytest
from playhouse.test_utils import count_queries

from models.base import utc_now
from models.cassie import AnswerOption, Castie, Forecast, User
from tests.cassie.helpers import (
    approve,
    befriend,
    castie_form,
    create_castie,
    create_group,
    end_castie,
    error,
    follow,
    forecast,
    get,
    ok,
    option_ids,
    post,
    sign_up,
)

NOT_FOUND = "the requested castie could not be found. make sure you are sending a valid uuid"


@pytest.fixture
def followers(client, steph, luly, weather):
    follow(client, steph, weather)
    follow(client, luly, weather)


def test_create_a_regular_castie_with_set_options(client, steph, followers):
    closes = (utc_now() + timedelta(days=2)).strftime("%Y-%m-%d")
    body = ok(post(client, "/casties/create/", steph, data=castie_form(closes_on_date=closes, closes_on_time="9:30")))

    assert body == {"status": 200, "castie": "created successfully", "castie_uuid": body["castie_uuid"]}
    castie = Castie.get(Castie.uuid == body["castie_uuid"])
    assert len(castie.uuid) == 32 and castie.submitter_id == steph.id and castie.show_username
    assert (castie.open_ended, castie.allow_write_in) == (False, False)
    assert castie.ends_at.strftime("%Y-%m-%d %H:%M") == f"{closes} 09:30"
    assert [o.text for o in AnswerOption.select().order_by(AnswerOption.id)] == ["Yes", "No"]


def test_create_an_open_write_in_castie(client, steph, followers):
    form = castie_form(poll_type="Open", closes_on_date=None, closes_on_time=None, answer_type="Write-in answers",
                       answer_option=None, display_created_by="False")

    uuid = ok(post(client, "/casties/create/", steph, data=form))["castie_uuid"]

    castie = Castie.get(Castie.uuid == uuid)
    assert (castie.open_ended, castie.ends_at, castie.allow_write_in, castie.show_username) == (True, None, True, False)
    assert AnswerOption.select().count() == 0


@pytest.mark.parametrize("fields, message", [
    ({"answer_option": ["Only"]}, "a castie with set answer options needs at least 2 answer_option values"),
    ({"closes_on_date": None}, "a Regular castie needs closes_on_date and closes_on_time"),
    ({"closes_on_date": "2016-01-01"}, "the castie's closing date and time must be in the future"),
    ({"closes_on_date": "2030-02-30"},
     "closes_on_date and closes_on_time must be a real date (YYYY-MM-DD) and time (HH:MM)"),
    ({"group_slug": "nowhere"},
     "the group does not exist, or the user does not follow it with permission to create casties"),
    ({"question": "   "}, "question must not be blank"),
    ({"poll_type": "Sometimes"}, "poll_type must be one of: Open, Regular"),
])
def test_create_castie_errors_say_what_went_wrong(client, steph, followers, fields, message):
    response = post(client, "/casties/create/", steph, data=castie_form(**fields))

    error(response, 400, "castie_not_created", message)
    assert Castie.select().count() == 0


def test_create_castie_needs_the_required_fields(client, steph, followers):
    error(post(client, "/casties/create/", steph, data={"group_slug": "weather"}), 400, "missing_request_data")


def test_create_castie_in_a_group_not_followed_or_not_granted_is_refused(client, steph, weather):
    create_group("secret", private=True)
    follow(client, steph, "secret")

    for group in ("weather", "secret"):
        error(post(client, "/casties/create/", steph, data=castie_form(group=group)), 400, "castie_not_created")
    assert Castie.select().count() == 0


def test_castie_detail_shows_results_and_frodads_forecasts(client, steph, luly, followers):
    befriend(client, steph, luly)
    uuid = create_castie(client, steph)
    ids = option_ids(client, steph, uuid)
    forecast(client, luly, uuid, answer_id=ids["Yes"])
    forecast(client, steph, uuid, answer_id=ids["No"])

    castie = ok(get(client, f"/casties/{uuid}/", steph))["castie"]

    created = Castie.get(Castie.uuid == uuid)
    lulys = Forecast.get(Forecast.user == luly.id)
    mine = Forecast.get(Forecast.user == steph.id)
    assert castie == {
        "uuid": uuid, "question": "Will it rain tomorrow?", "groupSlug": "weather", "showUsername": True,
        "submitter": "steph", "createdAtDate": created.created_at.strftime("%Y-%m-%d"),
        "createdAtTime": created.created_at.strftime("%H:%M:%S.%f"),
        "lastForecastedDate": mine.created_at.strftime("%Y-%m-%d"),
        "lastForecastedTime": mine.created_at.strftime("%H:%M:%S.%f"),
        "allowWriteIn": False, "setAnswered": True, "openEnded": False,
        "endDate": created.ends_at.strftime("%Y-%m-%d"), "endTime": "12:00",
        "userForecast": {"forecast_text": "No", "forecast_id": mine.id, "is_correct": False, "answer_id": ids["No"]},
        "is_answerable": False, "friendCount": 1, "commentsCount": 0, "answerSubmitted": False,
        "correctIndex": None, "forecastsCount": 2,
        "forecasts": [{"answer_id": ids["Yes"], "answer_text": "Yes", "percentage": 50.0},
                      {"answer_id": ids["No"], "answer_text": "No", "percentage": 50.0}],
        "friendForecasts": {str(lulys.id): {"handle": "luly", "forecast_text": "Yes", "answer_id": ids["Yes"]}},
    }


def test_an_anonymous_castie_hides_its_creator_from_others(client, steph, luly, followers):
    uuid = create_castie(client, steph, display_created_by="0")

    assert ok(get(client, f"/casties/{uuid}/", luly))["castie"]["submitter"] is None
    assert ok(get(client, f"/casties/{uuid}/", steph))["castie"]["submitter"] == "steph"


@pytest.mark.parametrize("uuid", ["0" * 32, "not-a-uuid"])
def test_castie_detail_of_a_missing_or_malformed_uuid_is_not_found(client, steph, uuid):
    error(get(client, f"/casties/{uuid}/", steph), 404, "object_not_found", NOT_FOUND)


def test_the_create_path_is_not_a_castie_uuid(client, steph):
    response = get(client, "/casties/create/", steph)

    error(response, 400, "incorrect_request_type", "this endpoint does not accept GET requests")
    assert response.headers["allow"] == "POST"


def test_a_private_groups_castie_is_not_found_by_outsiders(client, steph, luly):
    create_group("secret", private=True)
    approve("secret", "steph")
    uuid = create_castie(client, steph, group="secret")

    error(get(client, f"/casties/{uuid}/", luly), 404, "object_not_found", NOT_FOUND)
    ok(get(client, f"/casties/{uuid}/", steph))


def test_home_following_without_groups_says_so(client, steph):
    body = ok(get(client, "/home/following/", steph))

    assert body == {"status": 200, "profile_handle": "steph", "following": False, "casties": {}}


def test_home_tabs_order_the_casties(client, steph, luly, followers):
    create_group("other", "Other")
    follow(client, steph, "other")
    first = create_castie(client, steph)
    second = create_castie(client, steph)
    elsewhere = create_castie(client, steph, group="other")
    forecast(client, luly, first, answer_id=option_ids(client, luly, first)["Yes"])
    ok(post(client, "/groups/other/unfollow/", steph))

    def tab(name):
        return list(ok(get(client, f"/home/{name}/", steph))["casties"])

    assert tab("new") == [elsewhere, second, first]
    assert tab("spicy") == [first, elsewhere, second]  # forecast most recently first, then newest
    assert tab("following") == [first, second]
    assert list(ok(get(client, "/home/", steph))["casties"]) == [first, second]  # no tab: following
    assert ok(get(client, "/home/?ids=true", steph))["castie_ids"] == [first, second]


def test_home_hides_private_groups_not_granted(client, steph, luly, followers):
    create_group("secret", private=True)
    approve("secret", "steph")
    secret = create_castie(client, steph, group="secret")
    public = create_castie(client, steph)

    assert list(ok(get(client, "/home/new/", luly))["casties"]) == [public]
    assert list(ok(get(client, "/home/new/", steph))["casties"]) == [public, secret]


def test_home_castie_objects_carry_frodads_pictures(client, steph, weather, media_root):
    from tests.cassie.helpers import image_bytes

    pictured = sign_up(client, "pictured", picture=image_bytes("GIF"))
    befriend(client, steph, pictured)
    follow(client, steph, weather)
    uuid = create_castie(client, steph)
    forecast(client, pictured, uuid, answer_id=option_ids(client, steph, uuid)["No"])

    castie = ok(get(client, "/home/spicy/", steph))["casties"][uuid]

    picture = User.get_by_id(pictured.id).prof_pic
    assert castie["friendCount"] == 1 and castie["friendPics"] == [f"http://testserver/cassie/media/{picture}"]
    assert "friendForecasts" not in castie


def test_home_and_detail_run_a_fixed_number_of_queries(client, steph, weather):
    follow(client, steph, weather)
    friends = [sign_up(client, f"friend{n}") for n in range(3)]
    for friend in friends:
        befriend(client, steph, friend)
        follow(client, friend, weather)
    for _ in range(2):
        uuid = create_castie(client, steph)
        ok(post(client, f"/casties/{uuid}/comment/", steph, data={"commentText": "hi"}))

    def queries(path):
        with count_queries() as counted:
            ok(get(client, path, steph))
        return counted.count

    few = queries("/home/following/")
    for friend in friends:
        create_castie(client, steph)
        forecast(client, friend, uuid, answer_id=option_ids(client, friend, uuid)["Yes"])
    # authenticate, casties, options, result counts, frodads' forecasts (whether any group is
    # followed is asked only when there are no casties)
    assert few == queries("/home/following/") == 5
    assert queries("/home/new/") == 5
    assert queries(f"/casties/{uuid}/") == 5  # authenticate, castie, options, result counts, frodads' forecasts


def test_answer_a_set_options_castie_marks_forecasts_correct(client, steph, luly, followers):
    befriend(client, steph, luly)
    uuid = create_castie(client, steph)
    ids = option_ids(client, steph, uuid)
    forecast(client, luly, uuid, answer_id=ids["Yes"])
    forecast(client, steph, uuid, answer_id=ids["No"])
    end_castie(uuid)

    castie = ok(post(client, f"/casties/{uuid}/answer/", steph, data={"answer_id": ids["Yes"]}))["castie"]

    assert castie["answerSubmitted"] is True and castie["correctIndex"] == "Yes" and castie["is_answerable"] is False
    assert castie["forecasts"][0] == {"answer_id": ids["Yes"], "answer_text": "Yes", "percentage": 50.0,
                                      "is_correct": True}
    assert list(castie["friendForecasts"].values()) == [
        {"handle": "luly", "forecast_text": "Yes", "answer_id": ids["Yes"], "is_correct": True}]
    assert castie["userForecast"]["is_correct"] is False
    lulys = Forecast.get(Forecast.user == luly.id)
    assert (lulys.is_correct, lulys.points_earned) == (True, 10)
    assert User.get_by_id(luly.id).xp == 10 and User.get_by_id(steph.id).xp == 0
    notification = ok(get(client, "/notifications/", luly))["notifications"][0]
    assert (notification["notification_type"], notification["data"]) == ("castie-answered", uuid)


def test_answer_a_write_in_castie_by_keyword_in_any_case(client, steph, luly, followers):
    uuid = create_castie(client, steph, poll_type="Open", answer_type="Write-in answers", answer_option=None)
    forecast(client, luly, uuid, forecast_text="The REDS, surely")
    forecast(client, steph, uuid, forecast_text="the blues")

    castie = ok(post(client, f"/casties/{uuid}/answer/", steph, data={"keyword": "reds"}))["castie"]

    assert castie["correctIndex"] == "reds"
    assert {"answer_text": "The REDS, surely", "percentage": 50.0, "is_correct": True} in castie["forecasts"]
    assert {"answer_text": "the blues", "percentage": 50.0} in castie["forecasts"]
    assert Forecast.get(Forecast.user == luly.id).is_correct and not Forecast.get(Forecast.user == steph.id).is_correct


def test_answering_levels_up_every_hundred_xp(client, steph, luly, followers):
    User.update(xp=95).where(User.id == luly.id).execute()
    uuid = create_castie(client, steph, poll_type="Open")
    forecast(client, luly, uuid, answer_id=option_ids(client, luly, uuid)["Yes"])

    ok(post(client, f"/casties/{uuid}/answer/", steph, data={"answer_id": option_ids(client, steph, uuid)["Yes"]}))

    luly_now = User.get_by_id(luly.id)
    assert (luly_now.xp, luly_now.level) == (105, 2)


@pytest.mark.parametrize("case, message", [
    ("not-ended", "this castie cannot be answered until its end date/time has passed"),
    ("not-creator", "only the creator of a castie can answer it"),
    ("answered", "this castie has already been answered"),
    ("no-answer", "answer_id was not sent in request"),
    ("other-option", "the answer_id provided does not correspond to a valid answer option for this castie"),
])
def test_answer_errors(client, steph, luly, followers, case, message):
    uuid = create_castie(client, steph)
    other = create_castie(client, steph)
    ids, others = option_ids(client, steph, uuid), option_ids(client, steph, other)
    if case != "not-ended":
        end_castie(uuid)
    if case == "answered":
        ok(post(client, f"/casties/{uuid}/answer/", steph, data={"answer_id": ids["Yes"]}))
    who = luly if case == "not-creator" else steph
    data = {} if case == "no-answer" else {"answer_id": (others if case == "other-option" else ids)["No"]}

    error(post(client, f"/casties/{uuid}/answer/", who, data=data), 400, "castie_not_answerable", message)
    assert Castie.get(Castie.uuid == uuid).correct_keyword is None
    assert not AnswerOption.get_by_id(ids["No"]).is_correct


def test_answer_a_write_in_castie_needs_a_keyword(client, steph, followers):
    uuid = create_castie(client, steph, poll_type="Open", answer_type="Write-in answers", answer_option=None)

    response = post(client, f"/casties/{uuid}/answer/", steph)

    error(response, 400, "castie_not_answerable", "keyword was not sent in request")


def test_answer_a_missing_castie_is_not_found(client, steph):
    response = post(client, f"/casties/{'0' * 32}/answer/", steph, data={"keyword": "x"})

    error(response, 404, "object_not_found", NOT_FOUND)


def test_home_ids_answers_only_the_uuids_in_order(client, steph, followers):
    first, second = create_castie(client, steph), create_castie(client, steph)

    body = ok(get(client, "/home/new/", steph, params={"ids": "True"}))

    assert body == {"status": 200, "profile_handle": "steph", "castie_ids": [second, first]}


def test_home_groups_filters_by_group_and_an_empty_one_shows_none(client, steph, followers):
    create_group("art", "Art")
    follow(client, steph, "art")
    weathers = create_castie(client, steph)
    arts = create_castie(client, steph, group="art")

    def listed(groups):
        return list(ok(get(client, f"/home/spicy/?{groups}", steph))["casties"])

    assert listed("groups=art") == [arts]
    assert listed("groups=art&groups=weather") == [arts, weathers]
    assert listed("groups=") == []
