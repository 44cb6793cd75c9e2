"""Peerly's floors: an organisation's recognitions (newest first, with core value, both
people and hi5 count) and its users, a page each.

Authentication as ours: the JWT (HS256, issuer and audience, the `https://peerly.com`
claim well formed), then one statement for what ours asks in two: not logged out, and
its user still current with that role in that organisation. The role decides what the
lists show, as ours: moderators and admins see hidden recognitions, admins deleted users.
Skipped against ours: the filters (given_by, given_for, core_value_id, starts_with,
org_id: the bench sends none), validating limit and offset, the error shapes.
"""


import re

from starlette.routing import Route

from scripts._bench_floors.common import REVOKED, Refused, answer, claims, connection, epoch, rows

SUPER_ADMIN, ORGANISATION_ADMIN, MODERATOR = 1, 2, 4
USER_ID = re.compile(r"[1-9][0-9]{0,9}")
CURRENT = (f"SELECT {REVOKED}, EXISTS(SELECT 1 FROM peerly_user WHERE id = ? AND org_id = ? AND role_id = ? "
           "AND soft_delete_at IS NULL)")
RECOGNITIONS = """
SELECT r.id, r.text, r.given_at, v.id, v.text, v.description, v.thumbnail_url,
       f.id, f.first_name, f.last_name, f.profile_image_url, b.id, b.first_name, b.last_name, b.profile_image_url,
       (SELECT COUNT(*) FROM peerly_hi5 h WHERE h.recognition_id = r.id)
FROM peerly_recognition r JOIN peerly_corevalue v ON v.id = r.core_value_id
JOIN peerly_user f ON f.id = r.given_for_id JOIN peerly_user b ON b.id = r.given_by_id
WHERE r.org_id = ? {} ORDER BY r.id DESC LIMIT ? OFFSET ?"""
USERS = """
SELECT id, first_name, last_name, email, display_name, profile_image_url, role_id, hi5_quota_balance, org_id,
       soft_delete_by_id, soft_delete_at
FROM peerly_user WHERE org_id = ? {} ORDER BY id LIMIT ? OFFSET ?"""
PERSON = ("id", "first_name", "last_name", "profile_image_url")
USER = ("id", "first_name", "last_name", "email", "display_name", "profile_image_url", "role_id", "hi5_quota_balance",
        "org_id", "soft_delete_by")


def _integer(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def caller(authorization: str | None) -> tuple[int, int]:
    """The caller's role and organisation (within a connection)."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Refused(401, "token missing")
    found = claims(token.strip(), audience="peerly.com", issuer="node.peerly.com")
    peerly = found.get("https://peerly.com")
    if not (USER_ID.fullmatch(found["sub"]) and isinstance(peerly, dict) and _integer(peerly.get("roleId"))
            and _integer(peerly.get("orgId")) and isinstance(peerly.get("orgName"), str)):
        raise Refused(401, "token malformed")
    revoked, current = rows(CURRENT, found["jti"], int(found["sub"]), peerly["orgId"], peerly["roleId"])[0]
    if revoked or not current:
        raise Refused(401, "token not current")
    return peerly["roleId"], peerly["orgId"]


def recognitions(authorization: str | None, limit: int, offset: int) -> dict:
    with connection():
        role, org = caller(authorization)
        if role in (SUPER_ADMIN, ORGANISATION_ADMIN, MODERATOR):
            found = rows(RECOGNITIONS.format(""), org, limit, offset)
        else:
            found = rows(RECOGNITIONS.format("AND r.is_inappropriate = ?"), org, False, limit, offset)
    listed = []
    for rec_id, text, given_at, cv_id, cv_text, cv_description, thumbnail, *people, hi5_count in found:
        receiver, giver = dict(zip(PERSON, people[:4], strict=True)), dict(zip(PERSON, people[4:], strict=True))
        listed.append({
            "id": rec_id, "text": text, "given_for": receiver["id"], "given_by": giver["id"],
            "given_at": epoch(given_at),
            "core_value": {"id": cv_id, "text": cv_text, "description": cv_description, "thumbnail": thumbnail},
            "given_for_user": receiver, "given_by_user": giver,
            "coreValue": {"id": cv_id, "text": cv_text, "description": cv_description, "thumbnail_url": thumbnail},
            "hi5_count": hi5_count,
        })
    return {"data": listed}


def users(authorization: str | None, limit: int, offset: int) -> dict:
    with connection():
        role, org = caller(authorization)
        admin = role in (SUPER_ADMIN, ORGANISATION_ADMIN)
        found = rows(USERS.format("" if admin else "AND soft_delete_at IS NULL"), org, limit, offset)
    return {"data": [{**dict(zip(USER, row[:10], strict=True)), "soft_delete_at": epoch(row[10])} for row in found]}


def _page(request) -> tuple[int, int]:
    query = request.query_params
    return int(query.get("limit", 10)), int(query.get("offset", 0))


def same_json_routes() -> list[Route]:
    return [
        Route("/peerly/recognitions", lambda r: answer(recognitions(r.headers.get("authorization"), *_page(r)))),
        Route("/peerly/users", lambda r: answer(users(r.headers.get("authorization"), *_page(r)))),
    ]


def add_fastapi_routes(app) -> None:
    from fastapi import Header, Query
    from pydantic import BaseModel

    class Person(BaseModel):
        id: int
        first_name: str
        last_name: str
        profile_image_url: str | None

    class CoreValue(BaseModel):
        id: int
        text: str
        description: str
        thumbnail: str | None

    class CoreValueCamel(BaseModel):
        id: int
        text: str
        description: str
        thumbnail_url: str | None

    class Recognition(BaseModel):
        id: int
        text: str
        given_for: int
        given_by: int
        given_at: int
        core_value: CoreValue
        given_for_user: Person
        given_by_user: Person
        coreValue: CoreValueCamel
        hi5_count: int

    class User(BaseModel):
        id: int
        first_name: str
        last_name: str
        email: str
        display_name: str | None
        profile_image_url: str | None
        role_id: int
        hi5_quota_balance: int
        org_id: int
        soft_delete_by: int | None
        soft_delete_at: int | None

    class Recognitions(BaseModel):
        data: list[Recognition]

    class Users(BaseModel):
        data: list[User]

    limit_query, offset_query = Query(10, ge=1, le=100), Query(0, ge=0, le=2**31 - 1)

    @app.get("/peerly/recognitions", response_model=Recognitions)
    def list_recognitions(authorization: str = Header(), limit: int = limit_query, offset: int = offset_query):
        return recognitions(authorization, limit, offset)

    @app.get("/peerly/users", response_model=Users)
    def list_users(authorization: str = Header(), limit: int = limit_query, offset: int = offset_query):
        return users(authorization, limit, offset)
