"""Forecasts: one per user per castie, while it is open, on an option or written in."""

import pytest

from models.cassie import Castie, Forecast
from tests.cassie.helpers import (
    approve,
    create_castie,
    create_group,
    end_castie,
    error,
    follow,
    forecast,
    get,
    ok,
    option_ids,
    post,
)


@pytest.fixture
def castie(client, steph, weather):
    follow(client, steph, weather)
    return create_castie(client, steph)


@pytest.fixture
def write_in(client, steph, weather):
    follow(client, steph, weather)
    return create_castie(client, steph, poll_type="Open", answer_type="Write-in answers", answer_option=None)


def test_forecast_a_set_option(client, steph, luly, castie):
    answer_id = option_ids(client, luly, castie)["Yes"]

    body = forecast(client, luly, castie, answer_id=answer_id)

    assert body == {"status": 200, "message": "forecast successfully recorded", "castie_uuid": castie,
                    "answer_id": answer_id, "user_forecast_text": "Yes"}
    stored = Forecast.get(Forecast.user == luly.id)
    assert (stored.answer_option_id, stored.text) == (answer_id, "Yes")
    assert Castie.get(Castie.uuid == castie).last_forecasted_at == stored.created_at


def test_forecast_a_write_in(client, luly, write_in):
    body = forecast(client, luly, write_in, forecast_text="howdy ", answer_id=5)  # answer_id is ignored here

    assert body == {"status": 200, "message": "forecast successfully recorded", "castie_uuid": write_in,
                    "answer_id": None, "user_forecast_text": "howdy "}
    assert Forecast.get(Forecast.user == luly.id).answer_option_id is None


def test_forecasting_notifies_the_creator(client, steph, luly, castie):
    forecast(client, luly, castie, answer_id=option_ids(client, luly, castie)["No"])

    notification = ok(get(client, "/notifications/", steph))["notifications"][0]

    assert notification["notification_type"] == "castie-forecasted" and notification["data"] == castie
    assert notification["message"] == "@luly forecasted your Castie"


def test_forecast_twice_is_refused(client, luly, castie):
    ids = option_ids(client, luly, castie)
    forecast(client, luly, castie, answer_id=ids["Yes"])

    response = post(client, f"/casties/{castie}/forecast/", luly, data={"answer_id": ids["No"]})

    assert error(response, 400, "cannot_forecast") == {
        "status": 400, "error_type": "cannot_forecast", "error_message": "the User has already forecasted this Castie"}
    assert Forecast.select().count() == 1


def test_forecast_after_the_end_is_refused(client, luly, castie):
    end_castie(castie)

    answer_id = option_ids(client, luly, castie)["Yes"]

    response = post(client, f"/casties/{castie}/forecast/", luly, data={"answer_id": answer_id})

    error(response, 400, "cannot_forecast", "this castie is not accepting forecasts- end date/time has passed")
    assert Forecast.select().count() == 0


def test_forecast_an_answered_open_castie_is_refused(client, steph, luly, write_in):
    ok(post(client, f"/casties/{write_in}/answer/", steph, data={"keyword": "x"}))

    error(post(client, f"/casties/{write_in}/forecast/", luly, data={"forecast_text": "x"}), 400, "cannot_forecast",
          "this castie is not accepting forecasts- end date/time has passed")


@pytest.mark.parametrize("data, message", [
    ({}, "answer_id was not sent in request"),
    ({"forecast_text": "Yes"}, "answer_id was not sent in request"),
    ({"answer_id": 999999}, "the answer_id provided does not correspond to a valid answer option for this castie"),
    ({"answer_id": "many"}, "answer_id must be an integer"),
])
def test_forecast_without_a_valid_answer_id_is_refused(client, luly, castie, data, message):
    error(post(client, f"/casties/{castie}/forecast/", luly, data=data), 400, "cannot_forecast", message)
    assert Forecast.select().count() == 0


def test_forecast_with_another_casties_option_is_refused(client, steph, luly, castie):
    other = create_castie(client, steph)

    others_option = option_ids(client, luly, other)["Yes"]

    response = post(client, f"/casties/{castie}/forecast/", luly, data={"answer_id": others_option})

    error(response, 400, "cannot_forecast",
          "the answer_id provided does not correspond to a valid answer option for this castie")


def test_a_write_in_forecast_needs_text(client, luly, write_in):
    error(post(client, f"/casties/{write_in}/forecast/", luly, data={"forecast_text": "  "}), 400, "cannot_forecast",
          "forecast_text was not sent in request")


def test_forecast_on_a_missing_castie_is_not_found(client, luly):
    response = post(client, f"/casties/{'a' * 32}/forecast/", luly, data={"answer_id": 1})

    error(response, 404, "object_not_found",
          "the requested castie could not be found. make sure you are sending a valid uuid")


def test_forecast_in_a_private_group_needs_access(client, steph, luly):
    create_group("secret", private=True)
    approve("secret", "steph")
    uuid = create_castie(client, steph, group="secret")
    answer_id = option_ids(client, steph, uuid)["Yes"]

    error(post(client, f"/casties/{uuid}/forecast/", luly, data={"answer_id": answer_id}), 404, "object_not_found")
    approve("secret", "luly")
    forecast(client, luly, uuid, answer_id=answer_id)
