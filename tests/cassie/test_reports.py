"""Reporting casties and comments: recorded once per reporter; a reported comment is hidden."""

from models.cassie import Comment, Report
from tests.cassie.helpers import approve, create_castie, create_group, error, follow, get, ok, post


def test_report_a_castie_once_per_reporter(client, steph, luly, weather):
    follow(client, steph, weather)
    uuid = create_castie(client, steph)

    for _ in range(2):
        body = ok(post(client, f"/report/castie/{uuid}/", luly))
        assert body == {"status": 200, "message": "castie has been reported"}

    assert Report.select().where(Report.reporter == luly.id).count() == 1
    ok(get(client, f"/casties/{uuid}/", luly))  # still listed: an administrator judges


def test_a_reported_comment_is_hidden_from_lists(client, steph, luly, weather):
    follow(client, steph, weather)
    uuid = create_castie(client, steph)
    comment = ok(post(client, f"/casties/{uuid}/comment/", steph, data={"commentText": "rude"}))["commentUUID"]

    body = ok(post(client, f"/report/comment/{comment}/", luly))

    assert body == {"status": 200, "message": "comment has been reported"}
    assert Comment.get(Comment.uuid == comment).is_offensive
    assert ok(get(client, f"/casties/{uuid}/comments/", steph))["comments"] == []
    assert ok(get(client, f"/casties/{uuid}/", steph))["castie"]["commentsCount"] == 0


def test_reporting_what_the_caller_cannot_see_is_not_found(client, steph, luly):
    create_group("secret", private=True)
    approve("secret", "steph")
    uuid = create_castie(client, steph, group="secret")
    comment = ok(post(client, f"/casties/{uuid}/comment/", steph, data={"commentText": "hi"}))["commentUUID"]

    error(post(client, f"/report/castie/{uuid}/", luly), 404, "object_not_found")
    error(post(client, f"/report/comment/{comment}/", luly), 404, "object_not_found",
          "the requested comment could not be found")
    assert not Comment.get(Comment.uuid == comment).is_offensive
