"""Things: users, their login tokens, their things."""
from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, Model, TextField


def up(migrator, db):
    class User(Model):
        id = AutoField()
        username = CharField(unique=True, max_length=255)
        password_hash = CharField(max_length=255)
        created_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "things_user"

    class Token(Model):
        id = AutoField()
        user = ForeignKeyField(User, on_delete="CASCADE", index=False)
        digest = CharField(unique=True, max_length=64)
        expires_at = DateTimeField()
        created_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "things_token"
            indexes = ((("user", "expires_at"), False),)

    class Thing(Model):
        id = AutoField()
        owner = ForeignKeyField(User, on_delete="CASCADE", index=False)
        name = CharField(max_length=255)
        attributes = TextField()
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names from the table: global, so prefixed
            table_name = "things_thing"
            indexes = ((("owner", "id"), False),)

    db.create_tables([User, Token, Thing])


def down(migrator, db):
    for table in ("things_thing", "things_token", "things_user"):
        migrator.migrate(migrator.drop_table(table))
