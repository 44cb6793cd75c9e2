"""Command-line tools of the APIs, by API: `reference-apis admin API ...` and
`reference-apis dummy-data API ...` (scripts/admin, scripts/dummy-data) call them from here.

Each tool is `main(argv) -> int`, run inside an app context (settings, migrated database,
password hashing as the server has them) with a connection open.
"""

from __future__ import annotations

from collections.abc import Callable

from commands.bucketlist import dummy_data as bucketlist_dummy_data
from commands.cassie import admin as cassie_admin
from commands.peerly import admin as peerly_admin
from commands.peerly import dummy_data as peerly_dummy_data
from commands.things import admin as things_admin
from commands.things import dummy_data as things_dummy_data

Main = Callable[[list[str]], int]

ADMIN: dict[str, Main] = {
    "cassie": cassie_admin.main,
    "peerly": peerly_admin.main,
    "things": things_admin.main,
}

DUMMY_DATA: dict[str, Main] = {
    "bucketlist": bucketlist_dummy_data.main,
    # cassie: commands/cassie/dummy_data.py (being written) registers here.
    "peerly": peerly_dummy_data.main,
    "things": things_dummy_data.main,
}
