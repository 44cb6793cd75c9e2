"""The npm tooling (Spectral, openapi-typescript, tsc), installed from package-lock.json on first use.

Shared by scripts/lint-specs and the SDK generation, so `scripts/test`, `tox` and a bare
`pytest` all work on a fresh clone that has Node.js and npm.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
LOCK = ROOT / "package-lock.json"


class NodeToolingMissing(RuntimeError):
    """Node.js or npm is not installed, so the npm tooling cannot be."""


def ensure_node_modules() -> Path:
    """node_modules as package-lock.json pins it (`npm ci` when missing or older than the lock)."""
    if NODE_MODULES.is_symlink():  # a shared install (git worktrees), managed elsewhere
        return NODE_MODULES
    if NODE_MODULES.exists() and NODE_MODULES.stat().st_mtime >= LOCK.stat().st_mtime:
        return NODE_MODULES
    if not (shutil.which("npm") and shutil.which("node")):
        raise NodeToolingMissing("Node.js 20+ with npm is needed for the spec lint and the TypeScript SDK")
    print("Installing the npm tooling (npm ci) ...", file=sys.stderr, flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    return NODE_MODULES
