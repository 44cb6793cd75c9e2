"""Mixed traffic against a running server, then every acknowledged write read back.

Each client signs up on Chitter, the bucket list and Things, then loops for the given
time over a random mix: peeps, likes, buckets, items, things, and the lists that show
them. Every 2xx write is remembered; once the time is up, each is fetched and compared.
`run(base_url, seconds, clients)` answers the figures; scripts/soak prints them and
tests/security/test_soak.py asserts on them.
"""

from __future__ import annotations

import dataclasses
import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx


@dataclasses.dataclass
class Figures:
    seconds: float = 0.0
    clients: int = 0
    requests: int = 0
    statuses: Counter = dataclasses.field(default_factory=Counter)
    writes: int = 0  # acknowledged (2xx) writes
    checked: int = 0  # of those, read back
    lost: list = dataclasses.field(default_factory=list)
    server_errors: list = dataclasses.field(default_factory=list)

    @property
    def five_xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def lines(self) -> list[str]:
        rate = self.requests / self.seconds if self.seconds else 0
        return [
            f"clients {self.clients}, {self.seconds:.1f} s, {self.requests} requests ({rate:.0f}/s)",
            "statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items())),
            f"5xx {self.five_xx}; acknowledged writes {self.writes}, read back {self.checked}, lost {len(self.lost)}",
        ]


class Client:
    """One user on three APIs, and the writes the server acknowledged to it."""

    def __init__(self, http: httpx.Client, figures: Figures, lock: threading.Lock):
        self.http, self.figures, self.lock = http, figures, lock
        self.name = "s" + uuid.uuid4().hex[:12]
        self.peeps: dict[int, str] = {}
        self.likes: set[int] = set()
        self.buckets: dict[int, str] = {}
        self.items: dict[tuple[int, int], str] = {}
        self.things: dict[int, str] = {}

    def call(self, method: str, path: str, **kwargs) -> httpx.Response:
        response = self.http.request(method, path, **kwargs)
        with self.lock:
            self.figures.requests += 1
            self.figures.statuses[response.status_code] += 1
            if response.status_code >= 500:
                self.figures.server_errors.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return response

    def acknowledged(self, response: httpx.Response) -> bool:
        if 200 <= response.status_code < 300:
            with self.lock:
                self.figures.writes += 1
            return True
        return False

    def sign_up(self) -> None:
        user = {"handle": self.name, "password": "soak-password"}
        self.chitter_id = self.call("POST", "/chitter/users", json={"user": user}).json()["id"]
        key = self.call("POST", "/chitter/sessions", json={"session": user}).json()["session_key"]
        self.chitter = {"Authorization": f"Token token={key}"}
        login = {"email": f"{self.name}@example.com", "password": "soak-password"}
        token = self.call("POST", "/bucketlist/v1/auth/register", json=login).json()["auth_token"]
        self.bucketlist = {"Authorization": f"Bearer {token}"}
        things = {"username": self.name, "password": "soak-password"}
        self.call("POST", "/things/users", json=things)
        token = self.call("POST", "/things/login", json=things).json()["token"]
        self.things_auth = {"Authentication": f"bearer {token}"}

    def step(self, rng: random.Random) -> None:
        action = rng.choice(
            ["peep", "peep", "like", "bucket", "item", "item", "thing", "read_peeps", "read_buckets", "read_stuff"]
        )
        getattr(self, action)(rng)

    def peep(self, rng):
        body = f"soak {uuid.uuid4().hex}"
        response = self.call("POST", "/chitter/peeps", json={"peep": {"user_id": self.chitter_id, "body": body}},
                             headers=self.chitter)
        if self.acknowledged(response):
            self.peeps[response.json()["id"]] = body

    def like(self, rng):
        if self.peeps:
            peep = rng.choice(list(self.peeps))
            response = self.call("PUT", f"/chitter/peeps/{peep}/likes/{self.chitter_id}", headers=self.chitter)
            if self.acknowledged(response):
                self.likes.add(peep)

    def bucket(self, rng):
        name = f"bucket {uuid.uuid4().hex[:8]}"
        response = self.call("POST", "/bucketlist/v1/bucketlists", json={"name": name}, headers=self.bucketlist)
        if self.acknowledged(response):
            self.buckets[response.json()["id"]] = name.lower()  # stored lower-cased, as the original

    def item(self, rng):
        if self.buckets:
            bucket = rng.choice(list(self.buckets))
            name = f"item {uuid.uuid4().hex[:8]}"
            response = self.call("POST", f"/bucketlist/v1/bucketlists/{bucket}/items", json={"name": name},
                                 headers=self.bucketlist)
            if self.acknowledged(response):
                self.items[(bucket, response.json()["item"]["id"])] = name.lower()

    def thing(self, rng):
        name = f"thing {uuid.uuid4().hex[:8]}"
        response = self.call("POST", "/things/stuff", json={"name": name}, headers=self.things_auth)
        if self.acknowledged(response):
            self.things[response.json()["id"]] = name

    def read_peeps(self, rng):
        self.call("GET", "/chitter/peeps")

    def read_buckets(self, rng):
        self.call("GET", "/bucketlist/v1/bucketlists", headers=self.bucketlist)

    def read_stuff(self, rng):
        self.call("GET", "/things/stuff", headers=self.things_auth)

    def lost_writes(self) -> tuple[int, list[str]]:
        """Each acknowledged write, read back: (how many checked, those missing or changed)."""
        lost, checked = [], 0
        for peep, body in self.peeps.items():
            got = self.http.get(f"/chitter/peeps/{peep}")
            checked += 1
            if got.status_code != 200 or got.json()["body"] != body:
                lost.append(f"peep {peep}")
            elif peep in self.likes:
                checked += 1
                if self.chitter_id not in {like["user"]["id"] for like in got.json()["likes"]}:
                    lost.append(f"like of peep {peep}")
        for bucket, name in self.buckets.items():
            got = self.http.get(f"/bucketlist/v1/bucketlists/{bucket}", headers=self.bucketlist)
            checked += 1
            if got.status_code != 200 or got.json()["bucket"]["name"] != name:
                lost.append(f"bucket {bucket}")
        for (bucket, item), name in self.items.items():
            got = self.http.get(f"/bucketlist/v1/bucketlists/{bucket}/items/{item}", headers=self.bucketlist)
            checked += 1
            if got.status_code != 200 or got.json()["item"]["name"] != name:
                lost.append(f"item {item}")
        listed = self.http.get("/things/stuff", headers=self.things_auth).json()
        stored = {thing["id"]: thing["name"] for thing in listed}
        for thing, name in self.things.items():
            checked += 1
            if stored.get(thing) != name:
                lost.append(f"thing {thing}")
        return checked, lost


def run(base_url: str, seconds: float, clients: int = 16, seed: int = 16) -> Figures:
    figures, lock = Figures(clients=clients), threading.Lock()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    with httpx.Client(base_url=base_url, timeout=30, limits=limits) as http:
        users = [Client(http, figures, lock) for _ in range(clients)]
        started = time.monotonic()
        deadline = started + seconds

        def drive(n: int) -> None:
            user, rng = users[n], random.Random(seed + n)
            user.sign_up()
            while time.monotonic() < deadline:
                user.step(rng)

        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(drive, range(clients), timeout=seconds + 120))
        figures.seconds = time.monotonic() - started
        for user in users:
            checked, lost = user.lost_writes()
            figures.checked += checked
            figures.lost += lost
    return figures
