"""scripts/admin peerly: create-org, create-user, renew-hi5 and token."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from commands.peerly.admin import main
from models.peerly import MONTHLY, SUPER_ADMIN, Organisation, User
from tests.peerly.helpers import URL, make_org

ROOT = Path(__file__).resolve().parents[3]
MONDAY, TUESDAY, FIRST_OF_MONTH = date(2026, 11, 23), date(2026, 11, 24), date(2026, 12, 1)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out.strip(), err.strip()


# --- create-org, create-user ----------------------------------------------------------


def test_create_org(app, capsys):
    status, out, _ = run(
        capsys,
        "create-org",
        "--name",
        "Josh Software",
        "--domain",
        "JoshSoftware.com",
        "--hi5-limit",
        "3",
        "--renewal",
        "MONTHLY",
        "--timezone",
        "Asia/Kolkata",
    )

    assert status == 0
    org = Organisation.get()
    assert out == f"created organisation {org.id} (joshsoftware.com)"
    assert (org.name, org.domain_name, org.hi5_limit, org.hi5_quota_renewal_frequency, org.timezone) == (
        "Josh Software",
        "joshsoftware.com",
        3,
        MONTHLY,
        "Asia/Kolkata",
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--domain", "not a domain"], "domain_name: should be a domain name"),
        (["--domain", "acme.test"], "domain_name: is already an organisation's"),
        (["--domain", "x.test", "--timezone", "Mars/Olympus"], "timezone: should be a time zone such as Asia/Kolkata"),
        (["--domain", "x.test", "--hi5-limit", "-1"], "hi5_limit: must be at least 0"),
    ],
)
def test_create_org_refuses_what_the_api_refuses(acme, capsys, argv, message):
    status, _, err = run(capsys, "create-org", "--name", "X", *argv)

    assert (status, err) == (1, message)
    assert Organisation.select().count() == 1


def test_create_user_joins_the_organisation_of_the_email_domain(acme, capsys):
    status, out, _ = run(
        capsys, "create-user", "--email", "Boss@Acme.test", "--role", "1", "--first-name", "Bo", "--last-name", "Ss"
    )

    assert status == 0
    user = User.get()
    assert out == f"created user {user.id} (boss@acme.test, SuperAdmin) in Acme"
    assert (user.org_id, user.email, user.role_id, user.hi5_quota_balance) == (acme.id, "boss@acme.test", 1, 5)
    assert (user.first_name, user.last_name, user.display_name) == ("Bo", "Ss", "Bo Ss")


def test_create_user_names_default_to_the_email(acme, capsys):
    run(capsys, "create-user", "--email", "boss@acme.test", "--role", "2")

    user = User.get()
    assert (user.first_name, user.last_name, user.display_name) == ("boss", "", "boss")


@pytest.mark.parametrize(
    "email, message",
    [
        (
            "someone@nowhere.test",
            "error: no organisation has the domain of 'someone@nowhere.test': create it first with create-org",
        ),
        ("taken@acme.test", "error: taken@acme.test already exists"),
    ],
)
def test_create_user_refuses_unknown_domains_and_existing_users(acme, capsys, email, message):
    User.create(org=acme, email="taken@acme.test", first_name="T", role_id=3, hi5_quota_balance=5)

    status, _, err = run(capsys, "create-user", "--email", email, "--role", "1")

    assert (status, err) == (1, message)
    assert User.select().count() == 1


def test_create_user_refuses_an_unknown_role(acme, capsys):
    with pytest.raises(SystemExit):
        main(["create-user", "--email", "x@acme.test", "--role", "5"])
    assert User.select().count() == 0


def test_a_created_super_admin_logs_in_with_google(client, google, acme, capsys):
    run(capsys, "create-user", "--email", "boss@acme.test", "--role", "1")
    google.knows("tok", "boss@acme.test")

    token = client.post(f"{URL}/oauth/google", json={"access_token": "tok"}).json()["data"]["token"]

    me = client.get(f"{URL}/users/me", headers={"Authorization": f"Bearer {token}"}).json()["data"]
    assert me["role_id"] == SUPER_ADMIN


def test_token_prints_a_working_token(client, acme, capsys):
    run(capsys, "create-user", "--email", "boss@acme.test", "--role", "1")

    status, token, _ = run(capsys, "token", "--email", "BOSS@acme.test")

    assert status == 0
    assert client.get(f"{URL}/users/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_token_for_nobody_fails(app, capsys):
    assert run(capsys, "token", "--email", "nobody@acme.test")[0] == 1


# --- renew-hi5 ------------------------------------------------------------------------


@pytest.fixture
def spent(acme):
    """Acme renews weekly (5 each), Initech monthly (3 each); everyone has spent some."""
    initech = make_org("initech.test", hi5_limit=3, hi5_quota_renewal_frequency=MONTHLY)
    for org, email in ((acme, "a@acme.test"), (acme, "b@acme.test"), (initech, "c@initech.test")):
        User.create(org=org, email=email, first_name="X", role_id=3, hi5_quota_balance=1)
    return acme, initech


def balances() -> dict[str, int]:
    return {u.email: u.hi5_quota_balance for u in User.select()}


def test_weekly_organisations_renew_on_mondays(spent, capsys):
    status, out, _ = run(capsys, "renew-hi5", "--date", MONDAY.isoformat())

    assert (status, out) == (0, "renewed hi5s in Acme (5 each)")
    assert balances() == {"a@acme.test": 5, "b@acme.test": 5, "c@initech.test": 1}


def test_monthly_organisations_renew_on_the_first(spent, capsys):
    _, out, _ = run(capsys, "renew-hi5", "--date", FIRST_OF_MONTH.isoformat())

    assert out == "renewed hi5s in Initech (3 each)"
    assert balances() == {"a@acme.test": 1, "b@acme.test": 1, "c@initech.test": 3}


def test_nothing_renews_on_other_days(spent, capsys):
    _, out, _ = run(capsys, "renew-hi5", "--date", TUESDAY.isoformat())

    assert out == "no organisation renews its hi5s today"
    assert set(balances().values()) == {1}


def test_a_second_run_the_same_day_gives_nothing_again(spent, capsys):
    run(capsys, "renew-hi5", "--date", MONDAY.isoformat())
    User.update(hi5_quota_balance=2).where(User.email == "a@acme.test").execute()  # spent 3 since

    _, out, _ = run(capsys, "renew-hi5", "--date", MONDAY.isoformat())

    assert out == "no organisation renews its hi5s today"
    assert balances()["a@acme.test"] == 2


def test_the_next_monday_renews_again(spent, capsys):
    run(capsys, "renew-hi5", "--date", MONDAY.isoformat())
    User.update(hi5_quota_balance=0).execute()

    run(capsys, "renew-hi5", "--date", "2026-11-30")

    assert balances()["a@acme.test"] == 5


def test_a_renewal_uses_the_current_hi5_limit(spent, capsys):
    acme, _ = spent
    Organisation.update(hi5_limit=8).where(Organisation.id == acme.id).execute()

    run(capsys, "renew-hi5", "--date", MONDAY.isoformat())

    assert balances()["a@acme.test"] == 8


# --- through scripts/admin ------------------------------------------------------------


def test_scripts_admin_runs_the_commands_on_database_url(config, app):
    env = {**os.environ, "DATABASE_URL": config.database_url, "SECRET_KEY": config.secret_key}

    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "admin"),
            "peerly",
            "create-org",
            "--name",
            "Scripted",
            "--domain",
            "scripted.test",
        ],
        env=env,
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("created organisation")
    assert Organisation.get().domain_name == "scripted.test"
