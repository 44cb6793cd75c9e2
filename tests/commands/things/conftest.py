"""The fixtures of tests/things/, for the tests of its command-line tools."""

from tests.things.conftest import *  # noqa: F403
