"""Leaderboards: overall by xp (showing levels), per group by the points its casties gave."""

from playhouse.test_utils import count_queries

from models.cassie import User
from tests.cassie.helpers import (
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


def test_the_overall_leaderboard_ranks_by_xp_in_fixed_queries(client, steph, luly, weather):
    User.update(xp=250, level=3, city="Boston", state="MA").where(User.id == luly.id).execute()

    def board(query=""):
        with count_queries() as counted:
            body = ok(get(client, f"/leaderboard/{query}", steph))
        return body, counted.count

    follow(client, steph, weather)
    body, few = board()

    assert body["leaderboard_groups"] == [{"slug": "weather", "groupName": "Boston Weather"}]
    assert body["leaderboard_profiles"][0] == {"handle": "luly", "firstName": "Luly", "lastName": "Tester",
                                               "profPic": "", "city": "Boston", "state": "MA", "level": 3}
    assert [p["handle"] for p in body["leaderboard_profiles"]] == ["luly", "steph"]
    assert [p["handle"] for p in board("?limit=1")[0]["leaderboard_profiles"]] == ["luly"]
    create_group("more")
    follow(client, steph, "more")
    assert board()[1] == few


def test_a_group_leaderboard_ranks_its_followers_by_points_there(client, steph, luly, weather):
    other = sign_up(client, "other")
    for member in (steph, luly, other):
        follow(client, member, weather)
    uuid = create_castie(client, steph)
    forecast(client, other, uuid, answer_id=option_ids(client, other, uuid)["Yes"])
    forecast(client, luly, uuid, answer_id=option_ids(client, luly, uuid)["No"])
    end_castie(uuid)
    ok(post(client, f"/casties/{uuid}/answer/", steph, data={"answer_id": option_ids(client, steph, uuid)["Yes"]}))

    def board():
        with count_queries() as counted:
            body = ok(get(client, "/leaderboard/weather/", luly))
        return [(p["handle"], p["xp"]) for p in body["leaderboard_profiles"]], counted.count

    ranked, few = board()
    for handle in ("more", "most"):
        follow(client, sign_up(client, handle), weather)

    assert ranked == [("other", 10), ("luly", 0), ("steph", 0)]  # forecasters first, then the idle
    assert board() == ([*ranked, ("more", 0), ("most", 0)], few)


def test_a_group_leaderboard_of_a_missing_group_is_not_found(client, steph):
    error(get(client, "/leaderboard/nothing/", steph), 404, "object_not_found",
          "the requested group could not be found")


def test_a_limit_out_of_range_is_refused(client, steph):
    error(get(client, "/leaderboard/?limit=0", steph), 400, "invalid_request")
