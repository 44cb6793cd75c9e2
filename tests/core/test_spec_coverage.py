"""The spec coverage plugin's mapping from a request to its operation and documented status."""

from testing.spec_coverage import Coverage, Spec

DOCUMENT = {
    "servers": [{"url": "/api"}],
    "paths": {
        "/casties/{uuid}/": {"get": {"responses": {"200": {}, "4XX": {}}}},
        "/casties/create/": {"post": {"responses": {"200": {}, "400": {}, "default": {}}}},
    },
}


def test_paths_match_with_or_without_their_trailing_slash():
    spec = Spec("api", DOCUMENT)

    assert spec.operation("GET", "/api/casties/abc/").name == "GET /api/casties/{uuid}"
    assert spec.operation("GET", "/api/casties/abc").name == "GET /api/casties/{uuid}"


def test_a_concrete_path_wins_and_its_missing_methods_name_no_operation():
    spec = Spec("api", DOCUMENT)

    assert spec.operation("POST", "/api/casties/create").name == "POST /api/casties/create"
    assert spec.operation("GET", "/api/casties/create/") is None  # the path's 405
    assert spec.operation("GET", "/api/elsewhere") is None  # the API's 404


def test_exact_codes_then_ranges_are_exercised_and_default_documents_the_rest():
    seen = {("GET", "/api/casties/x", 404), ("GET", "/api/casties/x", 500), ("POST", "/api/casties/create/", 503)}

    coverage = Coverage.of(seen, [Spec("api", DOCUMENT)])

    assert coverage.exercised == {"GET /api/casties/{uuid}": {"4XX"}}
    assert coverage.undocumented == {"GET /api/casties/{uuid}": {500}}
    assert set(coverage.all_missing()) == {
        "GET /api/casties/{uuid} 200",
        "POST /api/casties/create 200",
        "POST /api/casties/create 400",
    }
