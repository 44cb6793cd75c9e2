"""The composition root: `create_app(config)` builds the one ASGI app serving every API.

Each API is a spec in openapi/<name>.yaml, handlers in handlers/<name>/, models in
models/<name>.py and one error renderer, handlers/<name>/errors.py:render. All are mounted
under /<name>, or one of them at the root (`API=chitter`), plus the service's /health.

Run with `uvicorn --factory app:create_app` (scripts/serve does).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import logging
from pathlib import Path

import anyio
import yaml
from connexion import AsyncApp
from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware

from core import database, security
from core.config import Config, ConfigError, activate
from core.encoding import FastJsonifier
from core.errors import ApiError, ErrorRenderers
from core.limits import BodySizeLimit
from core.operations import HandlerResolver, decorate_once
from core.paths import Routes, TrailingSlashes
from core.validation import VALIDATORS

SPECS = Path(__file__).resolve().parent / "openapi"


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
    _configure_logging(config.log_level)
    if config.api is not None and config.api not in APIS:
        raise ConfigError(f"API={config.api!r}: expected one of {', '.join(APIS)}")
    activate(config)
    database.bind(config.database_url)
    security.configure(config.password_hash_profile, config.secret_key)

    app = AsyncApp(__name__, specification_dir=SPECS, validator_map=VALIDATORS, lifespan=_lifespan(config),
                   jsonifier=FastJsonifier())
    decorate_once(app)
    routes = Routes()
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
        routes.add_spec(base_path, _spec_paths(api))

    for error in (ApiError, ProblemException, HTTPException, Exception):
        app.add_error_handler(error, renderers)
    app.add_middleware(BodySizeLimit, position=MiddlewarePosition.BEFORE_SWAGGER)
    # Before the Swagger UI's router, which would answer `/health` with a redirect.
    app.add_middleware(TrailingSlashes, position=MiddlewarePosition.BEFORE_SWAGGER, routes=routes)
    app.add_middleware(
        CORSMiddleware,
        position=MiddlewarePosition.BEFORE_EXCEPTION,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"],
        allow_headers=["*"],
        expose_headers=["Location", "Link", "Authentication", "WWW-Authenticate"],
        max_age=7200,
    )
    return app


def _lifespan(config: Config):
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        yield

    return lifespan


def _base_path(api: Api, config: Config) -> str:
    if api is SERVICE:
        # Its own base path: two specs mounted at the root would shadow each other's /ui.
        return "/health"
    return "" if config.api else f"/{api.name}"


def _renderer(api: Api):
    return importlib.import_module(f"handlers.{api.name}.errors").render


def _spec_paths(api: Api) -> dict:
    return yaml.safe_load((SPECS / f"{api.name}.yaml").read_text())["paths"]


def _configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Connexion warns on every request to an operation that accepts several media types.
    logging.getLogger("connexion.operations.openapi3").setLevel(logging.ERROR)
