"""Notifications: listed newest first (which marks them read), the synthesised
castie-needs-answer ones, and marking one read."""

from datetime import timedelta

from models.base import utc_now
from models.cassie import Notification
from tests.cassie.helpers import create_castie, end_castie, error, follow, get, ok, post, sign_up

NOT_FOUND = "the requested notification could not be found"


def test_listing_shows_unread_state_then_marks_everything_read(client, steph, luly):
    ok(post(client, "/add-frodad/steph/", luly))
    Notification.update(created_at=utc_now() - timedelta(days=2, hours=1)).execute()
    stored = Notification.get()

    first = ok(get(client, "/notifications/", steph))["notifications"]
    second = ok(get(client, "/notifications/", steph))["notifications"]

    assert first == [{
        "id": str(stored.id), "created_on_date": stored.created_at.strftime("%Y-%m-%d"),
        "created_on_time": stored.created_at.strftime("%H:%M:%S"), "timesince_created": "2 days ago",
        "message": "@luly has sent you a friendship request", "notification_type": "friend-request-received",
        "data": "luly", "has_been_read": False,
    }]
    assert second[0]["has_been_read"] is True


def test_casties_needing_an_answer_are_always_unread_and_not_stored(client, steph, weather):
    follow(client, steph, weather)
    uuid = create_castie(client, steph)
    end_castie(uuid)

    for _ in range(2):
        listed = ok(get(client, "/notifications/", steph))["notifications"]
        assert listed[0]["id"] is None and listed[0]["notification_type"] == "castie-needs-answer"
        assert listed[0]["data"] == uuid and listed[0]["has_been_read"] is False
        assert listed[0]["message"] == "Your Castie has ended- time to answer it!"
    assert Notification.select().count() == 0


def test_mark_a_notification_read(client, steph, luly):
    ok(post(client, "/add-frodad/steph/", luly))
    stored = Notification.get()

    body = ok(post(client, f"/notifications/{stored.id}/read/", steph))
    again = ok(post(client, f"/notifications/{stored.id}/read/", steph))

    assert body == again == {"status": 200, "id": str(stored.id), "has_been_read": True,
                             "message": "notification has been read"}
    assert Notification.get_by_id(stored.id).has_been_read
    assert ok(get(client, "/initialize/", steph))["number_notifications"] == 0


def test_mark_someone_elses_or_a_missing_notification_is_not_found(client, steph, luly):
    ok(post(client, "/add-frodad/steph/", luly))
    stored = Notification.get()

    for member, notification_id in ((luly, stored.id), (steph, stored.id + 1)):
        assert error(post(client, f"/notifications/{notification_id}/read/", member), 404, "object_not_found",
                     NOT_FOUND) == {"status": 404, "error_type": "object_not_found", "error_message": NOT_FOUND}
    assert not Notification.get_by_id(stored.id).has_been_read


def test_mark_read_with_a_malformed_id_is_not_found(client, steph):
    error(post(client, "/notifications/abc/read/", steph), 404, "object_not_found")


def test_filtered_listing_answers_one_list_per_type_and_marks_only_those_read(client, steph, luly, weather):
    follow(client, steph, weather)
    end_castie(create_castie(client, steph))
    ok(post(client, "/add-frodad/steph/", luly))
    ok(post(client, "/frodad-requests/luly/accept/", steph))
    ok(post(client, "/add-frodad/steph/", sign_up(client, "kay")))

    query = "notification_type=friend-request-received&notification_type=castie-needs-answer"
    body = ok(client.get(f"/cassie/api/notifications/?{query}", headers=steph.auth))

    assert set(body) == {"status", "friend-request-received", "castie-needs-answer"}
    assert [n["data"] for n in body["friend-request-received"]] == ["kay"]
    assert len(body["castie-needs-answer"]) == 1
    assert Notification.get(Notification.data == "kay").has_been_read
