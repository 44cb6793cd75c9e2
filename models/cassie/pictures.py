"""Profile pictures: checked by their content (Pillow), capped at 5 MB, kept as files with
random names in the media folder (MEDIA_ROOT)."""

from __future__ import annotations

import io
import os
import re
import tempfile
import uuid
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from core.config import active

MAX_BYTES = 5 * 1024 * 1024
# What Pillow calls each accepted format, and the extension and media type it is kept and served as.
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "GIF": ("gif", "image/gif")}
MEDIA_TYPES = {extension: media_type for extension, media_type in FORMATS.values()}
FILE_NAME = re.compile(r"[0-9a-f]{32}\.(jpg|png|gif)")

WRONG_FORMAT = "Images must be in .jpg, .jpeg, .gif, .png format."
TOO_LARGE = "Images must be 5 MB or smaller."


class PictureRefused(ValueError):
    """Not a picture Cassie keeps; the message says why, as the original worded it."""


def media_root() -> Path:
    return Path(active().media_root)


def image_extension(content: bytes) -> str:
    """The extension of a JPEG, PNG or GIF, judged by its bytes (never by its name)."""
    if len(content) > MAX_BYTES:
        raise PictureRefused(TOO_LARGE)
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PictureRefused(WRONG_FORMAT) from None
    if kind not in FORMATS:
        raise PictureRefused(WRONG_FORMAT)
    return FORMATS[kind][0]


def read_upload(upload) -> bytes:
    """The uploaded file's bytes (no more than one past the cap), closing it at once."""
    with upload.file as file:
        return file.read(MAX_BYTES + 1)


def save_picture(content: bytes) -> str:
    """Checks and stores a picture; its new file name."""
    name = f"{uuid.uuid4().hex}.{image_extension(content)}"
    folder = media_root()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as temporary:
        temporary.write(content)
    os.replace(temporary.name, folder / name)  # whole or not at all
    return name


def delete_picture(name: str) -> None:
    if name:
        (media_root() / name).unlink(missing_ok=True)


def picture_path(file_name: str) -> Path | None:
    """The stored picture of that name, if it is one."""
    path = media_root() / file_name
    return path if FILE_NAME.fullmatch(file_name) and path.is_file() else None
