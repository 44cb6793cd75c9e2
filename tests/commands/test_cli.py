"""reference-apis (commands/cli.py): help everywhere, one-line start errors, the tool registry."""

import subprocess
import sys

import pytest

from commands import ADMIN, DUMMY_DATA
from commands.cli import main
from core.config import ROOT

HELP = [
    [], ["serve"], ["migrate"], ["admin"], ["dummy-data"],
    *(["admin", api] for api in ADMIN), *(["dummy-data", api] for api in DUMMY_DATA),
]  # fmt: skip


@pytest.mark.parametrize("argv", HELP, ids=" ".join)
def test_help_exits_0_and_says_what_the_command_does(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])

    out = capsys.readouterr().out
    assert exited.value.code == 0
    description = out.split("\n\n")[1]
    assert len(description.split()) >= 4, out
    assert description.rstrip().endswith((".", ")")), f"help stops mid-sentence: {description!r}"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["dummy-data", "chitter"], "dummy-data: chitter (an API) has no dummy-data tool; there is one for bucketlist"),
        (["admin", "bucketlist"], "admin: bucketlist (an API) has no admin tool; there is one for cassie, peerly"),
        (["admin", "nope"], "admin: nope (not an API) has no admin tool"),
    ],
)
def test_an_api_without_the_tool_is_told_so(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_workers_must_be_at_least_one(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--workers", "0"])

    assert exited.value.code == 2
    assert "--workers: expected at least 1" in capsys.readouterr().err


def cli(*argv, **environ) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "commands", *argv]
    return subprocess.run(command, cwd=ROOT, env={"PATH": "", **environ}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("argv", [["serve"], ["migrate"], ["admin", "things", "revoke-tokens", "--username", "kay"]])
def test_a_bad_setting_is_one_line_and_exit_2(argv):
    done = cli(*argv, SECRET_KEY="short")

    assert done.returncode == 2
    assert done.stderr == (
        f"reference-apis {argv[0]}: SECRET_KEY='short': expected at least 32 bytes"
        " (HS256 needs a key as long as its hash)\n"
    )


def test_an_unreachable_database_is_one_line_and_exit_2():
    done = cli("migrate", DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")

    assert done.returncode == 2
    assert done.stderr.startswith("reference-apis migrate: DATABASE_URL: the database cannot be reached (")
    assert len(done.stderr.splitlines()) == 1


def test_log_level_debug_shows_the_traceback():
    done = cli("migrate", SECRET_KEY="short", LOG_LEVEL="DEBUG")

    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr and "ConfigError" in done.stderr
