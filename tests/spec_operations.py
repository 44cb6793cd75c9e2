"""Requests for every operation whose spec documents a given status: for the answers the
framework gives the same way on every operation (a body over the limit, a wrong media
type), so that each documented one is checked rather than a sample."""

from __future__ import annotations

import re

import pytest

from core.limits import MAX_BODY_BYTES
from testing.spec_coverage import load_specs

TOO_LARGE = b"x" * (MAX_BODY_BYTES + 1)


def operations_documenting(api: str, status: str, **path_values: str) -> list:
    """pytest params (method, full path) of each operation of `api` documenting `status`;
    path parameters take `path_values`, else "1"."""
    spec = next(spec for spec in load_specs() if spec.name == api)
    return [
        pytest.param(op.method, _filled(op.template, path_values), id=op.name)
        for op in spec.operations
        if status in op.statuses
    ]


def _filled(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([^}]*)\}", lambda name: values.get(name.group(1), "1"), template)
