"""reference-apis: serve the five APIs, migrate their database, run an API's tools.

    reference-apis serve [--api NAME] [--host 127.0.0.1] [--port 8000] [--workers N]
    reference-apis migrate [up|status]
    reference-apis admin API COMMAND [options]      e.g. reference-apis admin cassie --help
    reference-apis dummy-data API [options]         e.g. reference-apis dummy-data bucketlist

Settings come from the environment (README, "Settings"). A bad setting or a database that
cannot be reached ends with one line naming it and exit status 2; LOG_LEVEL=DEBUG shows the
traceback too. Also `python -m commands ...`; scripts/serve, scripts/migrate, scripts/admin
and scripts/dummy-data are this with the command filled in.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

import peewee

from commands import ADMIN, DUMMY_DATA

PROG = "reference-apis"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except (ValueError, peewee.OperationalError, peewee.InterfaceError) as error:
        if os.environ.get("LOG_LEVEL", "").strip().upper() == "DEBUG":
            raise
        print(f"{PROG} {args.command}: {start_error(error)}", file=sys.stderr)
        return 2


def start_error(error: Exception) -> str:
    """One line: ConfigError names the setting and the fix; a driver's error gets a hint."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if isinstance(error, peewee.DatabaseError | peewee.InterfaceError):
        return f"DATABASE_URL: the database cannot be reached ({first}): is it running, and the URL right?"
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="migrate the database, then serve the APIs with uvicorn")
    serve.description = "Apply pending migrations, then serve every API (or one, at the root) with uvicorn."
    serve.add_argument("--api", choices=_apis(), help="serve this one API at the root")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=_at_least_one, default=os.cpu_count() or 1, help="processes (default: cores)")
    serve.set_defaults(run=_serve)
    migrate = commands.add_parser("migrate", help="apply the database migrations, or show their status")
    migrate.description = "Apply the migrations of models/migrations/ to DATABASE_URL (up), or list them (status)."
    migrate.add_argument("action", nargs="?", choices=["up", "status"], default="up")
    migrate.set_defaults(run=_migrate)
    _tool_parser(commands, "admin", ADMIN, "an API's administration commands (creating groups, tokens, ...)")
    _tool_parser(commands, "dummy-data", DUMMY_DATA, "fill the database with demo data for one API")
    return parser


def _tool_parser(commands, name: str, registry: dict, summary: str) -> None:
    tool = commands.add_parser(name, help=summary)
    apis = ", ".join(registry)
    tool.description = f"{summary[0].upper()}{summary[1:]}, on DATABASE_URL (migrated first). APIs: {apis}."
    tool.epilog = f"Each API's own options: {PROG} {name} API --help"
    tool.add_argument("api", metavar="API", help=" | ".join(registry))
    tool.add_argument("argv", nargs=argparse.REMAINDER, help="the API's command and options")
    tool.set_defaults(run=lambda args: _run_tool(registry, name, args))


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("expected at least 1")
    return value


def _apis() -> list[str]:
    from app import APIS

    return sorted(APIS)


def _run_tool(registry: dict, name: str, args) -> int:
    tool = registry.get(args.api)
    if tool is None:
        known = "an API" if args.api in _apis() else "not an API"
        print(
            f"{PROG} {name}: {args.api} ({known}) has no {name} tool; there is one for {', '.join(registry)}",
            file=sys.stderr,
        )
        return 2
    from app import migrate, open_context
    from core.config import Config
    from core.context import use
    from core.database import db

    config = Config.from_env()
    migrate(config)
    use(open_context(config))
    with db.connection_context():
        return tool(args.argv) or 0


def _migrate(args) -> int:
    from playhouse.migrations import Runner

    from app import migrate
    from core.config import Config
    from core.database import MIGRATIONS, open_database

    config = Config.from_env()
    if args.action == "up":
        print("\n".join(f"applied {name}" for name in migrate(config)) or "nothing to apply")
        return 0
    database = open_database(config.database_url)
    with database.connection_context():
        for migration in Runner(database, str(MIGRATIONS)).status():
            print(f"{migration.name:30} {migration.applied or 'pending'}")
    return 0


def _serve(args) -> int:
    # Each worker writes its metrics here and /metrics adds them up; a fresh directory per
    # start, so a previous run's counts are not added in. Set before prometheus_client loads.
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="reference-apis-metrics-"))
    import uvicorn

    from app import create_app, migrate
    from core.config import Config
    from core.limits import UVICORN_OPTIONS

    if args.api:
        os.environ["API"] = args.api
    config = Config.from_env()
    applied = migrate(config)
    create_app(config)  # every start error here, once, as one line: not in each worker
    print(f"Database ready ({len(applied)} migrations applied).")
    where = f"/ ({args.api})" if args.api else "/chitter, /bucketlist, /things, /cassie, /peerly"
    print(f"Serving {where} on http://{args.host}:{args.port}  (docs: <base>/ui/, <base>/redoc)")
    uvicorn.run(
        "app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=config.log_level.lower(),
        access_log=False,  # the app writes its own, as JSON (core.observability)
        **UVICORN_OPTIONS,  # connection cap, keep-alive timeout, no server header (core/limits.py)
    )
    return 0
