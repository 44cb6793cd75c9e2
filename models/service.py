"""Service-wide state that is no single API's: settings shared by every worker, and the
denylist of JWTs logged out before they expired."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from peewee import CharField, TextField

from models.base import BaseModel, UTCDateTimeField, utc_now


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


def stored_signing_key() -> str:
    """The JWT key used when SECRET_KEY is unset: generated once, kept for every worker."""
    return Setting.get_or_create_value("secret_key", lambda: secrets.token_urlsafe(48))


def revoke(claims: dict) -> None:
    """Deny this token until it expires (and forget the denied ones that have expired)."""
    RevokedToken.delete().where(RevokedToken.expires_at < utc_now()).execute()
    expires_at = datetime.fromtimestamp(claims["exp"], UTC)
    RevokedToken.insert(jti=claims["jti"], expires_at=expires_at).on_conflict_ignore().execute()


def upgrade_password_hash(old_hash: str, new_hash: str) -> None:
    """Store a hash made with the current parameters in place of one made with older ones,
    wherever it is kept (each API's users have a `password_hash`; a salted hash is unique)."""
    pending = [BaseModel]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        field = model._meta.fields.get("password_hash")
        if field is not None:
            model.update({field: new_hash}).where(field == old_hash).execute()
