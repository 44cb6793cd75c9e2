"""Comments: listed newest first (query count pinned), created (≤ 500 characters), and
deleted by their author only."""

import pytest
from playhouse.test_utils import count_queries

from models.cassie import Comment
from tests.cassie.helpers import approve, befriend, create_castie, create_group, error, follow, get, ok, post, sign_up

NOT_FOUND = "the requested comment could not be found"


@pytest.fixture
def castie(client, steph, weather):
    follow(client, steph, weather)
    return create_castie(client, steph)


def comment(client, member, castie, text="I love Cassie so much!"):
    return ok(post(client, f"/casties/{castie}/comment/", member, data={"commentText": text}))


def test_create_a_comment(client, luly, castie):
    body = comment(client, luly, castie)

    stored = Comment.get()
    assert body == {"status": 200, "handle": "luly", "commentText": "I love Cassie so much!",
                    "comment": "created successfully", "commentUUID": stored.uuid, "castieUUID": castie}
    assert len(stored.uuid) == 32 and stored.user_id == luly.id


def test_a_comment_may_be_500_characters_but_no_more(client, luly, castie):
    comment(client, luly, castie, "x" * 500)

    response = post(client, f"/casties/{castie}/comment/", luly, data={"commentText": "x" * 501})

    error(response, 400, "comment_not_created", "commentText must be 500 characters or less")
    assert Comment.select().count() == 1


def test_an_empty_comment_is_refused(client, luly, castie):
    error(post(client, f"/casties/{castie}/comment/", luly, data={"commentText": " "}), 400, "comment_not_created",
          "commentText must not be blank")
    # The spec requires the form (so a generator never sends it bare): no body is refused by name.
    error(post(client, f"/casties/{castie}/comment/", luly, data={}), 400, "missing_request_data",
          "the form was not sent in request")


def test_comment_on_a_missing_castie_is_not_found(client, luly):
    error(post(client, f"/casties/{'0' * 32}/comment/", luly, data={"commentText": "hi"}), 404, "object_not_found")


def test_commenting_notifies_frodads_who_took_part(client, steph, luly, castie):
    outsider = sign_up(client, "outsider")
    befriend(client, luly, steph)
    befriend(client, luly, outsider)
    ok(get(client, "/notifications/", steph))  # read the acceptance

    comment(client, luly, castie)

    notification = ok(get(client, "/notifications/", steph))["notifications"][0]
    assert notification["notification_type"] == "castie-friend-commented" and notification["data"] == castie
    kinds = [n["notification_type"] for n in ok(get(client, "/notifications/", outsider))["notifications"]]
    assert "castie-friend-commented" not in kinds  # a frodad, but not in this castie


def test_list_comments_newest_first_in_a_fixed_number_of_queries(client, steph, luly, castie):
    comment(client, luly, castie, "first")

    def listed():
        with count_queries() as counted:
            body = ok(get(client, f"/casties/{castie}/comments/", steph))
        return body, counted.count

    _, few = listed()
    for n in range(4):
        comment(client, steph if n % 2 else luly, castie, f"more {n}")
    body, many = listed()

    assert few == many == 3  # authenticate, castie (with its number of comments), comments with their authors
    assert body["numberComments"] == 5 and body["uuid"] == castie
    assert [c["commentText"] for c in body["comments"]] == ["more 3", "more 2", "more 1", "more 0", "first"]
    newest = Comment.get(Comment.text == "more 3")
    assert body["comments"][0] == {
        "handle": "steph", "firstName": "Steph", "lastName": "Tester", "profPic": "", "commentUUID": newest.uuid,
        "commentText": "more 3", "commentDate": newest.created_at.strftime("%Y-%m-%d"),
        "commentTime": newest.created_at.strftime("%H:%M:%S"), "isOffensive": False,
    }


def test_offensive_comments_are_left_out(client, steph, luly, castie):
    comment(client, luly, castie, "rude")
    comment(client, luly, castie, "nice")
    Comment.update(is_offensive=True).where(Comment.text == "rude").execute()

    body = ok(get(client, f"/casties/{castie}/comments/", steph))

    assert body["numberComments"] == 1 and [c["commentText"] for c in body["comments"]] == ["nice"]
    assert ok(get(client, "/home/new/", steph))["casties"][castie]["commentsCount"] == 1


def test_list_comments_of_a_missing_castie_is_not_found(client, steph):
    error(get(client, f"/casties/{'0' * 32}/comments/", steph), 404, "object_not_found")


def test_delete_your_comment(client, luly, castie):
    uuid = comment(client, luly, castie)["commentUUID"]

    assert ok(post(client, f"/comments/{uuid}/delete/", luly)) == {"status": 200, "comment": "deleted"}
    assert Comment.select().count() == 0


def test_delete_someone_elses_comment_is_refused(client, steph, luly, castie):
    uuid = comment(client, luly, castie)["commentUUID"]

    error(post(client, f"/comments/{uuid}/delete/", steph), 400, "invalid_request",
          "only the User who created the comment can delete it")
    assert Comment.select().count() == 1


@pytest.mark.parametrize("uuid", ["0" * 32, "nonsense"])
def test_delete_a_missing_comment_is_not_found(client, luly, uuid):
    assert error(post(client, f"/comments/{uuid}/delete/", luly), 404, "object_not_found", NOT_FOUND) == {
        "status": 404, "error_type": "object_not_found", "error_message": NOT_FOUND}


def test_comments_in_a_private_group_are_hidden_from_outsiders(client, steph, luly):
    create_group("secret", private=True)
    approve("secret", "steph")
    uuid = create_castie(client, steph, group="secret")
    comment_uuid = comment(client, steph, uuid)["commentUUID"]

    error(get(client, f"/casties/{uuid}/comments/", luly), 404, "object_not_found")
    error(post(client, f"/comments/{comment_uuid}/delete/", luly), 404, "object_not_found", NOT_FOUND)
