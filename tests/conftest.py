import pytest


@pytest.fixture(autouse=True)
def every_test_starts_fresh(fresh_state):
    """Every test starts from empty tables and the settings the app was created with."""
