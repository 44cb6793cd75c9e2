import pytest

from conftest import empty_all_tables


@pytest.fixture(autouse=True)
def empty_tables(app):
    """Every test starts from empty tables."""
    empty_all_tables()
