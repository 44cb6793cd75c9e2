"""Search by prefix in any case: people, groups, casties."""

from playhouse.test_utils import count_queries

from tests.cassie.helpers import approve, create_castie, create_group, follow, get, ok, post, sign_up


def test_search_people_by_handle_or_name_prefix_ordered_by_last_name(client, steph, luly):
    ok(post(client, "/add-frodad/luly/", steph))
    sign_up(client, "Lucas")

    body = ok(get(client, "/search/people/?q=LU", steph))

    assert body["search_results"] == [
        {"first_name": "Lucas", "last_name": "Tester", "handle": "Lucas", "friend_status": "not-friends"},
        {"first_name": "Luly", "last_name": "Tester", "handle": "luly", "friend_status": "pending"},
    ]
    assert [p["handle"] for p in ok(get(client, "/search/people/?q=tes", steph))["search_results"]] == [
        "Lucas", "luly", "steph"]
    assert ok(get(client, "/search/people/?q=uly", steph))["search_results"] == []  # a prefix, not a substring
    assert ok(get(client, "/search/people/?q=", steph))["search_results"] == []


def test_search_people_runs_a_fixed_number_of_queries(client, steph):
    def found():
        with count_queries() as counted:
            body = ok(get(client, "/search/people/?q=s", steph))
        return body, counted.count

    few = found()[1]
    for handle in ("sam", "sid", "sue"):
        sign_up(client, handle)
    body, many = found()

    assert len(body["search_results"]) == 4 and many == few


def test_search_groups_by_name_or_slug(client, steph):
    create_group("weather", "Boston Weather")
    create_group("bball", "Basketball")
    follow(client, steph, "weather")

    body = ok(get(client, "/search/groups/?q=bos", steph))

    assert list(body["search_results"]) == ["weather"]
    assert body["search_results"]["weather"]["following"] is True
    assert set(ok(get(client, "/search/groups/?q=B", steph))["search_results"]) == {"weather", "bball"}
    assert ok(get(client, "/search/groups/?q=%20", steph))["search_results"] == {}


def test_search_casties_the_caller_may_see(client, steph, luly):
    create_group("weather")
    create_group("secret", private=True)
    approve("secret", "steph")
    follow(client, steph, "weather")
    seen = create_castie(client, steph, question="Will it snow?")
    create_castie(client, steph, group="secret", question="Will it snow in secret?")
    create_castie(client, steph, question="Rain?")

    body = ok(get(client, "/search/casties/?q=will%20IT", luly))

    assert list(body["search_results"]) == [seen]
    assert body["search_results"][seen]["question"] == "Will it snow?"
    assert ok(get(client, "/search/casties/?q=", luly))["search_results"] == {}


def test_search_needs_q(client, steph):
    body = get(client, "/search/people/", steph).json()

    assert body == {"status": 400, "error_type": "invalid_request", "error_message": "q is required"}
