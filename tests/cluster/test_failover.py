"""The failover scenario of `scripts/cluster test`, on a cluster brought up for it and torn
down after: the leader killed under mixed traffic, one app worker stopped; no acknowledged
write lost or doubled, no 5xx but the documented 503."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

CLUSTER = Path(__file__).resolve().parents[2] / "scripts" / "cluster"

pytestmark = pytest.mark.cluster


@pytest.fixture
def cluster():
    subprocess.run([CLUSTER, "up"], check=True, timeout=180)
    try:
        yield
    finally:
        subprocess.run([CLUSTER, "down"], check=True, timeout=120)


def test_failover_loses_and_doubles_no_acknowledged_write(cluster):
    run = subprocess.run([CLUSTER, "test", "--seconds", "30"], capture_output=True, text=True, timeout=240)
    print(run.stdout)
    figures = json.loads(next(line for line in run.stdout.splitlines() if line.startswith("{")))
    assert figures["acknowledged_writes_checked"] > 0
    assert (figures["lost"], figures["doubled"], figures["unexpected_answers"]) == (0, 0, 0)
    assert set(figures["statuses"]) <= {"200", "201", "204", "503"}
    assert run.returncode == 0, run.stdout + run.stderr
