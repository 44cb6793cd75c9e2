"""The one error shape, for errors raised before any handler runs too; paths with or without a slash."""

import dataclasses

import pytest

from app import create_app
from tests.bucketlist.helpers import API, assert_failed, bearer, create_bucket, create_item
from tests.spec_operations import TOO_LARGE, operations_documenting


def test_unknown_route_is_endpoint_not_found(client):
    assert_failed(client.get("/bucketlist/home"), 404, "Endpoint not found")


def test_wrong_method_is_405_naming_the_allowed_ones(client):
    response = client.delete(f"{API}/bucketlists/1/items")

    assert_failed(response, 405, "The method is not allowed for the requested URL")
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}


@pytest.mark.parametrize("method, path", operations_documenting("bucketlist", "413"))
def test_a_body_over_the_limit_is_refused_in_the_failed_shape(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "application/json"})

    assert_failed(response, 413, "Request Entity Too Large")  # as documented, on every Python


def test_the_spec_is_served(client):
    spec = client.get("/bucketlist/openapi.json")

    assert spec.status_code == 200
    assert spec.json()["info"]["title"] == "Bucket list"


@pytest.mark.parametrize("slash", ["", "/"])
def test_every_path_is_served_with_and_without_a_trailing_slash(client, member, slash):
    bucket = create_bucket(client, member)
    item = create_item(client, member, bucket["id"])
    login = {"email": member.email, "password": member.password}
    paths = [
        f"/bucketlists/{bucket['id']}",
        f"/bucketlists/{bucket['id']}/items",
        f"/bucketlists/{bucket['id']}/items/{item['id']}",
        "/bucketlists",
    ]

    assert client.post(f"{API}/auth/login{slash}", json=login).status_code == 200
    for path in paths:
        assert client.get(f"{API}{path}{slash}", headers=member.auth).status_code == 200, path
    assert client.post(f"{API}/auth/logout{slash}", headers=member.auth).status_code == 200


def test_served_alone_at_the_root_its_links_have_no_base_path(config):
    with create_app(dataclasses.replace(config, api="bucketlist")).test_client() as root:
        token = root.post("/v1/auth/register", json={"email": "root@gmail.com", "password": "123456"}).json()
        auth = bearer(token["auth_token"])
        for _ in range(2):
            assert root.post("/v1/bucketlists/", json={"name": "Travel"}, headers=auth).status_code == 201

        listed = root.get("/v1/bucketlists", params={"limit": 1}, headers=auth).json()

        assert listed["next"] == "http://testserver/v1/bucketlists?limit=1&page=2"
        assert_failed(root.get("/bucketlist/v1/bucketlists", headers=auth), 404, "Endpoint not found")
