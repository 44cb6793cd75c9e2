"""Cassie's error shape for the framework's own errors: unknown paths, wrong methods, wrong
media types, unknown parameters; and paths with or without their trailing slash."""

import base64

import pytest

from tests.cassie.helpers import APP, castie_form, error, follow, get, ok, post
from tests.spec_operations import TOO_LARGE, operations_documenting


def test_an_unknown_path_is_not_found_in_cassies_shape(client, steph):
    assert error(client.get("/cassie/api/nowhere/", headers=steph.auth), 404, "object_not_found") == {
        "status": 404, "error_type": "object_not_found", "error_message": "the requested URL could not be found"}


def test_a_path_parameter_holding_a_line_break_names_no_path(client, steph):
    response = client.get("/cassie/api/home/%0A/", headers=steph.auth)

    error(response, 404, "object_not_found", "the requested URL could not be found")


def test_a_wrong_method_is_400_incorrect_request_type_with_the_allowed_ones(client, steph):
    response = client.delete("/cassie/api/login/", headers=steph.auth)

    error(response, 400, "incorrect_request_type", "this endpoint does not accept DELETE requests")
    assert response.headers["allow"] == "POST"


def test_a_json_body_is_an_unsupported_media_type(client, steph):
    response = post(client, "/casties/create/", steph, json={"question": "JSON?"})

    error(response, 415, "invalid_request",
          "the request body must be application/x-www-form-urlencoded (multipart/form-data with a picture)")


def test_unknown_query_parameters_are_rejected(client, steph):
    error(get(client, "/initialize/", steph, params={"page": "2"}), 400, "invalid_request", "page is not allowed")


@pytest.mark.parametrize("path", ["/cassie/api/initialize", "/cassie/api/initialize/"])
def test_paths_work_with_or_without_the_trailing_slash(client, steph, path):
    ok(client.get(path, headers=steph.auth))


def test_booleans_are_read_in_every_documented_spelling(client, steph, weather):
    follow(client, steph, weather)
    spellings = (("True", True), ("true", True), ("1", True), ("False", False), ("false", False), ("0", False))
    for spelling, shown in spellings:
        uuid = ok(post(client, "/casties/create/", steph, data=castie_form(display_created_by=spelling)))["castie_uuid"]
        assert ok(get(client, f"/casties/{uuid}/", steph))["castie"]["showUsername"] is shown
    error(post(client, "/casties/create/", steph, data=castie_form(display_created_by="yes")), 400,
          "castie_not_created", "display_created_by must be a boolean")


def test_every_answer_allows_other_origins(client):
    response = client.get("/cassie/api/groups/", headers={**APP, "Origin": "https://app.example"})

    assert response.status_code == 401 and response.headers["access-control-allow-origin"] == "*"


def test_nul_characters_are_refused_by_name_not_stored(client, steph, weather):
    follow(client, steph, weather)

    response = post(client, "/casties/create/", steph, data=castie_form(question="rain\x00?"))

    error(response, 400, "castie_not_created", "question must not contain NUL characters")
    nul_handle = get(client, "/profile/st%00eph/stats/", steph)
    error(nul_handle, 400, "invalid_request", "handle must not contain NUL characters")
    credentials = {**APP, "Authorization": "Basic " + base64.b64encode(b"a\x00b:pw").decode()}
    error(client.get("/cassie/api/initialize/", headers=credentials), 401, "authentication_failed")


@pytest.mark.parametrize("path", ["/cassie/api/groups/%0A/", "/cassie/api/groups/%0A"])
def test_a_path_with_a_line_break_is_not_found_not_redirected(client, steph, path):
    error(client.get(path, headers=steph.auth), 404, "object_not_found", "the requested URL could not be found")


@pytest.mark.parametrize("method, path", operations_documenting("cassie", "413"))
def test_a_body_over_the_limit_is_refused_on_every_operation(client, method, path):
    response = client.request(method, path, content=TOO_LARGE, headers={"Content-Type": "multipart/form-data"})

    error(response, 413, "invalid_request", "the request body is too large")


@pytest.mark.parametrize("method, path", operations_documenting("cassie", "415"))
def test_a_body_of_another_media_type_is_refused_on_every_operation(client, steph, method, path):
    response = client.request(method, path, content=b"{}", headers={**steph.auth, "Content-Type": "application/json"})

    error(response, 415, "invalid_request")


@pytest.mark.parametrize("method, path", operations_documenting("cassie", "401"))
def test_every_operation_needs_the_api_key(client, method, path):
    error(client.request(method, path), 401, "authorization_failed")


@pytest.mark.parametrize("method, path", operations_documenting("cassie", "400", which_tab="new"))
def test_every_operation_refuses_an_unknown_query_parameter(client, steph, method, path):
    response = client.request(method, path, params={"page": "2"}, headers=steph.auth)

    assert response.status_code == 400 and "page is not allowed" in response.json()["error_message"], response.text


@pytest.mark.parametrize("method, path", operations_documenting("cassie", "404", handle="%0A", group_slug="%0A",
                                                                uuid="%0A", commentUUID="%0A", id="%0A",
                                                                file_name="%0A", action="%0A", which_tab="%0A"))
def test_every_path_with_a_line_break_is_not_found(client, steph, method, path):
    error(client.request(method, path, headers=steph.auth), 404, "object_not_found")


@pytest.mark.parametrize("method, path", operations_documenting("cassie", "401", which_tab="new"))
def test_every_path_answers_an_undeclared_method_400_incorrect_request_type(client, steph, method, path):
    response = client.request("DELETE", f"{path}/", headers=steph.auth)  # no operation is a DELETE

    error(response, 400, "incorrect_request_type", "this endpoint does not accept DELETE requests")
    assert method in response.headers["allow"]
