"""core/ is the ground floor: it imports nothing above it (models, handlers, commands, app)."""

import ast

import pytest

from core.config import ROOT

ABOVE = ("models", "handlers", "commands", "app")


def imported(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", sorted((ROOT / "core").glob("*.py")), ids=lambda path: path.name)
def test_core_imports_nothing_above_it(module):
    upward = {name for name in imported(module) if name.split(".")[0] in ABOVE}

    assert upward == set()
