"""`scripts/cluster test`: a failover under mixed traffic, then what must still hold.

Clients sign up, peep, like, fill bucket lists and give Peerly recognitions and hi5s
through HAProxy for a bounded time; a third of the way in the PostgreSQL leader is killed
(its Patroni and PostgreSQL, SIGKILL), and Patroni promotes the replica; two thirds in one
uvicorn worker is stopped. Then, on the new leader: every acknowledged (2xx) write is
there, none is doubled, handles are unique, every hi5 balance is its limit less what was
spent; and no answer was a 5xx other than the documented 503. Peerly's Google is a
loopback stand-in on the port `up` pointed the app at.
"""

from __future__ import annotations

import base64
import collections
import json
import os
import signal
import subprocess
import threading
import time
import uuid
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

CLIENTS = 4
PASSWORD = "cluster-password"
PEERLY = {"Accept": "application/vnd.peerly.v1"}
HI5_LIMIT = 100_000


class Google(BaseHTTPRequestHandler):
    """Google's userinfo for the tokens the clients send: `google-token-for-<email>`."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        email = self.headers.get("Authorization", "").removeprefix("Bearer google-token-for-")
        name = email.split("@")[0]
        profile = {"id": name, "email": email, "verified_email": True, "given_name": name, "family_name": "Cluster"}
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(profile).encode())

    def log_message(self, *args):
        pass


class Traffic:
    """What the clients sent and what was acknowledged, shared by their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: collections.Counter = collections.Counter()
        self.answers: list[tuple[float, float, bool]] = []  # (sent, answered, 2xx) per request
        self.handles: list[str] = []  # acknowledged sign-ups
        self.peeps: dict[int, str] = {}  # id -> body, acknowledged
        self.likes: set[tuple[int, int]] = set()  # (peep id, user id), acknowledged
        self.buckets: dict[int, str] = {}  # id -> name, acknowledged
        self.recognitions: dict[int, str] = {}  # id -> text, acknowledged
        self.hi5s: set[tuple[int, int]] = set()  # (recognition id, giver), acknowledged
        self.unexpected: list[str] = []

    def answer(self, response: httpx.Response | None, what: str, sent: float) -> httpx.Response | None:
        with self.lock:
            self.answers.append((sent, time.monotonic(), response is not None and response.is_success))
            if response is None:
                self.statuses["no answer"] += 1
                self.unexpected.append(f"{what}: no answer")
                return None
            self.statuses[response.status_code] += 1
            if response.status_code >= 500 and not self._documented_503(response):
                self.unexpected.append(f"{what}: {response.status_code} {response.text[:200]}")
        return response if response.is_success else None

    @staticmethod
    def _documented_503(response: httpx.Response) -> bool:
        return response.status_code == 503 and response.headers.get("content-type", "").startswith("application/json")


def _request(http: httpx.Client, traffic: Traffic, what: str, method: str, url: str, **options):
    sent = time.monotonic()
    try:
        response = http.request(method, url, **options)
    except httpx.HTTPError:
        response = None
    return traffic.answer(response, what, sent)


def _client(base: str, run: str, number: int, peerly: dict, stop: threading.Event, traffic: Traffic) -> None:
    with httpx.Client(base_url=base, timeout=15) as http:
        trio = [_peerly_member(http, traffic, f"{role}{number}@{peerly['domain']}", stop) for role in "abc"]
        me = None
        while me is None and not stop.is_set():
            me = _chitter_member(http, traffic, f"c{run}{number}")
        token = None
        while token is None and not stop.is_set():
            answer = _request(http, traffic, "register", "POST", "/bucketlist/v1/auth/register",
                              json={"email": f"c{run}{number}@example.com", "password": PASSWORD})
            token = answer and answer.json()["auth_token"]
        sequence = 0
        while not stop.is_set():
            sequence += 1
            _one_round(http, traffic, me, token, f"{run}-{number}-{sequence}")
            if None not in trio:
                _recognise(http, traffic, trio, peerly["core_value"], f"{run}-{number}-{sequence}")


