"""Re-run the calling script inside the project's .venv, creating or updating it first.

Imported first by every script, so a fresh clone needs only python3: the virtualenv is
made on first use and re-synced whenever requirements.lock changes. Standard library
only: nothing else is installed yet when this runs.
"""

import hashlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"


def _ensure_venv() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / ".requirements.sha256"
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if not python.exists():
        print(f"Creating {VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"Installing {LOCK.name} into {VENV} ...", file=sys.stderr)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(LOCK)], check=True)
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
