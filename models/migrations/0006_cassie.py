"""Cassie: users, groups, memberships, casties, answer options, forecasts, comments,
frodads, notifications."""
from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            # Index names from the table names (cassie_user_handle), not the model names:
            # index names are global, and other APIs have a "user" with a "handle" too.
            legacy_table_names = False

    class User(Base):
        id = AutoField()
        email = CharField(max_length=254, unique=True)
        password_hash = CharField(max_length=255)
        handle = CharField(max_length=255, unique=True, null=True)
        user_uuid = CharField(max_length=32, unique=True)
        first_name = CharField(max_length=255)
        last_name = CharField(max_length=255)
        city = CharField(max_length=255)
        state = CharField(max_length=255)
        adjective = CharField(max_length=255)
        noun = CharField(max_length=255)
        prof_pic = CharField(max_length=64)
        image_last_updated = DateTimeField(null=True)
        is_private = BooleanField()
        is_active = BooleanField()
        level = IntegerField()
        xp = IntegerField()
        last_login = DateTimeField(null=True)
        date_joined = DateTimeField()

        class Meta:
            table_name = "cassie_user"

    class Group(Base):
        id = AutoField()
        slug = CharField(max_length=255, unique=True)
        name = CharField(max_length=255, index=True)
        info_text = TextField()
        icon = CharField(max_length=255)
        requires_approval = BooleanField()
        access_denied_message = TextField()
        allow_member_casties = BooleanField()

        class Meta:
            table_name = "cassie_group"

    class Membership(Base):
        id = AutoField()
        user = ForeignKeyField(User, on_delete="CASCADE", index=False)
        group = ForeignKeyField(Group, on_delete="CASCADE")
        access = CharField(max_length=16, null=True)
        following = BooleanField()

        class Meta:
            table_name = "cassie_membership"
            indexes = ((("user", "group"), True),)

    class Castie(Base):
        id = AutoField()
        uuid = CharField(max_length=32, unique=True)
        question = TextField()
        group = ForeignKeyField(Group, on_delete="CASCADE", index=False)
        submitter = ForeignKeyField(User, on_delete="CASCADE")
        show_username = BooleanField()
        created_at = DateTimeField(index=True)
        last_forecasted_at = DateTimeField(null=True, index=True)
        open_ended = BooleanField()
        ends_at = DateTimeField(null=True)
        allow_write_in = BooleanField()
        answer_submitted = BooleanField()
        correct_keyword = CharField(max_length=255, null=True)

        class Meta:
            table_name = "cassie_castie"
            indexes = ((("group", "created_at"), False),)

    class AnswerOption(Base):
        id = AutoField()
        castie = ForeignKeyField(Castie, on_delete="CASCADE")
        text = CharField(max_length=255)
        is_correct = BooleanField()

        class Meta:
            table_name = "cassie_answeroption"

    class Forecast(Base):
        id = AutoField()
        castie = ForeignKeyField(Castie, on_delete="CASCADE", index=False)
        user = ForeignKeyField(User, on_delete="CASCADE")
        answer_option = ForeignKeyField(AnswerOption, null=True, on_delete="CASCADE")
        text = TextField()
        is_correct = BooleanField()
        points_earned = IntegerField()
        created_at = DateTimeField()

        class Meta:
            table_name = "cassie_forecast"
            indexes = ((("castie", "user"), True),)

    class Comment(Base):
        id = AutoField()
        uuid = CharField(max_length=32, unique=True)
        castie = ForeignKeyField(Castie, on_delete="CASCADE", index=False)
        user = ForeignKeyField(User, on_delete="CASCADE")
        text = TextField()
        created_at = DateTimeField()
        is_offensive = BooleanField()

        class Meta:
            table_name = "cassie_comment"
            indexes = ((("castie", "created_at"), False),)

    class Frodad(Base):
        id = AutoField()
        user_low = ForeignKeyField(User, on_delete="CASCADE", index=False)
        user_high = ForeignKeyField(User, on_delete="CASCADE")
        requester = ForeignKeyField(User, on_delete="CASCADE")
        accepted = BooleanField()
        created_at = DateTimeField()

        class Meta:
            table_name = "cassie_frodad"
            indexes = ((("user_low", "user_high"), True),)

    class Notification(Base):
        id = AutoField()
        user = ForeignKeyField(User, on_delete="CASCADE", index=False)
        notification_type = CharField(max_length=64)
        data = CharField(max_length=255)
        message = TextField()
        created_at = DateTimeField()
        has_been_read = BooleanField()

        class Meta:
            table_name = "cassie_notification"
            indexes = ((("user", "created_at"), False), (("user", "has_been_read"), False))

    db.create_tables([User, Group, Membership, Castie, AnswerOption, Forecast, Comment, Frodad, Notification])


def down(migrator, db):
    tables = ("notification", "frodad", "comment", "forecast", "answeroption", "castie", "membership", "group", "user")
    for table in tables:
        migrator.migrate(migrator.drop_table(f"cassie_{table}"))
