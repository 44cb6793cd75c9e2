"""The service started as users start it: uvicorn on app:app, and reference-apis serve with
several workers, on a fresh database, over real HTTP (loopback, bounded in time)."""

import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from core.config import ROOT

METRICS_TOKEN = "metrics-token-of-the-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def log(tmp_path):
    """Where a server's output goes: a file (a pipe nobody reads would fill and stall it)."""
    with open(tmp_path / "server.log", "w+") as file:
        yield file


@pytest.fixture
def environ(tmp_path):
    return {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
        "PASSWORD_HASH_PROFILE": "fast",
        "METRICS_TOKEN": METRICS_TOKEN,
    }


def start(command: list, environ: dict, log) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base: str, process: subprocess.Popen, log, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.seek(0) or log.read()
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not become ready")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_uvicorn_app_app_refuses_a_fresh_database_then_serves_it_migrated(environ, log):
    port = free_port()
    uvicorn = [sys.executable, "-m", "uvicorn", "app:app", "--port", str(port), "--log-level", "warning"]

    refused = subprocess.run(uvicorn, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60)
    migrated = subprocess.run([sys.executable, "-m", "commands", "migrate"], cwd=ROOT, env=environ,
                              capture_output=True, text=True, timeout=60)  # fmt: skip
    server = start(uvicorn, environ, log)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server, log)
        signed_up = httpx.post(f"{base}/things/users", json={"username": "kay", "password": "secret-password"})
    finally:
        stop(server)

    assert refused.returncode == 2
    assert re.match(r"app:app: DATABASE_URL: \d+ migrations pending \(0001_service, \.\.\.\)", refused.stderr)
    assert len(refused.stderr.splitlines()) == 1 and "run `reference-apis migrate`" in refused.stderr
    assert migrated.returncode == 0 and "applied 0001_service" in migrated.stdout
    assert signed_up.status_code == 201


def _total(metrics: str, name: str, **labels) -> float:
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines() if line.startswith(f"{name}{{{wanted}}}"))


def test_serve_with_two_workers_adds_up_every_workers_metrics(environ, log):
    port = free_port()
    server = start([sys.executable, "-m", "commands", "serve", "--workers", "2", "--port", str(port)], environ, log)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server, log, seconds=60)
        # A connection per request, so both workers answer requests and scrapes.
        statuses = [httpx.get(f"{base}/things/stuff").status_code for _ in range(40)]
        bearer = {"Authorization": f"Bearer {METRICS_TOKEN}"}
        scrapes = [httpx.get(f"{base}/metrics", headers=bearer).text for _ in range(6)]
    finally:
        stop(server)

    assert statuses == [401] * 40
    totals = {_total(text, "http_requests_total", api="things", operation="stuff.list_stuff", status="401")
              for text in scrapes}  # fmt: skip
    assert totals == {40.0}, "every scrape, whichever worker answers it, counts every worker's requests"
