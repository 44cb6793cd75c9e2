"""What the service tells its operators: a JSON access log line per request, a request id,
and Prometheus metrics.

Every request gets an id: the client's `X-Request-Id` when it is a sane token (letters,
digits, `._:+/=-`, at most 128), else a new one; it is echoed in the response and in every
log line written while the request runs. The access line names the operation by its path
template (`/chitter/peeps/{peep_id}`), never the query string or a header, so tokens and
passwords sent there never reach the log.

Metrics use prometheus-client. Under several uvicorn workers each process writes its own
files in PROMETHEUS_MULTIPROC_DIR (`reference-apis serve` sets one up) and `/metrics`
adds them all up, whichever worker answers. `/metrics` is served only when METRICS_TOKEN
is set, to `Authorization: Bearer <METRICS_TOKEN>`: the same port as the APIs (nothing more
to run or expose), and closed by default, as the numbers tell outsiders about the traffic.
"""

from __future__ import annotations

import contextvars
import functools
import hmac
import json
import logging
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime

import orjson
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from core import sqllog
from core.context import AppContext
from core.security import hash_queue_size

REQUEST_ID_HEADER = "x-request-id"
_SANE_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

access_log = logging.getLogger("reference_apis.access")

REQUESTS = Counter("http_requests", "Requests answered, by API, operation and status.", ["api", "operation", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time from the request's arrival to its answer, by API and operation.",
    ["api", "operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
POOL = Gauge("db_pool_connections", "Pooled database connections, by state.", ["state"], multiprocess_mode="livesum")
HASH_QUEUE = Gauge("password_hash_queue", "Password hashes waiting for the hash executor.", multiprocess_mode="livesum")
POOL_IN_USE, POOL_IDLE = POOL.labels("in_use"), POOL.labels("idle")

# Each request's metrics: the labelled series looked up once (`labels()` checks and locks on
# every call), gauges written only when their value changes (each write takes a lock and,
# under several workers, writes the process's file).
_latency = functools.lru_cache(maxsize=1024)(LATENCY.labels)


@functools.lru_cache(maxsize=4096)
def _requests(api: str, operation: str, status: int):
    return REQUESTS.labels(api, operation, str(status))


_gauge_values: dict = {}


def _set_gauge(gauge, value: float) -> None:
    if _gauge_values.get(id(gauge)) != value:
        _gauge_values[id(gauge)] = value
        gauge.set(value)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request id, and the
    `fields` a record carries (the access log's)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id.get() is not None:
            line["request_id"] = request_id.get()
        line.update(getattr(record, "fields", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        try:  # orjson: a fifth of json.dumps' time, on every request's access line
            return orjson.dumps(line, default=str).decode()
        except TypeError:  # what orjson refuses (integers over 64 bits, non-string keys)
            return json.dumps(line, default=str)


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter())
    if not access_log.handlers:  # its own handler: an access line is INFO whatever LOG_LEVEL says
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
        access_log.propagate = False
    sqllog.install()  # never the values of SQL parameters, at any level
    # Connexion warns on every request to an operation that accepts several media types.
    logging.getLogger("connexion.operations.openapi3").setLevel(logging.ERROR)


class Observability:
    """ASGI middleware: the request id, the access line and the metrics of every request,
    and `/metrics` itself. `operations` maps (base path, the operationId as Connexion
    resolved it) to (API, operationId, path template)."""

    def __init__(self, app: ASGIApp, context: AppContext, operations: dict[tuple[str, str], tuple[str, str, str]]):
        self.app, self.context, self.operations = app, context, operations

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/metrics" and self.context.config.metrics_token:
            await self._metrics(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        rid = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        routing: dict = {}  # Connexion's router fills it in: the base path and operationId
        scope.setdefault("extensions", {})["connexion_routing"] = routing
        status, started = 500, time.perf_counter()

        async def send_with_id(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", rid.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._record(scope, routing, status, time.perf_counter() - started)
            request_id.reset(token)

    def _record(self, scope: Scope, routing: dict, status: int, duration: float) -> None:
        known = (routing.get("api_base_path", ""), routing.get("operation_id"))
        api, operation, path = self.operations.get(known, ("-", "-", scope["path"]))
        _requests(api, operation, status).inc()
        _latency(api, operation).observe(duration)
        self._sample_gauges()
        if not access_log.isEnabledFor(logging.INFO):
            return
        client = scope.get("client")
        fields = {
            "api": api,
            "operation": operation,
            "method": scope["method"],
            "path": path,
            "status": status,
            "duration_ms": round(duration * 1000, 2),
            "client": client[0] if client else None,
        }
        # The record made directly: Logger.info would also walk the stack for the caller's file
        # and line (findCaller), which no access line shows, at a third of the line's cost.
        record = access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, "%s %s %s",
                                       (scope["method"], path, status), None, extra={"fields": fields})
        access_log.handle(record)

    def _sample_gauges(self) -> None:
        pool = self.context.database
        _set_gauge(POOL_IN_USE, len(getattr(pool, "_in_use", ())))
        _set_gauge(POOL_IDLE, len(getattr(pool, "_connections", ())))
        _set_gauge(HASH_QUEUE, hash_queue_size())

    async def _metrics(self, scope: Scope, receive: Receive, send: Send) -> None:
        given = Headers(scope=scope).get("authorization", "")
        expected = f"Bearer {self.context.config.metrics_token}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            await _send(send, 401, b'{"status": 401, "error": "Unauthorized"}', "application/json", bearer=True)
            return
        self._sample_gauges()
        await _send(send, 200, generate_latest(_registry()), CONTENT_TYPE_LATEST)


def _registry():
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


async def _send(send: Send, status: int, body: bytes, content_type: str, bearer: bool = False) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    if bearer:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
