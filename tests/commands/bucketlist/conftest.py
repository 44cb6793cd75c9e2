"""The fixtures of tests/bucketlist/, for the tests of its command-line tools."""

from tests.bucketlist.conftest import *  # noqa: F403
