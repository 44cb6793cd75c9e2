"""Frodads: requests, accepting and rejecting them, the pending lists, and unfriending."""

import pytest

from models.cassie import Frodad, Notification
from tests.cassie.helpers import befriend, error, get, ok, post, sign_up

USER_NOT_FOUND = "the requested user could not be found"


def test_add_frodad_sends_a_request_and_notifies(client, steph, luly):
    assert ok(post(client, "/add-frodad/luly/", steph)) == {"status": 200, "message": "friend request sent"}

    pair = Frodad.get()
    assert (pair.requester_id, pair.accepted) == (steph.id, False)
    notification = ok(get(client, "/notifications/", luly))["notifications"][0]
    assert notification["notification_type"] == "friend-request-received" and notification["data"] == "steph"
    assert notification["message"] == "@steph has sent you a friendship request"


@pytest.mark.parametrize("who", ["same", "other"])
def test_add_frodad_while_a_request_is_pending_either_way(client, steph, luly, who):
    ok(post(client, "/add-frodad/luly/", steph))
    asker, target = (steph, "luly") if who == "same" else (luly, "steph")

    response = post(client, f"/add-frodad/{target}/", asker)

    assert error(response, 400, "cannot_add_frodad") == {
        "status": 400, "error_type": "cannot_add_frodad", "error_message": "friend request is already pending"}
    assert Frodad.select().count() == 1


def test_add_frodad_when_already_friends(client, steph, luly):
    befriend(client, steph, luly)

    error(post(client, "/add-frodad/steph/", luly), 400, "cannot_add_frodad", "these Users are already friends")


def test_add_yourself_is_refused(client, steph):
    error(post(client, "/add-frodad/steph/", steph), 400, "cannot_add_frodad", "cannot frodad request yourself")
    assert Frodad.select().count() == 0


def test_add_a_missing_user_is_not_found(client, steph):
    error(post(client, "/add-frodad/nobody/", steph), 404, "object_not_found", USER_NOT_FOUND)


def test_accept_makes_frodads_notifies_and_clears_the_request_notification(client, steph, luly):
    ok(post(client, "/add-frodad/luly/", steph))

    body = ok(post(client, "/frodad-requests/steph/accept/", luly))

    assert body == {"status": 200, "message": "you and steph are now frodads"}
    assert Frodad.get().accepted
    assert not Notification.select().where(Notification.user == luly.id).exists()
    notification = ok(get(client, "/notifications/", steph))["notifications"][0]
    assert notification["notification_type"] == "friend-request-accepted" and notification["data"] == "luly"
    assert notification["message"] == "@luly has accepted your friendship request"


def test_reject_deletes_the_request(client, steph, luly):
    ok(post(client, "/add-frodad/luly/", steph))

    body = ok(post(client, "/frodad-requests/steph/reject/", luly))

    assert body == {"status": 200, "message": "frodad request from steph has been rejected"}
    assert Frodad.select().count() == 0 and Notification.select().count() == 0
    ok(post(client, "/add-frodad/luly/", steph))  # may ask again


def test_responding_to_your_own_request_or_none_is_refused(client, steph, luly):
    ok(post(client, "/add-frodad/luly/", steph))

    error(post(client, "/frodad-requests/luly/accept/", steph), 400, "invalid_request",
          "there is no pending frodad request from luly")
    befriend_again = post(client, "/frodad-requests/steph/accept/", luly)
    ok(befriend_again)
    error(post(client, "/frodad-requests/steph/reject/", luly), 400, "invalid_request",
          "there is no pending frodad request from steph")
    assert Frodad.get().accepted


def test_an_unknown_action_is_an_improper_response(client, steph, luly):
    ok(post(client, "/add-frodad/luly/", steph))

    error(post(client, "/frodad-requests/steph/maybe/", luly), 400, "improper_frodad_response",
          "action must be one of: accept, reject")
    assert not Frodad.get().accepted


def test_respond_to_a_missing_user_is_not_found(client, luly):
    error(post(client, "/frodad-requests/nobody/accept/", luly), 404, "object_not_found", USER_NOT_FOUND)


def test_list_requests_received_and_sent(client, steph, luly):
    kay = sign_up(client, "kay")
    ok(post(client, "/add-frodad/steph/", luly))
    ok(post(client, "/add-frodad/kay/", steph))

    body = ok(get(client, "/frodad-requests/", steph))
    none = ok(get(client, "/frodad-requests/", sign_up(client, "lonely")))

    assert body == {"status": 200, "number_received": 1,
                    "requests_received": [{"handle": "luly", "firstName": "Luly", "lastName": "Tester"}],
                    "number_sent": 1, "requests_sent": [{"handle": "kay", "firstName": "Kay", "lastName": "Tester"}]}
    assert none == {"status": 200, "number_received": 0, "requests_received": None, "number_sent": 0,
                    "requests_sent": None}
    assert kay.handle == "kay"


def test_unfrodad(client, steph, luly):
    befriend(client, steph, luly)

    assert ok(post(client, "/unfrodad/luly/", steph)) == {"status": 200, "message": "luly has been unfriended"}
    assert Frodad.select().count() == 0


def test_unfrodad_someone_not_a_frodad_is_refused(client, steph, luly):
    ok(post(client, "/add-frodad/luly/", steph))

    error(post(client, "/unfrodad/luly/", steph), 400, "invalid_request", "you and luly are not frodads")
    assert Frodad.select().count() == 1
    error(post(client, "/unfrodad/nobody/", steph), 404, "object_not_found", USER_NOT_FOUND)
