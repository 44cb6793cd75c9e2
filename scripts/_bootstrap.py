"""Re-run the calling script inside the project's .venv, creating or updating it first.

Imported first by every script, so a fresh clone needs only python3: the virtualenv is
made on first use and re-synced whenever a lock changes: requirements.lock (what the
service runs on) and requirements-dev.lock (tests, lint, SDKs; it includes the first).
Standard library only: nothing else is installed yet when this runs.
"""

import hashlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCKS = (ROOT / "requirements.lock", ROOT / "requirements-dev.lock")


def _ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements.sha256"
    wanted = hashlib.sha256(b"".join(lock.read_bytes() for lock in LOCKS)).hexdigest()
    if not python.exists():
        print(f"Creating {VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"Installing {LOCKS[-1].name} (and {LOCKS[0].name}) into {VENV} ...", file=sys.stderr)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(LOCKS[-1])], check=True)
        stamp.write_text(wanted)
    return python


if Path(sys.prefix).resolve() != VENV.resolve():
    venv_python = _ensure_venv()
    os.execv(venv_python, [str(venv_python), *sys.argv])

os.chdir(ROOT)
sys.path.insert(0, str(ROOT))

# Connexion imports Starlette's test client, which asks for httpx2 (httpx works). Quiet it
# here and in processes started from here (uvicorn's workers inherit the environment).
QUIET = "ignore:Using `httpx` with `starlette.testclient`"
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [os.environ.get("PYTHONWARNINGS"), QUIET]))
