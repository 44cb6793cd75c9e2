"""Service-wide settings: the generated JWT signing key, shared by every worker."""
from peewee import CharField, Model, TextField


def up(migrator, db):
    class Setting(Model):
        name = CharField(max_length=64, primary_key=True)
        value = TextField()

        class Meta:
            database = db
            table_name = "service_setting"

    db.create_tables([Setting])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("service_setting"))
