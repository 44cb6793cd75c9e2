"""`scripts/dummy-data cassie`: rows a user can log in with and browse."""

import base64

import pytest

from commands.cassie import dummy_data
from models.cassie import Castie, Comment, Forecast, Group, Membership, User
from tests.cassie.helpers import APP


def test_dummy_data_makes_people_groups_casties_forecasts_and_comments(client, capsys):
    assert dummy_data.main(["--users", "12", "--groups", "2", "--casties", "6", "--forecasts", "40",
                            "--comments", "9"]) == 0

    counts = [model.select().count() for model in (User, Group, Membership, Castie, Forecast, Comment)]
    assert counts == [12, 2, 24, 6, 40, 9]
    assert "12 users" in capsys.readouterr().out
    winners = Forecast.select().where(Forecast.is_correct)
    assert all(forecast.points_earned == 10 for forecast in winners)
    user = User.select().order_by(User.xp.desc()).first()
    assert user.xp == 10 * winners.where(Forecast.user == user.id).count() and user.level == 1 + user.xp // 100
    credentials = base64.b64encode(f"{user.email}:cassie123".encode()).decode()
    response = client.get("/cassie/api/leaderboard/", headers={**APP, "Authorization": f"Basic {credentials}"})
    assert response.status_code == 200 and response.json()["leaderboard_profiles"][0]["handle"] == user.handle
    assert len(response.json()["leaderboard_groups"]) == 2


def test_dummy_data_runs_twice_without_clashing(client):
    for _ in range(2):
        assert dummy_data.main(["--users", "3", "--groups", "1", "--casties", "2", "--forecasts", "2"]) == 0
    assert User.select().count() == 6


def test_dummy_data_refuses_more_forecasts_than_pairs(client):
    with pytest.raises(SystemExit):
        dummy_data.main(["--users", "2", "--casties", "1", "--forecasts", "3"])
