"""Profile pictures: judged by their bytes (not their names), capped at 5 MB, stored in the
media folder and served back by URL."""

import io

import pytest
from PIL import Image

from models.cassie import User
from models.cassie.pictures import MAX_BYTES
from tests.cassie.helpers import error, image_bytes, ok, post

WRONG_FORMAT = "Images must be in .jpg, .jpeg, .gif, .png format."


def half_signed_up(client, handle="pic"):
    email = f"{handle}@example.com"
    ok(post(client, "/signup/password/", data={"email": email, "password": "pass"}))
    ok(post(client, "/signup/handle/", data={"email": email, "handle": handle, "first_name": "P", "last_name": "Q"}))
    return {"email": email, "handle": handle}


def upload(client, fields, content, name="me.png", kind="image/png"):
    return post(client, "/signup/picture/", data=fields, files={"profPic": (name, content, kind)})


@pytest.mark.parametrize("kind, extension", [("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif")])
def test_jpeg_png_and_gif_are_kept_whatever_their_name(client, media_root, kind, extension):
    fields = half_signed_up(client)
    content = image_bytes(kind)

    ok(upload(client, fields, content, name="picture.txt", kind="text/plain"))

    stored = User.get(User.handle == "pic").prof_pic
    assert stored.endswith(f".{extension}") and (media_root / stored).read_bytes() == content
    served = client.get(f"/cassie/media/{stored}")
    assert served.status_code == 200 and served.content == content
    assert served.headers["cache-control"] == "public, max-age=31536000, immutable"


def bmp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, format="BMP")
    return out.getvalue()


@pytest.mark.parametrize("content", [b"not an image at all", bmp(), image_bytes("PNG")[:40]],
                         ids=["text", "bmp", "truncated-png"])
def test_anything_else_is_refused_and_nothing_is_kept(client, media_root, content):
    fields = half_signed_up(client)

    error(upload(client, fields, content, name="fake.png"), 400, "invalid_request", WRONG_FORMAT)

    assert not User.get(User.handle == "pic").is_active
    assert not media_root.exists() or list(media_root.iterdir()) == []


def test_a_picture_over_5_mb_is_refused(client, media_root):
    fields = half_signed_up(client)
    big = image_bytes("PNG") + b"\0" * MAX_BYTES

    error(upload(client, fields, big), 400, "invalid_request", "Images must be 5 MB or smaller.")
    assert not User.get(User.handle == "pic").is_active


def test_a_body_over_6_mib_is_refused_before_it_is_read(client):
    fields = half_signed_up(client)

    response = upload(client, fields, b"\0" * (6 * 1024 * 1024 + 1))

    error(response, 413, "invalid_request", "the request body is too large")


def test_a_malformed_multipart_body_is_a_bad_request(client):
    headers = {"Content-Type": "multipart/form-data"}  # no boundary

    response = post(client, "/signup/picture/", content=b"--xyz\r\nnonsense", headers=headers)

    assert error(response, 400, "invalid_request")["error_message"].startswith("Malformed multipart body")


@pytest.mark.parametrize("name", ["0" * 32 + ".png", "..%2F..%2Fetc%2Fpasswd", "x.png"])
def test_missing_pictures_are_not_found(client, name):
    response = client.get(f"/cassie/media/{name}")

    error(response, 404, "object_not_found")
