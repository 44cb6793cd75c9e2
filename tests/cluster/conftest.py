import pytest


def pytest_collection_modifyitems(config, items):
    """Cluster tests run only when asked for (`-m cluster`): they need root or the Debian
    packages installed, and bring a whole cluster up (about a minute each)."""
    if "cluster" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="a cluster test: run with -m cluster (README: Running beyond one machine)")
    for item in items:
        if "cluster" in item.keywords:
            item.add_marker(skip)