def _peerly_member(http: httpx.Client, traffic: Traffic, email: str, stop: threading.Event):
    """(user id, auth headers) of a member logged in through Google, or None if stopped first."""
    while not stop.is_set():
        answer = _request(http, traffic, "peerly login", "POST", "/peerly/oauth/google",
                          json={"access_token": f"google-token-for-{email}"}, headers=PEERLY)
        if answer is not None:
            token = answer.json()["data"]["token"]
            claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
            return int(claims["sub"]), {"Authorization": f"Bearer {token}", **PEERLY}
    return None


def _recognise(http: httpx.Client, traffic: Traffic, trio, core_value: int, tag: str) -> None:
    """A recognises B (costing A a hi5), then C hi5s it (costing C one)."""
    (a, a_auth), (b, _), (c, c_auth) = trio
    text = f"thanks {tag}"
    answer = _request(http, traffic, "recognition", "POST", "/peerly/recognitions",
                      json={"given_for": b, "core_value_id": core_value, "text": text}, headers=a_auth)
    if answer is None:
        return
    recognition = answer.json()["data"]["id"]
    with traffic.lock:
        traffic.recognitions[recognition] = text
    if _request(http, traffic, "hi5", "POST", f"/peerly/recognitions/{recognition}/hi5",
                json={"comment": "well done"}, headers=c_auth):
        with traffic.lock:
            traffic.hi5s.add((recognition, c))


def _chitter_member(http: httpx.Client, traffic: Traffic, handle: str):
    answer = _request(http, traffic, "sign-up", "POST", "/chitter/users",
                      json={"user": {"handle": handle, "password": PASSWORD}})
    if answer is None:
        return None
    with traffic.lock:
        traffic.handles.append(handle)
    user_id = answer.json()["id"]
    session = None
    while session is None:
        answer = _request(http, traffic, "login", "POST", "/chitter/sessions",
                          json={"session": {"handle": handle, "password": PASSWORD}})
        session = answer and answer.json()["session_key"]
    return user_id, {"Authorization": f"Token token={session}"}


def _one_round(http: httpx.Client, traffic: Traffic, me, token: str, tag: str) -> None:
    user_id, auth = me
    body = f"peep {tag}"
    answer = _request(http, traffic, "peep", "POST", "/chitter/peeps",
                      json={"peep": {"user_id": user_id, "body": body}}, headers=auth)
    if answer is not None:
        peep_id = answer.json()["id"]
        with traffic.lock:
            traffic.peeps[peep_id] = body
        if _request(http, traffic, "like", "PUT", f"/chitter/peeps/{peep_id}/likes/{user_id}", headers=auth):
            with traffic.lock:
                traffic.likes.add((peep_id, user_id))
    name = f"bucket {tag}"
    answer = _request(http, traffic, "bucket", "POST", "/bucketlist/v1/bucketlists",
                      json={"name": name}, headers={"Authorization": f"Bearer {token}"})
    if answer is not None:
        with traffic.lock:
            traffic.buckets[answer.json()["id"]] = name
    _request(http, traffic, "list", "GET", "/chitter/peeps")


def _kill_leader(state: dict, leader_of, postmaster_of) -> tuple[str, float]:
    name = leader_of()["name"]
    postmaster = postmaster_of(name)
    os.killpg(state["pids"][name], signal.SIGKILL)  # Patroni
    if postmaster:
        os.kill(postmaster, signal.SIGKILL)  # PostgreSQL runs in a session of its own
    return name, time.monotonic()


def _wait_for_new_leader(leader_of, old: str, seconds: float = 60) -> float:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        leader = leader_of()
        if leader and leader["name"] != old and leader["state"] == "running":
            return time.monotonic()
        time.sleep(0.2)
    raise TimeoutError(f"no new leader {seconds:.0f} s after killing {old}")


def _stop_one_worker(state: dict) -> int:
    children = subprocess.run(["pgrep", "-f", "-P", str(state["pids"]["app"]), "spawn_main"],
                              capture_output=True, text=True).stdout.split()
    worker = int(children[0])
    os.kill(worker, signal.SIGTERM)  # as a process manager stops one: in-flight requests finish
    return worker


