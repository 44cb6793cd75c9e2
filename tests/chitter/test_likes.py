import pytest

from models.chitter import Like
from tests.chitter.helpers import assert_access_denied, post_peep


def like_url(peep, member):
    return f"/chitter/peeps/{peep['id']}/likes/{member.id}"


@pytest.fixture
def matts_peep(client, dog):
    return post_peep(client, dog, "a peep by someone else")


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"headers": {"Content-Type": "application/json"}},
        {"json": {}},
        {"content": b"5", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
    ],
    ids=["no-body", "empty-json", "empty-object", "stray-form-body"],
)
@pytest.mark.parametrize("method", ["put", "patch"])
def test_like_answers_201_with_the_user_whatever_the_body(client, kay, matts_peep, method, extra):
    headers = {**kay.auth, **extra.pop("headers", {})}

    response = client.request(method, like_url(matts_peep, kay), headers=headers, **extra)

    assert response.status_code == 201, response.text
    assert response.json() == {"user": {"id": kay.id, "handle": "Kay"}}
    assert response.headers["location"] == f"http://testserver{like_url(matts_peep, kay)}"
    assert Like.select().where(Like.user == kay.id, Like.peep == matts_peep["id"]).count() == 1


def test_like_twice_is_rejected(client, kay, matts_peep):
    client.put(like_url(matts_peep, kay), headers=kay.auth)

    response = client.put(like_url(matts_peep, kay), headers=kay.auth)

    assert response.status_code == 422
    assert response.json() == {"user": ["has already been taken"]}
    assert Like.select().count() == 1


def test_users_may_like_their_own_peeps(client, dog, matts_peep):
    assert client.put(like_url(matts_peep, dog), headers=dog.auth).status_code == 201


def test_like_as_another_user_is_denied(client, kay, dog, matts_peep):
    assert_access_denied(client.put(like_url(matts_peep, dog), headers=kay.auth))
    assert Like.select().count() == 0


def test_like_with_bad_key_is_denied(client, kay, matts_peep):
    assert_access_denied(client.put(like_url(matts_peep, kay), headers={"Authorization": "Token token=horse"}))
    assert_access_denied(client.put(like_url(matts_peep, kay)))
    assert Like.select().count() == 0


def test_like_missing_peep_or_user_is_not_found(client, kay, matts_peep):
    missing_peep = client.put(f"/chitter/peeps/999/likes/{kay.id}", headers=kay.auth)
    missing_user = client.put(f"/chitter/peeps/{matts_peep['id']}/likes/999", headers=kay.auth)

    assert missing_peep.status_code == missing_user.status_code == 404
    assert missing_peep.json() == {"status": 404, "error": "Not Found"}


def test_unlike_answers_204_and_removes_the_like(client, kay, matts_peep):
    client.put(like_url(matts_peep, kay), headers=kay.auth)

    response = client.delete(like_url(matts_peep, kay), headers={**kay.auth, "Content-Type": "application/json"})

    assert response.status_code == 204
    assert response.content == b""
    assert Like.select().count() == 0
    assert client.get(f"/chitter/peeps/{matts_peep['id']}").json()["likes"] == []


def test_unlike_when_not_liked_is_not_found(client, kay, matts_peep):
    response = client.delete(like_url(matts_peep, kay), headers=kay.auth)

    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Not Found"}


def test_unlike_someone_elses_like_is_denied(client, kay, dog, matts_peep):
    client.put(like_url(matts_peep, dog), headers=dog.auth)

    assert_access_denied(client.delete(like_url(matts_peep, dog), headers=kay.auth))
    assert Like.select().count() == 1


def test_unlike_with_bad_key_is_denied(client, kay, matts_peep):
    client.put(like_url(matts_peep, kay), headers=kay.auth)

    assert_access_denied(client.delete(like_url(matts_peep, kay), headers={"Authorization": "Token token=horse"}))
    assert Like.select().count() == 1
