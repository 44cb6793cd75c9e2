"""Service-wide state that is no single API's: settings shared by every worker."""

from __future__ import annotations

from peewee import CharField, TextField

from models.base import BaseModel, UTCDateTimeField


class Setting(BaseModel):
    name = CharField(max_length=64, primary_key=True)
    value = TextField()

    class Meta:
        table_name = "service_setting"

    @classmethod
    def get_or_create_value(cls, name: str, make) -> str:
        """The stored value, or `make()` stored first; safe when several workers race."""
        cls.insert(name=name, value=make()).on_conflict_ignore().execute()
        return cls.get_by_id(name).value


class RevokedToken(BaseModel):
    """A JWT logged out before it expired: denied until `expires_at`, then purged."""

    jti = CharField(max_length=64, primary_key=True)
    expires_at = UTCDateTimeField(index=True)

    class Meta:
        table_name = "service_revoked_token"
