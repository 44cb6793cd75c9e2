"""Needs answer, the answer screen and the side menu."""

from playhouse.test_utils import count_queries

from tests.cassie.helpers import create_castie, create_group, end_castie, error, follow, forecast, get, ok, option_ids


def test_needs_answer_counts_ended_unanswered_regular_casties(client, steph, weather):
    follow(client, steph, weather)
    assert ok(get(client, "/casties/needsanswer/", steph)) == {
        "status": 200, "needs_answer": False, "number_needing_answer": 0}
    ended, _ = create_castie(client, steph), create_castie(client, steph)
    create_castie(client, steph, poll_type="Open", closes_on_date=None, closes_on_time=None)
    end_castie(ended)

    assert ok(get(client, "/casties/needsanswer/", steph)) == {
        "status": 200, "needs_answer": True, "number_needing_answer": 1}


def test_the_answer_screen_lists_the_options_by_id(client, steph, luly, weather):
    follow(client, steph, weather)
    follow(client, luly, weather)
    uuid = create_castie(client, steph)
    options = option_ids(client, luly, uuid)
    forecast(client, luly, uuid, answer_id=options["No"])

    body = ok(get(client, f"/casties/{uuid}/answer/", steph))

    assert body == {"status": 200, "uuid": uuid, "question": "Will it rain tomorrow?", "group": "weather",
                    "allowWriteIn": False, "forecastCount": 1,
                    "answer_options": {str(options["Yes"]): "Yes", str(options["No"]): "No"}}


def test_the_answer_screen_of_a_write_in_castie_has_no_options(client, steph, weather):
    follow(client, steph, weather)
    uuid = create_castie(client, steph, answer_type="Write-in answers", answer_option=None)

    body = ok(get(client, f"/casties/{uuid}/answer/", steph))

    assert body["allowWriteIn"] is True and "answer_options" not in body


def test_only_the_creator_sees_the_answer_screen(client, steph, luly, weather):
    follow(client, steph, weather)
    uuid = create_castie(client, steph)

    error(get(client, f"/casties/{uuid}/answer/", luly), 400, "castie_not_answerable",
          "only the creator of a castie can answer it")
    error(get(client, "/casties/0123456789abcdef0123456789abcdef/answer/", steph), 404, "object_not_found")


def test_the_hamburger_lists_followed_groups_by_name_in_fixed_queries(client, steph):
    def menu():
        with count_queries() as counted:
            body = ok(get(client, "/hamburger/", steph))
        return body, counted.count

    create_group("zoo", "Zoo")
    follow(client, steph, "zoo")
    _, few = menu()
    for slug in ("apples", "mid", "unfollowed"):
        create_group(slug)
    follow(client, steph, "apples")
    follow(client, steph, "mid")

    body, many = menu()

    assert body == {"status": 200, "handle": "steph", "groups": [["Apples", "apples"], ["Mid", "mid"], ["Zoo", "zoo"]]}
    assert many == few
