"""scripts/admin cassie: creating groups and approving followers of private ones."""

import subprocess
import sys

import pytest

from commands.cassie import admin
from models.cassie import Group, Membership, Notification
from tests.cassie.helpers import follow


def test_create_group(capsys):
    assert admin.main(["create-group", "--slug", "weather", "--name", "Boston Weather", "--private",
                       "--info", "Rain?", "--access-denied-message", "Members only"]) == 0

    group = Group.get(Group.slug == "weather")
    assert (group.name, group.requires_approval, group.info_text, group.access_denied_message) == (
        "Boston Weather", True, "Rain?", "Members only")
    assert "Created the private group 'weather'" in capsys.readouterr().out


def test_create_a_group_twice_fails(capsys):
    admin.main(["create-group", "--slug", "weather", "--name", "One"])

    assert admin.main(["create-group", "--slug", "weather", "--name", "Two"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert Group.get().name == "One"


def test_approve_grants_a_pending_follower(client, steph):
    admin.main(["create-group", "--slug", "secret", "--name", "Secret", "--private"])
    follow(client, steph, "secret")

    assert admin.main(["approve", "--group", "secret", "--handle", "steph"]) == 0

    membership = Membership.get()
    assert (membership.access, membership.following) == ("granted", True)
    assert Notification.get().notification_type == "group-access-granted"


@pytest.mark.parametrize("args, message", [
    (["--group", "nothing", "--handle", "steph"], "No group 'nothing'."),
    (["--group", "secret", "--handle", "nobody"], "No user 'nobody'."),
])
def test_approve_needs_an_existing_group_and_user(steph, capsys, args, message):
    admin.main(["create-group", "--slug", "secret", "--name", "Secret", "--private"])

    assert admin.main(["approve", *args]) == 1
    assert message in capsys.readouterr().err
    assert Membership.select().count() == 0


def test_the_admin_script_runs_the_command_on_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    command = [sys.executable, "scripts/admin", "cassie", "create-group", "--slug", "s", "--name", "S"]

    done = subprocess.run(command, env={"DATABASE_URL": url, "PATH": ""}, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert "Created the public group 's' (S)." in done.stdout
