"""scripts/dummy-data peerly: a demo organisation."""

from commands.peerly.admin import main as admin
from commands.peerly.dummy_data import main
from models.peerly import MODERATOR, ORGANISATION_ADMIN, CoreValue, Hi5, Organisation, Recognition, User
from tests.peerly.helpers import URL


def test_dummy_data_makes_a_demo_organisation(app, capsys):
    status = main(["--users", "8", "--recognitions", "15"])

    out = capsys.readouterr().out
    assert status == 0
    org = Organisation.get()
    assert (org.name, org.domain_name) == ("Peerly Demo", "peerly.example")
    users = list(User.select())
    assert len(users) == 8 and all(u.hi5_quota_balance == 5 for u in users)
    assert {u.email: u.role_id for u in users}["admin@peerly.example"] == ORGANISATION_ADMIN
    assert {u.email: u.role_id for u in users}["moderator@peerly.example"] == MODERATOR
    assert CoreValue.select().count() == 5 and Recognition.select().count() == 15
    for recognition in Recognition.select():
        givers = [h.given_by_id for h in Hi5.select().where(Hi5.recognition == recognition)]
        assert recognition.given_by_id in givers and recognition.given_for_id not in givers
    assert f"{Hi5.select().count()} hi5s" in out


def test_the_demo_is_served_by_the_api(client, app, capsys):
    main(["--recognitions", "30"])

    admin(["token", "--email", "employee1@peerly.example"])
    token = capsys.readouterr().out.strip().splitlines()[-1]

    response = client.get(f"{URL}/recognitions", params={"limit": 100}, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert len(response.json()["data"]) == 30


def test_dummy_data_refuses_a_domain_already_taken(app, capsys):
    main([])

    assert main([]) == 1
    err = capsys.readouterr().err
    assert "domain_name: is already an organisation's" in err
    assert "run again with another --domain" in err
    assert Organisation.select().count() == 1
