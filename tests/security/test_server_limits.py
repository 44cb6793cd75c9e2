"""The server's own limits, as scripts/serve starts uvicorn (core.limits.UVICORN_OPTIONS),
the headers every answer carries, and the 431 every operation of every spec documents."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import httpx
import pytest
import uvicorn

from core import database
from core.limits import MAX_HEADER_BYTES, UVICORN_OPTIONS
from tests.chitter.helpers import member
from tests.security.specs import APIS, documented_example, example_body, operations, shape_errors


@contextlib.contextmanager
def serving(app, **overrides):
    """The app behind uvicorn with scripts/serve's options (and `overrides`), on a free port."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    options = {**UVICORN_OPTIONS, **overrides}
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off", **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield sock.getsockname()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def half_sent_request(address) -> socket.socket:
    connection = socket.create_connection(address, timeout=5)
    connection.sendall(b"GET /chitter/peeps HTTP/1.1\r\nHost: localhost\r\n")  # never finished
    return connection


def test_answers_name_no_server_and_are_never_sniffed(app, client):
    kay = member(client, "kay")
    with serving(app) as (host, port):
        public = httpx.get(f"http://{host}:{port}/chitter/peeps", timeout=5)
        private = httpx.get(f"http://{host}:{port}/things/stuff", headers={"Authentication": "bearer x"}, timeout=5)
        own = httpx.post(
            f"http://{host}:{port}/chitter/peeps", json={"peep": {"user_id": kay.id, "body": "hi"}}, headers=kay.auth
        )

    assert "server" not in public.headers
    assert public.headers["x-content-type-options"] == "nosniff"
    assert "cache-control" not in public.headers
    assert private.status_code == 401 and private.headers["x-content-type-options"] == "nosniff"
    assert private.headers["cache-control"] == "no-store"
    assert own.status_code == 201 and own.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "path, body",
    [
        ("/chitter/peeps", {"status": 431, "error": "Request Header Fields Too Large"}),
        ("/things/stuff", {"code": 431, "message": f"The request headers are over {MAX_HEADER_BYTES} bytes"}),
    ],
)
def test_headers_over_the_limit_are_refused_in_the_apis_shape(client, path, body):
    response = client.get(path, headers={"X-Padding": "x" * MAX_HEADER_BYTES})

    assert response.status_code == 431
    assert response.json() == body


def test_connections_over_the_cap_are_refused_at_once_and_the_server_recovers(app):
    cap = 8
    with serving(app, limit_concurrency=cap) as address:
        held = [half_sent_request(address) for _ in range(cap + 2)]
        time.sleep(0.2)
        started = time.monotonic()
        refused = httpx.get(f"http://{address[0]}:{address[1]}/health", timeout=5)
        refused_after = time.monotonic() - started
        for connection in held:
            connection.close()
        time.sleep(0.2)
        served = httpx.get(f"http://{address[0]}:{address[1]}/health", timeout=5)

    assert refused.status_code == 503 and refused_after < 1
    assert served.status_code == 200


def test_an_idle_keep_alive_connection_is_closed_after_the_timeout(app):
    with serving(app, timeout_keep_alive=1) as address:
        connection = socket.create_connection(address, timeout=5)
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert connection.recv(4096).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        closed = connection.recv(4096)  # blocks until the server hangs up
        waited = time.monotonic() - started
        connection.close()

    assert closed == b"" and 0.5 < waited < 3


def rows() -> dict[str, list]:
    """Every table, row by row."""
    db = database.db
    with db.connection_context():
        return {t: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{t}"').fetchall())) for t in db.get_tables()}


def padded_request(client, op, credentials: dict):
    """`op` with its example body and a member's credentials, its headers over the limit."""
    headers = {**credentials, "X-Padding": "x" * MAX_HEADER_BYTES}
    media, body = example_body(op) or (None, None)
    if media is None:
        return client.request(op.method, op.url(), headers=headers)
    if media == "application/json":
        return client.request(op.method, op.url(), headers=headers, json=body)
    if media == "multipart/form-data":
        files = {name: (None, str(value)) for name, value in body.items()}
        return client.request(op.method, op.url(), headers=headers, files=files)
    return client.request(op.method, op.url(), headers=headers, data=body)


EVERY_OPERATION = [pytest.param(op, id=op.id) for api in (*APIS, "service") for op in operations(api)]


@pytest.mark.parametrize("op", EVERY_OPERATION)
def test_every_operation_answers_its_documented_431_and_changes_nothing(client, everyone, op):
    before = rows()
    response = padded_request(client, op, everyone.get(op.api, {}))

    assert response.status_code == 431 and "431" in op.statuses, response.text
    assert shape_errors(op, response) == [], response.text
    assert response.json() == documented_example(op, 431)
    assert rows() == before
