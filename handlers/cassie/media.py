"""Profile pictures served back by URL (models.cassie.pictures keeps them)."""

from __future__ import annotations

from starlette.responses import Response

from handlers.cassie import not_found
from models.cassie.pictures import MEDIA_TYPES, picture_path


def get_picture(file_name):
    path = picture_path(file_name)
    if path is None:
        raise not_found("the requested picture could not be found")
    media_type = MEDIA_TYPES[file_name.rsplit(".", 1)[1]]
    # Names are random and never reused, so a picture never changes.
    headers = {"Cache-Control": "public, max-age=31536000, immutable"}
    return Response(path.read_bytes(), media_type=media_type, headers=headers)
