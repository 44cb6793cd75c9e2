"""Cassie (seed 003), mounted at /cassie: the forecasting app's documented Django API, ported."""

from __future__ import annotations

from datetime import datetime


def date_text(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m-%d") if moment else None


def time_text(moment: datetime | None, precision: str = "%H:%M:%S.%f") -> str | None:
    """Times as the original rendered them: HH:MM:SS.ffffff unless asked for less."""
    return moment.strftime(precision) if moment else None
