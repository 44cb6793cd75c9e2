"""The README's settings table is core/config.py's, and every setting is checked at start."""

import dataclasses
import re

from core.config import ROOT, Config, settings_table


def test_the_readme_settings_table_is_generated_from_the_config():
    readme = (ROOT / "README.md").read_text()

    assert settings_table() in readme, "the README's settings table is stale: run scripts/settings-table"


def test_the_table_names_every_setting_with_a_description():
    rows = [line for line in settings_table().splitlines() if line.startswith("| `")]

    assert [re.match(r"\| `(\w+)`", row)[1] for row in rows] == [f.name.upper() for f in dataclasses.fields(Config)]
    assert all(not row.endswith("|  |") for row in rows), "a setting without a comment above it in Config"
