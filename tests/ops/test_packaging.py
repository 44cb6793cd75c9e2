"""The project builds as a wheel that installs and runs outside the source tree."""

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from core.config import ROOT


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=True, **kwargs)


def test_the_wheel_installs_in_a_fresh_venv_and_runs(tmp_path):
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path, ROOT)
    wheel = next(tmp_path.glob("reference_apis-*.whl"))
    fresh = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", fresh)
    python = fresh / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel)
    # The dependencies are those of this environment (no network in tests): a .pth reaches them.
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    env = {"PATH": os.environ.get("PATH", ""), "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}"}

    usage = run(fresh / "bin" / "reference-apis", "--help", cwd=tmp_path, env=env)
    migrated = run(fresh / "bin" / "reference-apis", "migrate", cwd=tmp_path, env=env)
    served = run(
        python, "-c",
        "import app; print(app.__file__); c = app.app.test_client(); r = c.get('/chitter/peeps');"
        " print(r.status_code, r.json())",
        cwd=tmp_path, env=env,
    )  # fmt: skip

    assert "serve" in usage.stdout and "dummy-data" in usage.stdout
    assert "applied 0007_peerly" in migrated.stdout
    where, answer = served.stdout.splitlines()
    assert where.startswith(str(site))
    assert answer == "200 []"
