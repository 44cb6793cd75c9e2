"""Helpers for Peerly tests: a loopback Google, members with real tokens, and objects.

`FakeGoogle` is a real HTTP server on 127.0.0.1 standing in for Google's userinfo
endpoint: the login handler calls it over HTTP exactly as it calls Google.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from core.config import activate, active
from models.peerly import EMPLOYEE, CoreValue, Organisation, User

URL = "/peerly"
ACCEPT = {"Accept": "application/vnd.peerly.v1"}
UNAUTHORIZED = {"error": {"code": "invalid_token", "message": "unauthorized user"}}
FORBIDDEN = {"error": {"code": "access_denied", "message": "Permission required"}}


class FakeGoogle:
    """Answers GET /oauth2/v1/userinfo with the profile of the Bearer token, as Google does."""

    def __init__(self) -> None:
        self.profiles: dict[str, dict] = {}
        self.anyone: dict | None = None  # the profile of every token it does not know, if set
        self.failures: dict[str, tuple[int, float]] = {}  # token: (status, seconds to wait first)
        self.requests: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/oauth2/v1/userinfo"

    def start(self) -> FakeGoogle:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        self.profiles.clear()
        self.anyone = None
        self.failures.clear()
        self.requests.clear()

    def knows(self, token: str, email: str, **profile) -> None:
        self.profiles[token] = {"id": "1089", "email": email, "verified_email": True, **profile}

    def fails(self, token: str, status: int, wait: float = 0.0) -> None:
        self.failures[token] = (status, wait)

    def _handler(self):
        google = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                authorization = self.headers.get("Authorization", "")
                google.requests.append({"path": self.path, "authorization": authorization})
                token = authorization.removeprefix("Bearer ")
                status, wait = google.failures.get(token, (200, 0.0))
                time.sleep(wait)
                profile = google.profiles.get(token, google.anyone)
                if status == 200 and profile is None:
                    status = 401  # Google's answer to a token it does not know
                body = profile if status == 200 else {"error": {"code": status, "message": "Invalid Credentials"}}
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(body).encode())

            def log_message(self, *args):  # keep test output quiet
                pass

        return Handler


@dataclasses.dataclass
class Member:
    id: int
    email: str
    org_id: int
    role_id: int
    token: str

    @property
    def auth(self) -> dict:
        return {"Authorization": f"Bearer {self.token}", **ACCEPT}


def make_org(domain: str, name: str | None = None, hi5_limit: int = 5, **fields) -> Organisation:
    return Organisation.create(
        name=name or domain.split(".")[0].title(),
        domain_name=domain,
        hi5_limit=hi5_limit,
        hi5_quota_renewal_frequency=fields.pop("hi5_quota_renewal_frequency", "WEEKLY"),
        **fields,
    )


def log_in(client, google: FakeGoogle, email: str, **profile) -> str:
    token = f"google-token-for-{email}"
    google.knows(token, email, **profile)
    response = client.post(f"{URL}/oauth/google", json={"access_token": token}, headers=ACCEPT)
    assert response.status_code == 200, response.text
    return response.json()["data"]["token"]


def member(client, google: FakeGoogle, organisation: Organisation, name: str, role_id: int = EMPLOYEE) -> Member:
    """A user of `organisation` with `role_id`, logged in through POST /oauth/google."""
    email = f"{name.lower()}@{organisation.domain_name}"
    if role_id != EMPLOYEE:  # first logins make Employees; others are made by an admin
        User.create(
            org=organisation, email=email, first_name=name, role_id=role_id, hi5_quota_balance=organisation.hi5_limit
        )
    token = log_in(client, google, email, given_name=name, family_name="Tester", name=f"{name} Tester")
    user = User.get(User.email == email)
    return Member(user.id, email, organisation.id, role_id, token)


def make_core_value(organisation, text: str = "Teamwork", **fields) -> CoreValue:
    return CoreValue.create(org=organisation, text=text, description=f"{text}, described", **fields)


def recognise(client, giver: Member, receiver: Member, core_value: CoreValue, text: str = "Thanks!") -> dict:
    body = {"given_for": receiver.id, "core_value_id": core_value.id, "text": text}
    response = client.post(f"{URL}/recognitions", json=body, headers=giver.auth)
    assert response.status_code == 201, response.text
    return response.json()["data"]


def error(code: str, message: str, **fields: str) -> dict:
    body = {"code": code, "message": message}
    return {"error": {**body, "fields": fields} if fields else body}


@contextlib.contextmanager
def pointed_at(google: FakeGoogle) -> Iterator[FakeGoogle]:
    """The app's PEERLY_GOOGLE_USERINFO_URL set to `google` while the block runs."""
    with userinfo_url(google.url):
        yield google


@contextlib.contextmanager
def userinfo_url(url: str) -> Iterator[None]:
    """The running app's PEERLY_GOOGLE_USERINFO_URL while the block runs: settings are read
    once, at start-up, so the environment variable would not reach it."""
    saved = active()
    activate(dataclasses.replace(saved, peerly_google_userinfo_url=url))
    try:
        yield
    finally:
        activate(saved)


def closed_port_url() -> str:
    """A loopback URL nothing listens on (a port the system just gave out and took back)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/oauth2/v1/userinfo"


@contextlib.contextmanager
def google_in_place() -> Iterator[FakeGoogle]:
    """A FakeGoogle, started, with the app pointed at it while the block runs."""
    google = FakeGoogle().start()
    try:
        with pointed_at(google):
            yield google
    finally:
        google.stop()
