"""The JWT denylist shared by the APIs that issue JWTs (bucket list, Peerly)."""
from peewee import CharField, DateTimeField, Model


def up(migrator, db):
    class RevokedToken(Model):
        jti = CharField(max_length=64, primary_key=True)
        expires_at = DateTimeField(index=True)

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "service_revoked_token"

    db.create_tables([RevokedToken])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("service_revoked_token"))
