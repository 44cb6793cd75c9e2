"""The all-in-one server: health, CORS, specs and Swagger UI, mounting, configuration."""

import dataclasses
from http import HTTPStatus

import httpx
import pytest

from app import create_app
from core import database
from core.config import Config, ConfigError


def test_health(client):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_rejects_query_parameters(client):
    response = client.get("/health?verbose=1")

    assert response.status_code == 400
    assert response.json() == {"status": 400, "error": "Bad Request"}


@pytest.fixture
def database_down(app):
    """The app's database swapped for a server that refuses connections, then restored."""
    working = app.context.database
    app.context.database = database.open_database("postgresql://nobody@127.0.0.1:1/down")
    yield
    app.context.database = working


def test_health_is_503_while_the_database_does_not_answer(client, database_down):
    response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": 503, "error": HTTPStatus(503).phrase}


def test_cors_preflight_allows_any_origin_and_the_requested_headers(client):
    response = client.options(
        "/chitter/peeps",
        headers={
            "Origin": "https://student.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-headers"] == "authorization, content-type"
    assert "PATCH" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-max-age"] == "7200"


def test_cors_headers_on_answers_and_errors(client):
    ok = client.get("/chitter/peeps", headers={"Origin": "https://student.example"})
    missing = client.get("/chitter/peeps/999", headers={"Origin": "https://student.example"})

    assert ok.headers["access-control-allow-origin"] == missing.headers["access-control-allow-origin"] == "*"


def test_each_api_serves_its_spec_and_swagger_ui(client):
    spec = client.get("/chitter/openapi.json")
    ui = client.get("/chitter/ui/")

    assert spec.status_code == 200
    assert spec.json()["info"]["title"] == "Chitter"
    assert ui.status_code == 200
    assert "swagger-ui" in ui.text


def test_unknown_route_outside_any_api(client):
    response = client.get("/nowhere")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Not Found"}


def test_unknown_route_inside_an_api_uses_its_error_shape(client):
    response = client.get("/chitter/likes")

    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "Not Found"}


def test_wrong_method_is_405_in_the_api_shape(client):
    response = client.delete("/chitter/users")

    assert response.status_code == 405
    assert response.json() == {"status": 405, "error": "Method Not Allowed"}
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_one_api_served_at_the_root(config):
    root_app = create_app(dataclasses.replace(config, api="chitter"))
    with root_app.test_client() as client:
        created = client.post("/users", json={"user": {"handle": "kay", "password": "pw"}})
        assert created.status_code == 201
        assert created.headers["location"] == f"http://testserver/users/{created.json()['id']}"
        assert client.get("/peeps/").json() == []
        assert client.get("/chitter/peeps").status_code == 404
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/openapi.json").json()["info"]["title"] == "Chitter"


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"VALIDATE_RESPONSES": "maybe"}, "VALIDATE_RESPONSES='maybe'"),
        ({"PASSWORD_HASH_PROFILE": "md5"}, "PASSWORD_HASH_PROFILE='md5'"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL='LOUD'"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY='short'"),
    ],
)
def test_bad_settings_fail_at_start_naming_the_variable(environ, message):
    with pytest.raises(ConfigError, match=message):
        Config.from_env(environ)


def test_unknown_api_fails_at_start():
    with pytest.raises(ConfigError, match="API='nope'"):
        create_app(Config(api="nope"))


def test_database_url_must_be_sqlite_or_postgres():
    with pytest.raises(ConfigError, match="DATABASE_URL='mysql://x/y'"):
        create_app(Config(database_url="mysql://x/y"))


def test_oversized_bodies_are_refused_before_parsing(client):
    huge = b'{"user": {"handle": "' + b"k" * (7 * 1024 * 1024) + b'"}}'

    response = client.post("/chitter/users", content=huge, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json() == {"status": 413, "error": HTTPStatus(413).phrase}


def test_live_server_answers_over_real_http(live_server):
    response = httpx.get(f"{live_server}/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["content-type"] == "application/json"
