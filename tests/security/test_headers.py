"""Headers and media as a browser on another origin meets them: CORS as DESIGN says (any
origin, the Authorization header allowed), and Cassie's pictures served only by their
strict names, as their checked type, never sniffed."""

from __future__ import annotations

import pytest

from models.cassie import User
from tests.cassie import helpers as cassie


@pytest.mark.parametrize("path", ["/chitter/peeps", "/bucketlist/v1/bucketlists", "/things/stuff",
                                  "/cassie/api/groups/", "/peerly/recognitions"])
def test_every_api_allows_other_origins_with_credentials_headers(client, path):
    preflight = client.options(path, headers={
        "Origin": "https://front-end.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, api-key",
    })

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    assert preflight.headers["access-control-max-age"] == "7200"
    assert "access-control-allow-credentials" not in preflight.headers  # no cookies: tokens in headers


@pytest.mark.parametrize("name", [
    "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2fapp.db", "..%5C..%5Capp.db", "%2Fetc%2Fpasswd",
    "0123456789abcdef0123456789abcdef.png%00.html", "0123456789ABCDEF0123456789ABCDEF.png",
])
def test_media_names_that_reach_elsewhere_are_not_found(client, name):
    response = client.get(f"/cassie/media/{name}")

    assert response.status_code in (400, 404)
    assert response.headers["content-type"] == "application/json"


def test_a_picture_is_served_as_its_checked_type_never_sniffed(client):
    member = cassie.sign_up(client, "pic", picture=cassie.image_bytes("PNG"))
    stored = User.get_by_id(member.id).prof_pic
    served = client.get(f"/cassie/media/{stored}")
    html = b"<html><script>alert(1)</script></html>"
    refused = cassie.post(client, "/signup/picture/", data={"email": "x@example.com", "handle": "x"},
                          files={"profPic": ("me.png", html, "image/png")})

    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert refused.status_code in (400, 401) and "html" not in refused.text.lower()
