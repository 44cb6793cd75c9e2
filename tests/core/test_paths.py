"""The declared routes: a 405's Allow header names the methods of the path that is routed."""

from core.paths import Routes


def test_a_path_without_parameters_is_not_mixed_with_a_template_it_fits():
    routes = Routes()
    routes.add_spec("/api", {"/users/me": {"get": {}, "put": {}}, "/users/{id}": {"get": {}, "delete": {}}})

    assert routes.methods_for("/api/users/me") == ["GET", "PUT"]
    assert routes.methods_for("/api/users/7") == ["DELETE", "GET"]


def test_a_path_differing_by_a_trailing_slash_has_the_declared_ones_methods():
    routes = Routes()
    routes.add_spec("/cassie", {"/api/home/": {"get": {}}, "/api/casties/{uuid}/": {"get": {}, "post": {}}})
    assert routes.methods_for("/cassie/api/home") == ["GET"]
    assert routes.methods_for("/cassie/api/casties/abc") == ["GET", "POST"]
