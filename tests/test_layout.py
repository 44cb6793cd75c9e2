"""The house rules of the layout, checked by reading the source (issue 11).

- spec → handler → model in three hops: a handler module imports models and core (and its
  own API's package, `handlers/<api>/__init__.py`, where what several operations share
  lives), never a sibling handler module nor another API's handlers;
- models know no handlers (they return queries and rows, never HTTP);
- no module in handlers/, models/, core/ or commands/ over 400 lines, and functions short
  (a median of at most 10 lines).
"""

from __future__ import annotations

import ast
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APIS = ("chitter", "bucketlist", "things", "cassie", "peerly")
MAX_LINES = 400
FOLDERS = ("handlers", "models", "core", "commands")


def imported_modules(path: Path, package: str) -> set[str]:
    """Every module `path` imports, by dotted name; `from pkg import name` counts as pkg.name."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing module's package
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}".rstrip(".")
            modules.update(f"{base}.{alias.name}" for alias in node.names)
            modules.add(base)
    return modules


def sibling_imports(api: str, root: Path = ROOT) -> list[str]:
    """`module imports name` for each import of a handler module other than its own package."""
    package = f"handlers.{api}"
    offences = []
    for path in sorted((root / "handlers" / api).glob("*.py")):
        for name in sorted(imported_modules(path, package)):
            is_handler = name.startswith("handlers.")
            # `from handlers.chitter import unwrapped` names the package's own function: allowed,
            # unless the name is one of its modules.
            own_package = name == package or (
                name.startswith(package + ".")
                and name.count(".") == 2
                and not (root / "handlers" / api / f"{name.rsplit('.', 1)[1]}.py").exists()
            )
            if is_handler and not own_package:
                offences.append(f"handlers/{api}/{path.name} imports {name}")
    return offences


@pytest.mark.parametrize("api", APIS)
def test_handler_modules_import_no_sibling_handler(api):
    assert sibling_imports(api) == []


def test_the_check_sees_a_sibling_import(tmp_path):
    """The rule itself: a sibling import is caught, the package's own names are not."""
    api_dir = tmp_path / "handlers" / "demo"
    api_dir.mkdir(parents=True)
    (api_dir / "__init__.py").write_text("def shared(): pass\n")
    (api_dir / "errors.py").write_text("from handlers.demo import shared\n")
    (api_dir / "items.py").write_text("from handlers.demo.errors import x\nfrom . import errors\n")
    assert sibling_imports("demo", tmp_path) == [
        "handlers/demo/items.py imports handlers.demo.errors",
        "handlers/demo/items.py imports handlers.demo.errors.x",
    ]


def test_models_import_no_handlers():
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / "models").rglob("*.py"))
        for name in imported_modules(path, "models")
        if name.startswith("handlers")
    ]
    assert offences == []


def test_functions_are_short():
    lengths = [
        node.end_lineno - node.lineno + 1
        for folder in FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    assert statistics.median(lengths) <= 10


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_module_over_400_lines(folder):
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
