"""Cassie's floor: the home page's `new` tab, up to 100 CastieObjects by uuid, newest first.

Authentication as ours: the Api-Key compared in constant time, then HTTP Basic: the
active account with that email, its password checked with argon2 once a minute per
(account, hash, password) and remembered meanwhile, as ours does. Skipped against ours:
the other tabs and the `ids` and `groups` parameters (the bench asks for neither), the
error shapes. Four statements, as ours: the casties, their options, their forecast
counts, the viewer's frodads' forecasts.
"""


import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import defaultdict

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.routing import Route

from scripts._bench_floors.common import Refused, answer, connection, marks, now_stamp, origin, rows, stamp

ACCOUNT = "SELECT id, handle, password_hash FROM cassie_user WHERE email = ? AND is_active"
CASTIES = """
SELECT c.id, c.uuid, c.question, c.show_username, c.submitter_id, c.created_at, c.last_forecasted_at, c.open_ended,
       c.ends_at, c.allow_write_in, c.answer_submitted, c.correct_keyword, g.slug, u.handle,
       (SELECT COUNT(*) FROM cassie_forecast f WHERE f.castie_id = c.id),
       (SELECT COUNT(*) FROM cassie_comment m WHERE m.castie_id = c.id AND NOT m.is_offensive),
       mine.id, mine.text, mine.is_correct, mine.answer_option_id
FROM cassie_castie c JOIN cassie_group g ON g.id = c.group_id JOIN cassie_user u ON u.id = c.submitter_id
LEFT JOIN cassie_forecast mine ON mine.castie_id = c.id AND mine.user_id = ?
WHERE NOT g.requires_approval
   OR g.id IN (SELECT group_id FROM cassie_membership WHERE user_id = ? AND access = 'granted')
ORDER BY c.created_at DESC, c.id DESC LIMIT 100"""
OPTIONS = "SELECT id, castie_id, text, is_correct FROM cassie_answeroption WHERE castie_id IN ({}) ORDER BY id"
COUNTS = ("SELECT castie_id, answer_option_id, text, COUNT(*) FROM cassie_forecast WHERE castie_id IN ({}) "
          "GROUP BY castie_id, answer_option_id, text")
FRIEND_PICS = """
SELECT f.castie_id, u.prof_pic FROM cassie_forecast f JOIN cassie_user u ON u.id = f.user_id
WHERE f.castie_id IN ({}) AND f.user_id IN (
    SELECT user_high_id FROM cassie_frodad WHERE user_low_id = ? AND accepted
    UNION SELECT user_low_id FROM cassie_frodad WHERE user_high_id = ? AND accepted)
ORDER BY f.id DESC"""

_hasher = PasswordHasher()  # verifies any argon2 hash: the parameters are in the hash
_key = secrets.token_bytes(32)
_verified: dict[tuple, float] = {}
_lock = threading.Lock()


def _password_ok(user_id: int, password_hash: str, password: str) -> bool:
    entry = (user_id, password_hash, hmac.new(_key, password.encode("utf-8", "surrogatepass"), hashlib.sha256).digest())
    now = time.monotonic()
    with _lock:
        if _verified.get(entry, 0.0) > now:
            return True
    try:
        _hasher.verify(password_hash, password.encode("utf-8", "surrogatepass"))
    except (VerificationError, InvalidHashError):
        return False
    with _lock:
        if len(_verified) > 4096:
            _verified.clear()
        _verified[entry] = now + 60.0
    return True


def viewer(api_key: str | None, authorization: str | None) -> tuple[int, str]:
    """The caller's id and handle (within a connection)."""
    expected = (os.environ.get("CASSIE_API_KEY") or "cassie-dev-key").encode()
    if api_key is None or not hmac.compare_digest(api_key.encode(), expected):
        raise Refused(401, "api key")
    scheme, _, encoded = (authorization or "").partition(" ")
    email, _, password = base64.b64decode(encoded).decode("utf-8", "replace").partition(":")
    found = scheme.lower() == "basic" and "\x00" not in email and rows(ACCOUNT, email.lower())
    if not found or not _password_ok(found[0][0], found[0][2], password):
        raise Refused(401, "credentials")
    return found[0][0], found[0][1]


