"""A bounded soak (scripts/soak) against the suite's real server: mixed traffic from 16
clients, then every acknowledged write read back. SOAK_SECONDS sets its length."""

from __future__ import annotations

import os

from scripts._soak import run

SECONDS = float(os.environ.get("SOAK_SECONDS", "15"))


def test_a_soak_has_no_server_error_and_loses_no_write(live_server):
    figures = run(live_server, SECONDS, clients=16)
    print("\n".join(["", *figures.lines()]))

    assert figures.five_xx == 0, figures.server_errors[:5]
    assert figures.lost == []
    assert figures.writes > 100 and figures.checked == figures.writes
