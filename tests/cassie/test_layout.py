"""Cassie's layout: spec → handler → model in three hops. A handler module imports models,
core and its package's shared module (handlers/cassie/__init__.py), never a sibling."""

import ast
import statistics
from pathlib import Path

HANDLERS = Path(__file__).resolve().parents[2] / "handlers" / "cassie"
MODELS = HANDLERS.parents[1] / "models" / "cassie"


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def sibling_modules() -> set[str]:
    return {f"handlers.cassie.{path.stem}" for path in HANDLERS.glob("*.py") if path.stem != "__init__"}


def test_no_handler_module_imports_a_sibling():
    siblings = sibling_modules()
    for path in HANDLERS.glob("*.py"):
        assert not imported_modules(path) & siblings, path.name


def test_models_know_no_handlers():
    for path in MODELS.glob("*.py"):
        assert not any(name.startswith("handlers") for name in imported_modules(path)), path.name


def test_modules_are_short_and_functions_shorter():
    paths = [*HANDLERS.glob("*.py"), *MODELS.glob("*.py")]
    lengths = []
    for path in paths:
        tree = ast.parse(path.read_text())
        assert len(path.read_text().splitlines()) <= 400, path.name
        lengths += [node.end_lineno - node.lineno + 1 for node in ast.walk(tree)
                    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    assert statistics.median(lengths) <= 10
