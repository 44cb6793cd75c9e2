import pytest

from commands.things import admin
from core import database
from models.things import Token
from tests.things.helpers import assert_access_denied, log_in, member


def run(*argv: str) -> int:
    with database.db.connection_context():
        return admin.main(list(argv))


def test_revoke_tokens_ends_every_session_of_the_user_only(client, capsys):
    kay, dog = member(client, "kay"), member(client, "dog")
    log_in(client, "kay")

    assert run("revoke-tokens", "--username", "kay") == 0

    assert_access_denied(client.get("/things/stuff", headers=kay.auth))
    assert client.get("/things/stuff", headers=dog.auth).status_code == 200
    assert Token.select().where(Token.user == kay.id).count() == 0
    assert capsys.readouterr().out == "2 tokens of kay revoked.\n"


def test_revoke_tokens_of_an_unknown_user_fails(client, capsys):
    assert run("revoke-tokens", "--username", "nobody") == 1
    assert capsys.readouterr().err == "No user named nobody.\n"


def test_admin_needs_a_command():
    with pytest.raises(SystemExit):
        run()
