"""What every API's models share: the database proxy and UTC timestamps.

Each API's tables carry its name as a prefix (`chitter_peep`), so all five share one
database without colliding: subclass `api_model("chitter")`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import DateTimeField, Model

from core.database import db


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTimeField(DateTimeField):
    """Aware UTC datetimes in Python; naive UTC, fixed width (so it sorts as text), in the database."""

    def db_value(self, value):
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            return value.strftime("%Y-%m-%d %H:%M:%S.%f")
        return super().db_value(value)

    def python_value(self, value):
        return as_utc(value)


def as_utc(value: str | datetime | None) -> datetime | None:
    """A timestamp as the driver returns it (text from SQLite, naive from PostgreSQL), aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)  # C, many times faster than strptime
    return value.replace(tzinfo=UTC) if value is not None else None


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


def api_model(prefix: str) -> type[BaseModel]:
    class ApiModel(BaseModel):
        class Meta:
            table_function = lambda model: f"{prefix}_{model.__name__.lower()}"  # noqa: E731

    return ApiModel
