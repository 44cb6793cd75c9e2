"""Chitter: users, peeps, likes."""
from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, Model, TextField


def up(migrator, db):
    class User(Model):
        id = AutoField()
        handle = CharField(unique=True, max_length=30)
        password_hash = CharField(max_length=255)
        session_key_digest = CharField(null=True, max_length=64)
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "chitter_user"

    class Peep(Model):
        id = AutoField()
        user = ForeignKeyField(User, on_delete="CASCADE")
        body = TextField()
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "chitter_peep"
            indexes = ((("created_at", "id"), False),)

    class Like(Model):
        id = AutoField()
        user = ForeignKeyField(User, on_delete="CASCADE")
        peep = ForeignKeyField(Peep, on_delete="CASCADE", index=False)
        created_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "chitter_like"
            indexes = ((("peep", "user"), True),)

    db.create_tables([User, Peep, Like])


def down(migrator, db):
    for table in ("chitter_like", "chitter_peep", "chitter_user"):
        migrator.migrate(migrator.drop_table(table))
