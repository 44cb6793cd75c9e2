"""Run one API's command module (`handlers/<api>/<module>.py:main(argv)`) on the database.

Shared by scripts/admin and scripts/dummy-data: `scripts/admin cassie create-group ...`
calls handlers/cassie/admin.py:main(["create-group", ...]) with the database bound,
migrated and connected, and password hashing configured as the server would.
"""

from __future__ import annotations

import importlib.util
import sys

from app import APIS
from core import database, security
from core.config import Config, activate


def run(module: str, usage: str) -> int:
    available = [api for api in APIS if importlib.util.find_spec(f"handlers.{api}.{module}")]
    if len(sys.argv) < 2 or sys.argv[1] not in available:
        print(f"usage: {usage}\n  API: {', '.join(available) or '(none yet)'}", file=sys.stderr)
        return 2
    config = Config.from_env()
    activate(config)
    database.bind(config.database_url)
    database.migrate()
    security.configure(config.password_hash_profile, config.secret_key)
    command = importlib.import_module(f"handlers.{sys.argv[1]}.{module}")
    with database.db.connection_context():
        return command.main(sys.argv[2:]) or 0