def percent_of(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def forecasts(write_in: bool, keyword: str | None, total: int, options: list, counts: dict) -> list[dict]:
    if write_in:
        common = sorted(counts.items(), key=lambda item: -item[1])[:10]
        listed = [{"answer_text": text, "percentage": float(percent_of(n, total))} for text, n in common]
        for entry in listed:
            if keyword and keyword.lower() in entry["answer_text"].lower():
                entry["is_correct"] = True
        return listed
    listed = []
    for option_id, text, correct in options:
        entry = {"answer_id": option_id, "answer_text": text, "percentage": percent_of(counts[option_id], total)}
        if correct:
            entry["is_correct"] = True
        listed.append(entry)
    return listed


def castie(row: tuple, me: int, now: str, options: list, counts: dict, pics: list[str], site: str) -> dict:
    (_, uuid, question, show, submitter, created, forecast_at, open_ended, ends, write_in, answered, keyword, slug,
     handle, total, comments, mine, my_text, my_correct, my_answer) = row
    created, forecast_at, ends = stamp(created), stamp(forecast_at), None if open_ended else stamp(ends)
    correct_text = next((text for _, text, correct in options if correct), None)
    mine_json = None
    if mine is not None:
        mine_json = {"forecast_text": my_text, "forecast_id": mine, "is_correct": bool(my_correct)}
        if my_answer is not None:
            mine_json["answer_id"] = my_answer
    return {
        "uuid": uuid, "question": question, "groupSlug": slug, "showUsername": bool(show),
        "submitter": handle if show or submitter == me else None,
        "createdAtDate": created[:10], "createdAtTime": created[11:],
        "lastForecastedDate": forecast_at and forecast_at[:10], "lastForecastedTime": forecast_at and forecast_at[11:],
        "allowWriteIn": bool(write_in), "setAnswered": not write_in, "openEnded": bool(open_ended),
        "endDate": ends and ends[:10], "endTime": ends and ends[11:16], "userForecast": mine_json,
        "is_answerable": submitter == me and not answered and bool(open_ended or stamp(row[8]) <= now),
        "friendCount": len(pics), "commentsCount": comments, "answerSubmitted": bool(answered),
        "correctIndex": (keyword if write_in else correct_text) if answered else None,
        "forecastsCount": total, "forecasts": forecasts(write_in, keyword, total, options, counts),
        "friendPics": [f"{site}/cassie/media/{pic}" for pic in pics[:5] if pic],
    }


def home(site: str, api_key: str | None, authorization: str | None) -> dict:
    with connection():
        me, handle = viewer(api_key, authorization)
        found = rows(CASTIES, me, me)
        ids = [row[0] for row in found]
        if ids:
            options_found = rows(OPTIONS.format(marks(len(ids))), *ids)
            counts_found = rows(COUNTS.format(marks(len(ids))), *ids)
            pics_found = rows(FRIEND_PICS.format(marks(len(ids))), *ids, me, me)
    if not ids:
        return {"status": 200, "profile_handle": handle, "casties": {}}
    options, counts, pics = defaultdict(list), defaultdict(lambda: defaultdict(int)), defaultdict(list)
    for option_id, castie_id, text, correct in options_found:
        options[castie_id].append((option_id, text, bool(correct)))
    for castie_id, option_id, text, count in counts_found:
        counts[castie_id][option_id or text] += count
    for castie_id, pic in pics_found:
        pics[castie_id].append(pic)
    now = now_stamp()
    casties = {row[1]: castie(row, me, now, options[row[0]], counts[row[0]], pics[row[0]], site) for row in found}
    return {"status": 200, "profile_handle": handle, "casties": casties}


def same_json_routes() -> list[Route]:
    def new_tab(request):
        headers = request.headers
        return answer(home(origin(request), headers.get("api-key"), headers.get("authorization")))

    return [Route("/cassie/api/home/new/", new_tab)]


def add_fastapi_routes(app) -> None:
    from fastapi import Header, Request
    from pydantic import BaseModel

    class Result(BaseModel):
        answer_id: int | None = None
        answer_text: str
        percentage: float
        is_correct: bool | None = None

    class UserForecast(BaseModel):
        forecast_text: str
        forecast_id: int
        is_correct: bool
        answer_id: int | None = None

    class Castie(BaseModel):
        uuid: str
        question: str
        groupSlug: str
        showUsername: bool
        submitter: str | None
        createdAtDate: str
        createdAtTime: str
        lastForecastedDate: str | None
        lastForecastedTime: str | None
        allowWriteIn: bool
        setAnswered: bool
        openEnded: bool
        endDate: str | None
        endTime: str | None
        userForecast: UserForecast | None
        is_answerable: bool
        friendCount: int
        commentsCount: int
        answerSubmitted: bool
        correctIndex: str | None
        forecastsCount: int
        forecasts: list[Result]
        friendPics: list[str]

    class Home(BaseModel):
        status: int
        profile_handle: str
        casties: dict[str, Castie]

    # exclude_unset: the optional keys (answer_id, is_correct) are left out, not null, as ours.
    @app.get("/cassie/api/home/new/", response_model=Home, response_model_exclude_unset=True)
    def new_tab(request: Request, api_key: str | None = Header(None), authorization: str | None = Header(None)):
        return home(origin(request), api_key, authorization)
