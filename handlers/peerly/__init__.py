"""Peerly (seed 004), mounted at /peerly: joshsoftware/peerly's node-backend, ported."""

from __future__ import annotations

from datetime import datetime


def epoch(moment: datetime | None) -> int | None:
    """Peerly's times: integer seconds since 1970 (UTC)."""
    return None if moment is None else int(moment.timestamp())


def id_list(text: str | None) -> list[int] | None:
    """A filter of the form `2` or `2,3` (the spec checks the digits)."""
    return None if text is None else [int(part) for part in text.split(",")]
