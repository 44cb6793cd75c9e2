"""Peerly: organisations, their users (who log in with Google), core values, recognitions,
hi5s, and the reports and reviews that moderate recognitions.

Everything belongs to one organisation; recognitions carry theirs (the giver's) so every
list is scoped by an index. The hi5 economy's invariants are the database's: a balance
is never negative (a CHECK, behind the handlers' atomic `balance - 1 WHERE balance > 0`),
one hi5 per user per recognition and one report per user per recognition (unique indexes).
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    Check,
    DateField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
)

from models.base import UTCDateTimeField, api_model, utc_now

PeerlyModel = api_model("peerly")

SUPER_ADMIN, ORGANISATION_ADMIN, EMPLOYEE, MODERATOR = 1, 2, 3, 4
ROLES = {
    SUPER_ADMIN: "SuperAdmin",
    ORGANISATION_ADMIN: "OrganisationAdmin",
    EMPLOYEE: "Employee",
    MODERATOR: "Moderator",
}
WEEKLY, MONTHLY = "WEEKLY", "MONTHLY"


class Organisation(PeerlyModel):
    id = AutoField()
    name = CharField(max_length=255)
    contact_email = CharField(max_length=254, null=True)
    domain_name = CharField(max_length=255, unique=True)  # lower case: a user's email domain names their org
    hi5_limit = IntegerField(constraints=[Check("hi5_limit >= 0")])
    hi5_quota_renewal_frequency = CharField(max_length=7)  # WEEKLY (on Mondays) or MONTHLY (on the 1st)
    timezone = CharField(max_length=64, default="UTC")  # whose Monday renews the hi5s
    # The organisation's local date of the last renewal, so a second run that day resets nothing.
    hi5_renewed_on = DateField(null=True)


class User(PeerlyModel):
    id = AutoField()
    org = ForeignKeyField(Organisation, index=False)  # led by the (org, id) index
    first_name = CharField(max_length=255)
    last_name = CharField(max_length=255, default="")
    email = CharField(max_length=254, unique=True)  # lower case
    display_name = CharField(max_length=255, null=True)
    profile_image_url = TextField(null=True)
    role_id = SmallIntegerField(constraints=[Check("role_id BETWEEN 1 AND 4")])
    hi5_quota_balance = IntegerField(constraints=[Check("hi5_quota_balance >= 0")])
    soft_delete_by = ForeignKeyField("self", null=True, index=False)
    soft_delete_at = UTCDateTimeField(null=True)  # set: the user can neither log in nor be found

    class Meta:
        indexes = ((("org", "id"), False),)  # GET /users: one organisation's users by id


class CoreValue(PeerlyModel):
    id = AutoField()
    org = ForeignKeyField(Organisation, index=False)  # led by the (org, id) index
    text = CharField(max_length=255)
    description = TextField()
    parent_core_value = ForeignKeyField("self", null=True)
    thumbnail_url = TextField(null=True)

    class Meta:
        indexes = ((("org", "id"), False),)


class Recognition(PeerlyModel):
    id = AutoField()
    org = ForeignKeyField(Organisation, index=False)  # the giver's; led by the indexes below
    core_value = ForeignKeyField(CoreValue, index=False)
    text = TextField()
    given_for = ForeignKeyField(User, index=False)
    given_by = ForeignKeyField(User, index=False)
    given_at = UTCDateTimeField(default=utc_now)
    # Set by the latest review: hidden from everyone but moderators and admins.
    is_inappropriate = BooleanField(default=False)

    class Meta:
        # Newest first (by id) within an organisation, for moderators and for everyone else,
        # and within each filter of GET /recognitions.
        indexes = (
            (("org", "id"), False),
            (("org", "is_inappropriate", "id"), False),
            (("given_for", "id"), False),
            (("given_by", "id"), False),
            (("core_value", "id"), False),
        )


class Hi5(PeerlyModel):
    id = AutoField()
    recognition = ForeignKeyField(Recognition, index=False)  # led by the unique index
    given_by = ForeignKeyField(User)
    comment = TextField(null=True)
    given_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("recognition", "given_by"), True),)  # one hi5 per user per recognition


class Report(PeerlyModel):
    id = AutoField()
    recognition = ForeignKeyField(Recognition, index=False)  # led by the unique index
    reported_by = ForeignKeyField(User)
    mark_as = CharField(max_length=12)  # fraud, not_relevant or incorrect
    reason = TextField()
    reported_at = UTCDateTimeField(default=utc_now)

    class Meta:
        indexes = ((("recognition", "reported_by"), True),)  # one report per user per recognition


class Review(PeerlyModel):
    id = AutoField()
    recognition = ForeignKeyField(Recognition)
    moderated_by = ForeignKeyField(User)
    is_inappropriate = BooleanField()
    comment = TextField(null=True)
    moderated_at = UTCDateTimeField(default=utc_now)


MODELS = (Organisation, User, CoreValue, Recognition, Hi5, Report, Review)
