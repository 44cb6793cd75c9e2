"""The composition root: `create_app(config)` builds the one ASGI app serving every API.

Each API is a spec in openapi/<name>.yaml, handlers in handlers/<name>/, models in
models/<name>.py and one error renderer, handlers/<name>/errors.py:render. All are mounted
under /<name>, or one of them at the root (`API=chitter`), plus the service's /health.

Every app has its own context (core.context: settings, database, password hashing), so
two apps with different settings live in one process. `create_app` refuses a database
with pending migrations: `reference-apis migrate` (scripts/migrate) applies them, as
`scripts/serve` does before starting its workers.

Run with `uvicorn --factory app:create_app`, or `uvicorn app:app` (settings from the
environment), or `scripts/serve`.
"""

from __future__ import annotations

import core  # noqa: F401  (first: it quiets a warning that importing Connexion raises)

# isort: split
import contextlib
import dataclasses
import importlib
import os
import sys

import anyio
import yaml
from connexion import AsyncApp
from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware

from core import database, storage
from core.config import SPECS, Config, ConfigError
from core.context import AppContext, InContext
from core.encoding import FastJsonifier
from core.errors import ApiError, ErrorRenderers
from core.forms import teach_connexion_booleans
from core.headers import SecurityHeaders
from core.limits import BodySizeLimit, HeaderSizeLimit
from core.observability import Observability, configure_logging
from core.operations import HandlerResolver, decorate_once
from core.paths import METHODS, Routes, TrailingSlashes
from core.ratelimit import RateLimits
from core.security import Passwords
from core.specs import SpecDocuments, public_document
from core.validation import VALIDATORS
from models.service import stored_signing_key, upgrade_password_hash


@dataclasses.dataclass(frozen=True)
class Api:
    name: str
    # The Rails original ignored unknown query parameters; the others reject them.
    strict_validation: bool = True


APIS = {
    api.name: api
    for api in (
        Api("chitter", strict_validation=False),
        Api("bucketlist"),
        Api("things"),
        Api("cassie"),
        Api("peerly"),
    )
}
SERVICE = Api("service")


def create_app(config: Config | None = None) -> AsyncApp:
    config = config or Config.from_env()
    configure_logging(config.log_level)
    if config.api is not None and config.api not in APIS:
        raise ConfigError(f"API={config.api!r}: expected one of {', '.join(APIS)}")
    context = open_context(config)
    teach_connexion_booleans()

    app = AsyncApp(
        __name__,
        specification_dir=SPECS,
        validator_map=VALIDATORS,
        lifespan=_lifespan(config),
        jsonifier=FastJsonifier(),
    )
    decorate_once(app)
    app.context = context
    routes, operations, documents = Routes(), {}, {}
    renderers = ErrorRenderers(routes, fallback=_renderer(SERVICE))
    mounted = [APIS[config.api]] if config.api else list(APIS.values())
    for api in [*mounted, SERVICE]:
        base_path = _base_path(api, config)
        app.add_api(
            f"{api.name}.yaml",
            base_path=base_path,
            resolver=HandlerResolver(f"handlers.{api.name}"),
            strict_validation=api.strict_validation,
            validate_responses=config.validate_responses,
        )
        renderers.add(base_path, _renderer(api))
        written = yaml.safe_load((SPECS / f"{api.name}.yaml").read_text())
        routes.add_spec(base_path, written["paths"])
        operations.update(_operations(api, base_path, written["paths"]))
        documents[base_path] = public_document(written, base_path)

    # Outermost of ours: every request, its error handlers and its handler threads see this app.
    app.add_middleware(InContext, position=MiddlewarePosition.BEFORE_EXCEPTION, context=context)
    app.add_middleware(
        Observability, position=MiddlewarePosition.BEFORE_EXCEPTION, context=context, operations=operations
    )
    for error in (ApiError, ProblemException, HTTPException, Exception):
        app.add_error_handler(error, renderers)
    app.add_middleware(SpecDocuments, position=MiddlewarePosition.BEFORE_SWAGGER, documents=documents)
    app.add_middleware(BodySizeLimit, position=MiddlewarePosition.BEFORE_SWAGGER)
    app.add_middleware(HeaderSizeLimit, position=MiddlewarePosition.BEFORE_SWAGGER)
    app.add_middleware(SecurityHeaders, position=MiddlewarePosition.BEFORE_EXCEPTION)
    # Knows the operation (after routing), counts before security checks a password.
    app.add_middleware(RateLimits, position=MiddlewarePosition.BEFORE_SECURITY)
    # Before the Swagger UI's router, which would answer `/health` with a redirect.
    app.add_middleware(TrailingSlashes, position=MiddlewarePosition.BEFORE_SWAGGER, routes=routes)
    app.add_middleware(
        CORSMiddleware,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"],
        allow_headers=["*"],
        expose_headers=["Location", "Link", "Authentication", "WWW-Authenticate", "X-Request-Id"],
        max_age=7200,
    )
    return app


def migrate(config: Config) -> list[str]:
    """Apply the pending migrations to the configured database; the names applied."""
    migrated = database.open_database(config.database_url)
    try:
        storage.require_writable(migrated, config.database_url)  # one clear line, not a driver's error
        return database.migrate(migrated)
    finally:
        migrated.close_all()


def __getattr__(name: str):
    """`app`, for `uvicorn app:app`: built from the environment when first asked for (not on
    import, so tests and tools that import create_app build their own)."""
    if name == "app":
        try:
            globals()["app"] = create_app()
        except ConfigError as error:  # a server's start: one line and exit 2, as reference-apis does
            if os.environ.get("LOG_LEVEL", "").strip().upper() == "DEBUG":
                raise
            print(f"app:app: {error}", file=sys.stderr)
            raise SystemExit(2) from None
        return globals()["app"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_context(config: Config) -> AppContext:
    """The app's settings, database and password hashing; refuses a database not migrated.

    A command or a test that uses the models outside a request enters it: `core.context.use`.
    """
    context = AppContext(
        config,
        database.open_database(config.database_url),
        Passwords(config.password_hash_profile, config.secret_key or stored_signing_key, upgrade_password_hash),
    )
    pending = database.pending_migrations(context.database)
    if pending:
        raise ConfigError(
            f"DATABASE_URL: {len(pending)} migrations pending ({pending[0]}, ...):"
            " run `reference-apis migrate` (scripts/migrate) first"
        )
    storage.require_writable(context.database, config.database_url)  # a read-only SQLite file, say
    return context


def _lifespan(config: Config):
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.handler_threads
        yield

    return lifespan


def _base_path(api: Api, config: Config) -> str:
    if api is SERVICE:
        # Its own base path: two specs mounted at the root would shadow each other's /ui.
        return "/health"
    return "" if config.api else f"/{api.name}"


def _renderer(api: Api):
    return importlib.import_module(f"handlers.{api.name}.errors").render


def _operations(api: Api, base_path: str, paths: dict) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(base path, resolved operationId) -> (API, operationId, path template), for the
    access log and the metrics."""
    return {
        (base_path, f"handlers.{api.name}.{operation['operationId']}"): (
            api.name,
            operation["operationId"],
            base_path + path,
        )
        for path, item in paths.items()
        for method, operation in item.items()
        if method in METHODS
    }