def _peerly_organisation(run: str) -> dict:
    """An organisation of this run, with a core value, made directly in the database."""
    from core import database
    from models.peerly import CoreValue, Organisation

    with database.db.connection_context():
        organisation = Organisation.create(
            name=f"Cluster {run}", domain_name=f"c{run}.test", hi5_limit=HI5_LIMIT,
            hi5_quota_renewal_frequency="WEEKLY", hi5_renewed_on=date.today(),  # no renewal mid-run
        )
        core_value = CoreValue.create(org=organisation, text="Resilience", description="Stays up")
    return {"id": organisation.id, "domain": organisation.domain_name, "core_value": core_value.id}


def _check_peerly(traffic: Traffic, organisation: int) -> tuple[list[str], list[str]]:
    from models.peerly import Hi5, Recognition, User

    recognitions = {r.id: r.text for r in Recognition.select().where(Recognition.org == organisation)}
    hi5s = {(h.recognition_id, h.given_by_id) for h in Hi5.select().join(User).where(User.org == organisation)}
    lost = [f"recognition {i}" for i, text in traffic.recognitions.items() if recognitions.get(i) != text]
    lost += [f"hi5 {hi5}" for hi5 in traffic.hi5s - hi5s]
    texts = collections.Counter(recognitions.values())
    doubled = [text for text, count in texts.items() if count > 1]
    given = collections.Counter(giver for _, giver in hi5s)  # a recognition is its giver's hi5 too
    users = User.select(User.id, User.hi5_quota_balance).where(User.org == organisation)
    wrong = [f"user {u.id}: balance {u.hi5_quota_balance}, spent {given[u.id]}" for u in users
             if u.hi5_quota_balance != HI5_LIMIT - given[u.id] or u.hi5_quota_balance < 0]
    return lost, doubled + wrong


def _check(traffic: Traffic, organisation: int) -> dict:
    """Reads back every acknowledged write from the (new) leader."""
    from core import database
    from models.bucketlist import Bucket
    from models.chitter import Like, Peep, User

    with database.db.connection_context():
        peerly_lost, peerly_wrong = _check_peerly(traffic, organisation)
        stored_peeps = {p.id: p.body for p in Peep.select(Peep.id, Peep.body).where(Peep.id.in_(list(traffic.peeps)))}
        all_bodies = collections.Counter(p.body for p in Peep.select(Peep.body))
        acknowledged = Bucket.select(Bucket.id, Bucket.name).where(Bucket.id.in_(list(traffic.buckets)))
        buckets = {b.id: b.name for b in acknowledged}
        all_names = collections.Counter(b.name for b in Bucket.select(Bucket.name))
        likes = {(like.peep_id, like.user_id) for like in Like.select(Like.peep, Like.user)}
        handles = collections.Counter(u.handle.lower() for u in User.select(User.handle))
    lost = (
        [f"peep {i}" for i, body in traffic.peeps.items() if stored_peeps.get(i) != body]
        + [f"bucket {i}" for i, name in traffic.buckets.items() if buckets.get(i) != name]
        + [f"like {like}" for like in traffic.likes - likes]
        + [f"user {handle}" for handle in traffic.handles if handles[handle.lower()] == 0]
        + peerly_lost
    )
    doubled = (
        [body for body, count in all_bodies.items() if count > 1]
        + [name for name, count in all_names.items() if count > 1]
        + [handle for handle, count in handles.items() if count > 1]
        + peerly_wrong
    )
    checked = sum(map(len, (traffic.peeps, traffic.buckets, traffic.likes, traffic.handles,
                            traffic.recognitions, traffic.hi5s)))
    return {"checked": checked, "lost": lost, "doubled": doubled}


