"""The fixtures of tests/peerly/, for the tests of its command-line tools."""

from tests.peerly.conftest import *  # noqa: F403
