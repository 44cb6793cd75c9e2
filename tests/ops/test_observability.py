"""The access log, the request id and the metrics, after a small scenario through HTTP."""

import dataclasses
import json
import logging

import pytest

from app import create_app
from core.observability import access_log

METRICS_TOKEN = "metrics-token-of-the-tests"


@pytest.fixture
def access_lines():
    """The access log's lines, as the JSON objects they are."""
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(access_log.handlers[0].format(record))
    access_log.addHandler(handler)
    yield lambda: [json.loads(line) for line in lines]
    access_log.removeHandler(handler)


@pytest.fixture(scope="module")
def metered(config):
    with create_app(dataclasses.replace(config, metrics_token=METRICS_TOKEN)).test_client() as client:
        yield client


def test_each_request_writes_one_json_line_with_its_template_and_no_query(client, access_lines):
    client.post("/chitter/users", json={"user": {"handle": "kay", "password": "pw"}})
    client.get("/chitter/peeps/12?secret=hunter2", headers={"Authorization": "Token hunter2"})

    created, missing = access_lines()
    assert created["api"] == "chitter" and created["operation"] == "users.create_user"
    assert (created["method"], created["path"], created["status"]) == ("POST", "/chitter/users", 201)
    assert missing["path"] == "/chitter/peeps/{id}" and missing["status"] == 404
    assert {"time", "request_id", "duration_ms", "client"} <= set(missing)
    assert "hunter2" not in json.dumps([created, missing])


def test_a_request_id_is_generated_and_echoed(client, access_lines):
    response = client.get("/health")

    assert len(response.headers["x-request-id"]) == 32
    assert access_lines()[0]["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize("given, kept", [("trace-42:abc", True), ("x" * 129, False), ("a b\\", False)])
def test_a_sane_request_id_is_kept_and_another_replaced(client, access_lines, given, kept):
    response = client.get("/health", headers={"X-Request-Id": given})

    assert (response.headers["x-request-id"] == given) is kept
    assert access_lines()[0]["request_id"] == response.headers["x-request-id"]


def test_unrouted_paths_are_logged_without_an_api(client, access_lines):
    client.get("/nowhere?token=abc")

    assert access_lines()[0] | {"time": 0, "request_id": 0, "duration_ms": 0} == {
        "time": 0, "level": "INFO", "logger": "reference_apis.access", "message": "GET /nowhere 404",
        "request_id": 0, "api": "-", "operation": "-", "method": "GET", "path": "/nowhere", "status": 404,
        "duration_ms": 0, "client": "testclient",
    }  # fmt: skip


def _metric(text: str, name: str, **labels) -> float:
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    prefix = f"{name}{{{wanted}}} " if labels else f"{name} "
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(prefix))


def test_metrics_count_requests_by_api_operation_and_status(metered):
    def scrape() -> str:
        return metered.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).text

    before = scrape()
    for _ in range(3):
        metered.get("/things/stuff")  # 401: no token
    metered.get("/health")
    after = scrape()

    labels = {"api": "things", "operation": "stuff.list_stuff", "status": "401"}
    assert _metric(after, "http_requests_total", **labels) - _metric(before, "http_requests_total", **labels) == 3
    count = {"api": "service", "operation": "health.get_health"}
    assert _metric(after, "http_request_duration_seconds_count", **count) >= 1
    assert 'db_pool_connections{state="idle"}' in after
    assert "password_hash_queue" in after


def test_metrics_need_the_token(metered):
    assert metered.get("/metrics").status_code == 401
    assert metered.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_metrics_are_not_served_without_a_token_set(client):
    assert client.get("/metrics").status_code == 404