def run(state: dict, seconds: float, leader_of, postmaster_of) -> bool:
    """`leader_of()`: Patroni's leader member; `postmaster_of(node)`: its PostgreSQL pid."""
    from core import database

    base = f"http://127.0.0.1:{state['ports']['http']}"
    run_id = uuid.uuid4().hex[:6]
    database.bind(f"postgresql://postgres@127.0.0.1:{state['ports']['db']}/reference")
    peerly = _peerly_organisation(run_id)
    google = ThreadingHTTPServer(("127.0.0.1", state["ports"]["google"]), Google)
    threading.Thread(target=google.serve_forever, daemon=True).start()
    traffic, stop = Traffic(), threading.Event()
    clients = [
        threading.Thread(target=_client, args=(base, run_id, n, peerly, stop, traffic)) for n in range(CLIENTS)
    ]
    started = time.monotonic()
    for client in clients:
        client.start()
    try:
        time.sleep(seconds / 3)
        old, killed_at = _kill_leader(state, leader_of, postmaster_of)
        print(f"{time.monotonic() - started:5.1f} s  killed the leader {old} (Patroni and PostgreSQL, SIGKILL)")
        promoted_at = _wait_for_new_leader(leader_of, old)
        print(f"{time.monotonic() - started:5.1f} s  Patroni promoted a new leader ({promoted_at - killed_at:.1f} s)")
        time.sleep(max(0.0, started + 2 * seconds / 3 - time.monotonic()))
        worker = _stop_one_worker(state)
        print(f"{time.monotonic() - started:5.1f} s  stopped uvicorn worker {worker} (SIGTERM)")
        time.sleep(max(0.0, started + seconds - time.monotonic()))
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
        google.shutdown()
        google.server_close()
    window = _error_window(traffic.answers, killed_at)
    result = _check(traffic, peerly["id"])
    figures = {
        "requests": sum(traffic.statuses.values()),
        "statuses": {str(k): v for k, v in sorted(traffic.statuses.items(), key=str)},
        "acknowledged_writes_checked": result["checked"],
        "lost": len(result["lost"]),
        "doubled": len(result["doubled"]),
        "error_window_seconds": round(window, 2),
        "unexpected_answers": len(traffic.unexpected),
    }
    print(json.dumps(figures))
    for problem in traffic.unexpected[:10] + result["lost"][:10] + result["doubled"][:10]:
        print("  ", problem)
    return not (result["lost"] or result["doubled"] or traffic.unexpected) and window != float("inf")


def _error_window(answers: list[tuple[float, float, bool]], killed_at: float) -> float:
    """From the kill to the first success of a request sent after the first failure it caused."""
    failures = [answered for sent, answered, ok in answers if answered > killed_at and not ok]
    if not failures:
        return 0.0
    first_failure = min(failures)
    recovered = [answered for sent, answered, ok in answers if ok and sent >= first_failure]
    return min(recovered) - killed_at if recovered else float("inf")


def measure_reads(members: list[dict], samples: int = 300) -> dict:
    """Read-your-writes on the replica: how often a row just committed on the leader is not
    yet visible there, and what making it visible (synchronous_commit = remote_apply) costs."""
    import psycopg2

    def connect(member: dict):
        connection = psycopg2.connect(host=member["host"], port=member["port"], user="postgres", dbname="postgres")
        connection.autocommit = True
        return connection

    leader = connect(next(m for m in members if m["role"] == "leader"))
    replica = connect(next(m for m in members if m["role"] != "leader"))
    figures = {}
    with leader.cursor() as write, replica.cursor() as read:
        write.execute("CREATE TABLE IF NOT EXISTS read_scaling_probe (id serial PRIMARY KEY)")
        for mode in ("on", "remote_apply"):
            write.execute(f"SET synchronous_commit = {mode}")
            stale, spent = 0, 0.0
            for _ in range(samples):
                began = time.perf_counter()
                write.execute("INSERT INTO read_scaling_probe DEFAULT VALUES RETURNING id")
                (row,) = write.fetchone()
                spent += time.perf_counter() - began
                read.execute("SELECT count(*) FROM read_scaling_probe WHERE id = %s", (row,))
                stale += read.fetchone()[0] == 0
            figures[mode] = {"stale_reads": f"{stale}/{samples}", "commit_ms": round(1000 * spent / samples, 2)}
        write.execute("DROP TABLE read_scaling_probe")
    leader.close()
    replica.close()
    return figures
