import pytest

from conftest import empty_all_tables
from core.config import activate


@pytest.fixture(autouse=True)
def fresh_state(app, config):
    """Every test starts from empty tables and the settings the app was created with."""
    activate(config)
    empty_all_tables()
