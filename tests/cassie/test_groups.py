"""Groups: listing, detail with ranking and casties, following (public and private), and
the groups one may create casties in."""

from models.cassie import Membership
from tests.cassie.helpers import (
    approve,
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
)

NOT_FOUND = "the requested group could not be found"


def test_follow_a_public_group(client, steph, weather):
    body = follow(client, steph, weather)

    assert body == {"status": 200, "handle": "steph", "group_slug": "weather", "access": None, "following": True}
    assert Membership.get(Membership.user == steph.id).following


def test_follow_a_private_group_leaves_access_pending(client, steph):
    create_group("secret", "Secret Society", private=True)

    body = follow(client, steph, "secret")

    assert body == {"status": 200, "handle": "steph", "group_slug": "secret",
                    "access_pending": "user has requested access to group", "access": "pending", "following": False}
    assert Membership.get(Membership.user == steph.id).access == "pending"


def test_follow_twice_is_an_improper_request_echoing_handle_and_slug(client, steph, weather):
    follow(client, steph, weather)

    response = post(client, "/groups/weather/follow/", steph)

    assert error(response, 400, "improper_group_request") == {
        "status": 400, "handle": "steph", "group_slug": "weather", "error_type": "improper_group_request",
        "error_message": "cannot follow the Group. user is already following",
    }
    assert Membership.select().count() == 1


def test_follow_again_while_pending_says_so(client, steph):
    create_group("secret", private=True)
    follow(client, steph, "secret")

    error(post(client, "/groups/secret/follow/", steph), 400, "improper_group_request",
          "cannot follow the Group. user has already requested access")


def test_follow_or_unfollow_a_missing_group_is_not_found(client, steph):
    for action in ("follow", "unfollow"):
        assert error(post(client, f"/groups/nothing/{action}/", steph), 404, "object_not_found", NOT_FOUND) == {
            "status": 404, "error_type": "object_not_found", "error_message": NOT_FOUND,
        }


def test_unfollow(client, steph, weather):
    follow(client, steph, weather)

    body = ok(post(client, "/groups/weather/unfollow/", steph))

    assert body == {"status": 200, "handle": "steph", "group_slug": "weather", "access": None, "following": False}
    assert Membership.select().count() == 0


def test_unfollow_when_not_following_is_an_improper_request(client, steph, weather):
    response = post(client, "/groups/weather/unfollow/", steph)

    error(response, 400, "improper_group_request", "cannot un-follow the Group. user does not follow it yet")
    assert response.json()["handle"] == "steph" and response.json()["group_slug"] == "weather"


def test_unfollow_withdraws_a_pending_request(client, steph):
    create_group("secret", private=True)
    follow(client, steph, "secret")

    ok(post(client, "/groups/secret/unfollow/", steph))

    assert Membership.select().count() == 0


def test_approval_grants_access_and_notifies(client, steph):
    create_group("secret", "Secret Society", private=True)
    follow(client, steph, "secret")

    approve("secret", "steph")

    membership = Membership.get(Membership.user == steph.id)
    assert (membership.access, membership.following) == ("granted", True)
    notification = ok(get(client, "/notifications/", steph))["notifications"][0]
    assert notification["notification_type"] == "group-access-granted" and notification["data"] == "secret"
    assert notification["message"] == "You have been approved to join the Secret Society group"


def test_list_groups_as_the_caller_stands_in_each(client, steph, luly, weather):
    create_group("secret", "A Secret", private=True, info="shh", access_denied_message="members only")
    befriend(client, steph, luly)
    follow(client, steph, weather)
    follow(client, luly, weather)
    create_castie(client, steph)

    groups = ok(get(client, "/groups/", steph))["groups"]

    assert list(groups) == ["secret", "weather"]  # by name
    assert groups["weather"] == {
        "slug": "weather", "groupName": "Boston Weather", "groupInfoText": "", "groupIcon": "",
        "requiresApproval": False, "accessDeniedMessage": "", "followersCount": 2, "friendsCount": 1,
        "accuracy": None, "access": None, "following": True, "canCreateCastie": True, "numberCasties": 1,
    }
    assert groups["secret"]["requiresApproval"] is True and groups["secret"]["groupInfoText"] == "shh"
    assert groups["secret"]["accessDeniedMessage"] == "members only" and groups["secret"]["canCreateCastie"] is False


def test_group_detail_ranks_the_caller_and_lists_casties(client, steph, luly, weather):
    for member in (steph, luly):
        follow(client, member, weather)
    uuid = create_castie(client, steph)
    ids = option_ids(client, steph, uuid)
    forecast(client, steph, uuid, answer_id=ids["No"])
    forecast(client, luly, uuid, answer_id=ids["Yes"])
    end_castie(uuid)
    ok(post(client, f"/casties/{uuid}/answer/", steph, data={"answer_id": ids["Yes"]}))

    group = ok(get(client, "/groups/weather/", steph))
    lulys = ok(get(client, "/groups/weather/", luly, params={"casties": "0"}))

    assert (group["ranking"], group["totalRanked"], group["accuracy"]) == (2, 2, 0)
    assert list(group["casties"]) == [uuid]
    assert (lulys["ranking"], lulys["accuracy"]) == (1, 100) and "casties" not in lulys


def test_private_group_detail_hides_casties_until_granted(client, steph, luly):
    create_group("secret", private=True)
    approve("secret", "steph")
    uuid = create_castie(client, steph, group="secret")

    outsider = ok(get(client, "/groups/secret/", luly))
    member = ok(get(client, "/groups/secret/", steph))

    assert "casties" not in outsider and outsider["access"] is None
    assert list(member["casties"]) == [uuid] and member["access"] == "granted"


def test_group_detail_of_a_missing_group_is_not_found(client, steph):
    error(get(client, "/groups/nothing/", steph), 404, "object_not_found", NOT_FOUND)


def test_groups_one_may_create_casties_in(client, steph):
    create_group("zoo", "Zoo")
    create_group("art", "Art")
    create_group("secret", "Secret", private=True)
    for slug in ("zoo", "art", "secret"):
        follow(client, steph, slug)

    body = ok(get(client, "/casties/create/groups/", steph))

    assert body == {"status": 200, "groups": [["Art", "art"], ["Zoo", "zoo"]]}
