"""Peerly: organisations, users, core values, recognitions, hi5s, reports, reviews."""

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    Check,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
)

TABLES = (
    "peerly_review",
    "peerly_report",
    "peerly_hi5",
    "peerly_recognition",
    "peerly_corevalue",
    "peerly_user",
    "peerly_organisation",
)


def up(migrator, db):
    class Organisation(Model):
        id = AutoField()
        name = CharField(max_length=255)
        contact_email = CharField(max_length=254, null=True)
        domain_name = CharField(max_length=255, unique=True)
        hi5_limit = IntegerField(constraints=[Check("hi5_limit >= 0")])
        hi5_quota_renewal_frequency = CharField(max_length=7)
        timezone = CharField(max_length=64, default="UTC")
        hi5_renewed_on = DateField(null=True)

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_organisation"

    class User(Model):
        id = AutoField()
        org = ForeignKeyField(Organisation, index=False)
        first_name = CharField(max_length=255)
        last_name = CharField(max_length=255, default="")
        email = CharField(max_length=254, unique=True)
        display_name = CharField(max_length=255, null=True)
        profile_image_url = TextField(null=True)
        role_id = SmallIntegerField(constraints=[Check("role_id BETWEEN 1 AND 4")])
        hi5_quota_balance = IntegerField(constraints=[Check("hi5_quota_balance >= 0")])
        soft_delete_by = ForeignKeyField("self", null=True, index=False)
        soft_delete_at = DateTimeField(null=True)

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_user"
            indexes = ((("org", "id"), False),)

    class CoreValue(Model):
        id = AutoField()
        org = ForeignKeyField(Organisation, index=False)
        text = CharField(max_length=255)
        description = TextField()
        parent_core_value = ForeignKeyField("self", null=True)
        thumbnail_url = TextField(null=True)

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_corevalue"
            indexes = ((("org", "id"), False),)

    class Recognition(Model):
        id = AutoField()
        org = ForeignKeyField(Organisation, index=False)
        core_value = ForeignKeyField(CoreValue, index=False)
        text = TextField()
        given_for = ForeignKeyField(User, index=False)
        given_by = ForeignKeyField(User, index=False)
        given_at = DateTimeField()
        is_inappropriate = BooleanField(default=False)

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_recognition"
            indexes = (
                (("org", "id"), False),
                (("org", "is_inappropriate", "id"), False),
                (("given_for", "id"), False),
                (("given_by", "id"), False),
                (("core_value", "id"), False),
            )

    class Hi5(Model):
        id = AutoField()
        recognition = ForeignKeyField(Recognition, index=False)
        given_by = ForeignKeyField(User)
        comment = TextField(null=True)
        given_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_hi5"
            indexes = ((("recognition", "given_by"), True),)

    class Report(Model):
        id = AutoField()
        recognition = ForeignKeyField(Recognition, index=False)
        reported_by = ForeignKeyField(User)
        mark_as = CharField(max_length=12)
        reason = TextField()
        reported_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_report"
            indexes = ((("recognition", "reported_by"), True),)

    class Review(Model):
        id = AutoField()
        recognition = ForeignKeyField(Recognition)
        moderated_by = ForeignKeyField(User)
        is_inappropriate = BooleanField()
        comment = TextField(null=True)
        moderated_at = DateTimeField()

        class Meta:
            database = db
            legacy_table_names = False  # index names start with the table name, as the models' do
            table_name = "peerly_review"

    db.create_tables([Organisation, User, CoreValue, Recognition, Hi5, Report, Review])


def down(migrator, db):
    for table in TABLES:
        migrator.migrate(migrator.drop_table(table))
