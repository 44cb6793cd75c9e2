"""Helpers for Cassie tests: members signed up through the four steps, groups, casties."""

from __future__ import annotations

import base64
import dataclasses
import io
from datetime import timedelta

from PIL import Image

from commands.cassie import admin
from handlers.cassie import DEVELOPMENT_KEY
from models.base import utc_now
from models.cassie import Castie, User

API = "/cassie/api"
APP = {"Api-Key": DEVELOPMENT_KEY}


@dataclasses.dataclass
class Member:
    id: int
    handle: str
    email: str
    password: str

    @property
    def auth(self) -> dict:
        credentials = base64.b64encode(f"{self.email}:{self.password}".encode()).decode()
        return {**APP, "Authorization": f"Basic {credentials}"}


def post(client, path: str, member: Member | None = None, **kwargs):
    headers = {**(member.auth if member else APP), **kwargs.pop("headers", {})}
    return client.post(f"{API}{path}", headers=headers, **kwargs)


def get(client, path: str, member: Member, **kwargs):
    return client.get(f"{API}{path}", headers=member.auth, **kwargs)


def ok(response) -> dict:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == 200
    return body


def error(response, status: int, error_type: str, message: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and body["error_type"] == error_type, body
    if message is not None:
        assert body["error_message"] == message
    return body


def image_bytes(kind: str = "PNG", size=(4, 4)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=kind)
    return out.getvalue()


def sign_up(client, handle: str, password: str = "mypassword", picture: bytes | None = None) -> Member:
    email = f"{handle.lower()}@example.com"
    ok(post(client, "/signup/email/", data={"email": email}))
    user = ok(post(client, "/signup/password/", data={"email": email, "password": password}))
    fields = {"email": email, "first_name": handle.title(), "last_name": "Tester", "handle": handle}
    ok(post(client, "/signup/handle/", data=fields))
    files = {"profPic": ("me.png", picture, "image/png")} if picture else None
    if files:
        ok(post(client, "/signup/picture/", data={"email": email, "handle": handle}, files=files))
    else:
        ok(post(client, "/signup/picture/", data={"email": email, "handle": handle}))
    return Member(User.get(User.email == user["email"]).id, handle, email, password)


def create_group(slug: str, name: str | None = None, private: bool = False, **options: str) -> None:
    flags = [f"--{key.replace('_', '-')}={value}" for key, value in options.items()]
    argv = ["create-group", "--slug", slug, "--name", name or slug.title(), *(["--private"] if private else []), *flags]
    assert admin.main(argv) == 0


def approve(group: str, handle: str) -> None:
    assert admin.main(["approve", "--group", group, "--handle", handle]) == 0


def follow(client, member: Member, slug: str) -> dict:
    return ok(post(client, f"/groups/{slug}/follow/", member))


def castie_form(group: str = "weather", **fields) -> dict:
    form = {
        "group_slug": group,
        "poll_type": "Regular",
        "closes_on_date": (utc_now() + timedelta(days=2)).strftime("%Y-%m-%d"),
        "closes_on_time": "12:00",
        "question": "Will it rain tomorrow?",
        "answer_type": "Set answer options",
        "answer_option": ["Yes", "No"],
        "display_created_by": "True",
    }
    form.update(fields)
    return {key: value for key, value in form.items() if value is not None}


def create_castie(client, member: Member, **fields) -> str:
    body = ok(post(client, "/casties/create/", member, data=castie_form(**fields)))
    return body["castie_uuid"]


def end_castie(uuid: str) -> None:
    """Moves a castie's closing time into the past, as time passing would."""
    Castie.update(ends_at=utc_now() - timedelta(minutes=1)).where(Castie.uuid == uuid).execute()


def option_ids(client, member: Member, uuid: str) -> dict[str, int]:
    castie = ok(get(client, f"/casties/{uuid}/", member))["castie"]
    return {result["answer_text"]: result["answer_id"] for result in castie["forecasts"]}


def forecast(client, member: Member, uuid: str, **fields) -> dict:
    return ok(post(client, f"/casties/{uuid}/forecast/", member, data=fields))


def befriend(client, one: Member, other: Member) -> None:
    ok(post(client, f"/add-frodad/{other.handle}/", one))
    ok(post(client, f"/frodad-requests/{one.handle}/accept/", other))
