import pytest

from commands.things import dummy_data
from core import database
from models.things import Thing, User
from tests.things.helpers import Member, log_in


def run(*argv: str) -> int:
    with database.db.connection_context():
        return dummy_data.main(list(argv))


def test_dummy_data_gives_a_demo_user_things_to_browse(client, capsys):
    assert run() == 0

    demo = Member(User.get().id, "demo", log_in(client, "demo", "demo-password"))
    listed = client.get("/things/stuff", headers=demo.auth).json()
    assert len(listed) == 100
    assert listed[0] == {"id": listed[0]["id"], "name": "Thing 1", "color": "green", "quantity": 2, "tags": ["office"]}
    assert capsys.readouterr().out == "100 things added for demo (password demo-password).\n"


def test_dummy_data_adds_to_an_existing_user_without_changing_the_password(client, capsys):
    run("--username", "kay", "--password", "first-password", "--things", "3")

    assert run("--username", "kay", "--password", "other-password", "--things", "2") == 0

    assert User.select().count() == 1
    assert [thing.name for thing in Thing.select().order_by(Thing.id)] == [f"Thing {n}" for n in range(1, 6)]
    assert log_in(client, "kay", "first-password")
    assert capsys.readouterr().out.endswith("2 things added for kay (existing user, password unchanged).\n")


def test_dummy_data_rejects_a_count_that_is_not_a_number():
    with pytest.raises(SystemExit):
        run("--things", "many")
    assert User.select().count() == 0
