"""A group's followers, the caller's frodads among them, and the caller's accuracy there."""

from playhouse.test_utils import count_queries

from tests.cassie.helpers import (
    befriend,
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


def test_followers_as_the_caller_stands_with_each_in_fixed_queries(client, steph, luly, weather):
    follow(client, steph, weather)
    follow(client, luly, weather)
    befriend(client, steph, luly)

    def listed():
        with count_queries() as counted:
            body = ok(get(client, "/groups/weather/followers/", steph))
        return body, counted.count

    _, few = listed()
    asker, asked, stranger = (sign_up(client, handle) for handle in ("asker", "asked", "stranger"))
    for member in (asker, asked, stranger):
        follow(client, member, weather)
    ok(post(client, "/add-frodad/asked/", steph))
    ok(post(client, "/add-frodad/steph/", asker))

    body, many = listed()

    statuses = {handle: follower["friend_status"] for handle, follower in body["followers"].items()}
    assert statuses == {"asked": "pending", "asker": "respond", "luly": "friends", "steph": "self",
                        "stranger": "not-friends"}
    assert body["followers"]["luly"] == {"handle": "luly", "firstName": "Luly", "lastName": "Tester", "profPic": "",
                                         "friend_status": "friends", "level": 1}
    assert many == few


def test_friend_followers_are_the_callers_frodads_only(client, steph, luly, weather):
    other = sign_up(client, "other")
    for member in (steph, luly, other):
        follow(client, member, weather)
    befriend(client, steph, luly)

    body = ok(get(client, "/groups/weather/followers/frodads/", steph))

    assert list(body["friendFollowers"]) == ["luly"]
    assert body["friendFollowers"]["luly"]["friend_status"] == "friends"


def test_group_pages_of_a_missing_group_are_not_found(client, steph):
    for page in ("followers", "followers/frodads", "accuracy"):
        error(get(client, f"/groups/nothing/{page}/", steph), 404, "object_not_found",
              "the requested group could not be found")


def test_accuracy_ranks_by_correct_forecasts_in_sql(client, steph, luly, weather):
    other = sign_up(client, "other")
    for member in (steph, luly, other):
        follow(client, member, weather)
    casties = [create_castie(client, steph) for _ in range(2)]
    for uuid in casties:
        ids = option_ids(client, steph, uuid)
        forecast(client, luly, uuid, answer_id=ids["Yes"])
        forecast(client, other, uuid, answer_id=ids["No"] if uuid == casties[0] else ids["Yes"])
        end_castie(uuid)
        ok(post(client, f"/casties/{uuid}/answer/", steph, data={"answer_id": ids["Yes"]}))

    def accuracy_of(member):
        with count_queries() as counted:
            body = ok(get(client, "/groups/weather/accuracy/", member))
        return body["accuracy"], counted.count

    luly_accuracy, queries = accuracy_of(luly)
    other_accuracy, same = accuracy_of(other)
    steph_accuracy, _ = accuracy_of(steph)

    assert (luly_accuracy["percentCorrect"], luly_accuracy["ranking"], luly_accuracy["totalRanked"]) == (100, 1, 2)
    assert (other_accuracy["percentCorrect"], other_accuracy["ranking"], other_accuracy["totalRanked"]) == (50, 2, 2)
    assert (steph_accuracy["percentCorrect"], steph_accuracy["ranking"]) == (None, None)
    assert steph_accuracy["myForecasts"] == {}
    assert sorted(f["is_correct"] for f in luly_accuracy["myForecasts"].values()) == [True, True]
    assert queries == same


def test_accuracy_counts_only_the_groups_forecasts(client, steph, luly, weather):
    create_group("sports")
    for member in (steph, luly):
        follow(client, member, weather)
        follow(client, member, "sports")
    elsewhere = create_castie(client, steph, group="sports")
    forecast(client, luly, elsewhere, answer_id=option_ids(client, luly, elsewhere)["Yes"])

    assert ok(get(client, "/groups/weather/accuracy/", luly))["accuracy"]["myForecasts"] == {}
    assert len(ok(get(client, "/groups/sports/accuracy/", luly))["accuracy"]["myForecasts"]) == 1
