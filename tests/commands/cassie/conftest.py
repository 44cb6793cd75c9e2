"""The fixtures of tests/cassie/, for the tests of its command-line tools."""

from tests.cassie.conftest import *  # noqa: F403
