"""The all-in-one server: health, CORS, specs and Swagger UI, mounting, configuration."""

import dataclasses
import json
import re
from http import HTTPStatus

import httpx
import pytest
import yaml

from app import create_app, migrate
from core import database
from core.config import SPECS, Config, ConfigError


def test_health(client):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "pending_migrations": 0}


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
    assert response.json() == {"status": "unavailable", "database": "down", "pending_migrations": None}


def test_health_is_503_while_migrations_are_pending(app, client, tmp_path):
    """A database emptied (or replaced) under a running server: not ready until migrated."""
    working = app.context.database
    app.context.database = database.open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        response = client.get("/health")
    finally:
        app.context.database = working

    assert response.status_code == 503
    assert response.json()["database"] == "up"
    assert response.json()["pending_migrations"] >= 7


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


@pytest.mark.parametrize("api", ["chitter", "bucketlist", "things", "cassie", "peerly"])
def test_each_api_serves_its_hand_written_spec_in_json_and_yaml(client, api):
    as_json = client.get(f"/{api}/openapi.json")
    as_yaml = client.get(f"/{api}/openapi.yaml")
    written = yaml.safe_load((SPECS / f"{api}.yaml").read_text())

    assert as_json.headers["content-type"] == "application/json"
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert json.loads(json.dumps(yaml.safe_load(as_yaml.text), default=str)) == as_json.json()
    assert as_json.json()["components"]["schemas"].keys() == written["components"]["schemas"].keys()
    assert '"$ref": "#/components/' in as_json.text
    assert re.search(r"x-\w+Func", as_json.text + as_yaml.text) is None
    assert as_json.json()["servers"] == [{"url": f"/{api}"}]


@pytest.mark.parametrize("api", ["chitter", "peerly"])
def test_each_api_serves_redoc_from_its_own_bundle(client, api):
    page = client.get(f"/{api}/redoc")
    bundle = client.get(f"/{api}/redoc.standalone.js")

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'<redoc spec-url="/{api}/openapi.json">' in page.text
    assert f'src="/{api}/redoc.standalone.js"' in page.text  # served here: no CDN, works offline
    assert "<title>" + client.get(f"/{api}/openapi.json").json()["info"]["title"] in page.text
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")
    assert len(bundle.content) > 1_000_000 and b"Redoc" in bundle.content


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
        assert client.get("/health").json()["status"] == "ok"
        assert client.get("/openapi.json").json()["info"]["title"] == "Chitter"
        assert client.get("/openapi.json").json()["servers"] == [{"url": "/"}]


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
    assert response.json() == {"status": 413, "error": "Request Entity Too Large"}


# Python 3.13's HTTPStatus names, after RFC 9110.
RENAMED_IN_313 = {413: "Content Too Large", 416: "Range Not Satisfiable", 422: "Unprocessable Content"}


class _HttpOf313:
    class HTTPStatus:
        def __init__(self, status: int):
            self.phrase = RENAMED_IN_313.get(status) or HTTPStatus(status).phrase


def test_error_bodies_keep_the_documented_phrases_on_python_313(client, monkeypatch):
    import core.errors

    monkeypatch.setattr(core.errors, "http", _HttpOf313)
    documented = yaml.safe_load((SPECS / "chitter.yaml").read_text())["components"]["responses"]["PayloadTooLarge"]

    huge = b"x" * (7 * 1024 * 1024)
    response = client.post("/chitter/users", content=huge, headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.json() == documented["content"]["application/json"]["example"]
    assert response.json() == {"status": 413, "error": "Request Entity Too Large"}


def test_live_server_answers_over_real_http(live_server):
    response = httpx.get(f"{live_server}/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["content-type"] == "application/json"


def _check_email(client, key: str) -> int:
    response = client.post("/cassie/api/signup/email/", data={"email": "kay@example.com"}, headers={"Api-Key": key})
    return response.status_code


def test_two_apps_with_different_settings_live_in_one_process(config, tmp_path):
    """Each app answers with its own settings and its own database, whichever was built last."""
    first = create_app(dataclasses.replace(config, cassie_api_key="first-app-key"))
    second_config = dataclasses.replace(
        config, database_url=f"sqlite:///{tmp_path / 'second.db'}", cassie_api_key="second-app-key"
    )
    migrate(second_config)
    second = create_app(second_config)

    with first.test_client() as one, second.test_client() as two:
        created = one.post("/chitter/users", json={"user": {"handle": "kay", "password": "pw"}})

        assert created.status_code == 201
        assert [user["handle"] for user in one.get("/chitter/users").json()] == ["kay"]
        assert two.get("/chitter/users").json() == []
        assert (_check_email(one, "first-app-key"), _check_email(one, "second-app-key")) == (200, 401)
        assert (_check_email(two, "first-app-key"), _check_email(two, "second-app-key")) == (401, 200)


def test_an_app_refuses_a_database_with_pending_migrations(config, tmp_path):
    fresh = dataclasses.replace(config, database_url=f"sqlite:///{tmp_path / 'fresh.db'}")

    with pytest.raises(ConfigError, match=r"DATABASE_URL: \d+ migrations pending .* run `reference-apis migrate`"):
        create_app(fresh)
