"""Schemathesis against each spec, in process: every check, every phase, a fixed seed.

The example budget per operation comes from CONTRACT_MAX_EXAMPLES (CI keeps it small;
scripts/fuzz raises it).
"""

from __future__ import annotations

import os

import schemathesis
from schemathesis.config import SchemathesisConfig

MAX_EXAMPLES = int(os.environ.get("CONTRACT_MAX_EXAMPLES", "40"))
SEED = int(os.environ.get("CONTRACT_SEED", "20261125"))


def load_schema(app, base_path: str, *, expected_statuses: list[str]):
    """The spec as the app serves it, with every check on.

    `expected_statuses` are the answers a schema-valid request may get (positive data
    acceptance): each API documents some 4xx for valid input (a taken handle, say).
    """
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
            "checks": {"positive_data_acceptance": {"expected-statuses": expected_statuses}},
        }
    )
    return schemathesis.openapi.from_asgi(f"{base_path}/openapi.json", app, config=config)
