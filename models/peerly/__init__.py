"""Peerly: organisations, their users (who log in with Google), core values, recognitions,
hi5s, and the reports and reviews that moderate recognitions.

Everything belongs to one organisation; recognitions carry theirs (the giver's) so every
list is scoped by an index. The hi5 economy's invariants are the database's: a balance
is never negative (a CHECK, behind `spend_hi5`'s atomic `balance - 1 WHERE balance > 0`),
one hi5 per user per recognition and one report per user per recognition (unique indexes).

The queries several operations share live here too, as in peewee's own examples: who may
see which recognitions, the hi5 economy (`spend_hi5`, `renew_hi5`), creating an
organisation. They return queries or plain values and know nothing of HTTP.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peewee import (
    SQL,
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    Check,
    DateField,
    ForeignKeyField,
    IntegerField,
    IntegrityError,
    SmallIntegerField,
    TextField,
    fn,
)

from models.base import UTCDateTimeField, api_model, db, utc_now

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
    # The original's, kept as given (nothing here acts on them): a status code and an epoch.
    subscription_status = IntegerField(null=True)
    subscription_valid_upto = BigIntegerField(null=True)
    # Bumped by every write that adds, removes or hides a row of the organisation's lists, in
    # its transaction: their deep pages remember sort keys per version (models.peerly.reads).
    # (DEFAULT 0 in the table too, as migration 0014 adds them to the rows already there.)
    recognitions_version = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])
    users_version = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])

    @classmethod
    def recognitions_changed(cls, org_id) -> None:
        """`org_id`: an id, or a subquery giving one."""
        cls.update({cls.recognitions_version: cls.recognitions_version + 1}).where(cls.id == org_id).execute()

    @classmethod
    def users_changed(cls, org_id) -> None:
        cls.update({cls.users_version: cls.users_version + 1}).where(cls.id == org_id).execute()


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

    @classmethod
    def soft_delete(cls, user_id: int, org_id: int, by: int) -> bool:
        """Deletes a current user, and bumps their organisation's users version, in one
        transaction; False if they were deleted meanwhile."""
        with db.atomic():
            deleted = cls.update(soft_delete_at=utc_now(), soft_delete_by=by).where(
                cls.id == user_id, cls.soft_delete_at.is_null()
            ).execute()
            if deleted:
                Organisation.users_changed(org_id)
        return bool(deleted)


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

    @classmethod
    def give(cls, org_id: int, **fields) -> Recognition:
        """A new recognition, its organisation's recognitions version bumped: call it in the
        transaction that gives it (with the giver's hi5)."""
        recognition = cls.create(org=org_id, **fields)
        Organisation.recognitions_changed(org_id)
        return recognition

    @classmethod
    def review(cls, recognition_id: int, hidden: bool) -> None:
        """Hides or shows a recognition, its organisation's version bumped: in the review's transaction."""
        cls.update(is_inappropriate=hidden).where(cls.id == recognition_id).execute()
        Organisation.recognitions_changed(cls.select(cls.org).where(cls.id == recognition_id))


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


class Badge(PeerlyModel):
    """What a user may earn by receiving hi5s (the original's table; nothing awards them yet)."""

    id = AutoField()
    org = ForeignKeyField(Organisation, index=False)  # led by the (org, id) index
    name = CharField(max_length=45)
    hi5_count_required = IntegerField(constraints=[Check("hi5_count_required >= 0")])
    hi5_frequency = CharField(max_length=45)

    class Meta:
        indexes = ((("org", "id"), False),)


MODELS = (Organisation, User, CoreValue, Recognition, Hi5, Report, Review, Badge)


# --- organisations -----------------------------------------------------------------------

ORGANISATION_DEFAULTS = {"hi5_limit": 5, "hi5_quota_renewal_frequency": WEEKLY, "timezone": "UTC"}


class InvalidOrganisation(ValueError):
    """An organisation's field breaks a rule the schema cannot state."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field} {message}")
        self.field, self.message = field, message


def organisation_fields(fields: dict) -> dict:
    """The fields as stored (domain in lower case), if the time zone is a real one."""
    if "timezone" in fields:
        try:
            ZoneInfo(fields["timezone"])
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a directory, on some systems
            raise InvalidOrganisation("timezone", "is not a known time zone") from None
    if "domain_name" in fields:
        fields = {**fields, "domain_name": fields["domain_name"].lower()}
    return fields


def create_organisation(fields: dict) -> int:
    """A new organisation (the defaults filled in); its id."""
    try:
        return Organisation.insert(**organisation_fields({**ORGANISATION_DEFAULTS, **fields})).execute()
    except IntegrityError:
        raise _domain_taken() from None


def update_organisation(organisation_id: int, fields: dict) -> bool:
    """False if there is no such organisation."""
    try:
        updated = Organisation.update(**organisation_fields(fields)).where(Organisation.id == organisation_id)
        return bool(updated.execute())
    except IntegrityError:
        raise _domain_taken() from None


def _domain_taken() -> InvalidOrganisation:
    return InvalidOrganisation("domain_name", "is already an organisation's")


# --- users, core values ------------------------------------------------------------------


def current_users():
    """Users who were not deleted."""
    return User.select().where(User.soft_delete_at.is_null())


def is_colleague(user_id: int, org_id: int) -> bool:
    return current_users().where(User.id == user_id, User.org == org_id).exists()


def hi5s_received():
    """A subquery: how many hi5s the recognitions of the outer query's user received."""
    return Hi5.select(fn.COUNT(Hi5.id)).join(Recognition).where(Recognition.given_for == User.id)


def is_core_value_of(core_value_id: int, org_id: int, other_than: int | None = None) -> bool:
    """Whether `core_value_id` is one of the organisation's core values (and not `other_than`)."""
    found = CoreValue.select().where(CoreValue.id == core_value_id, CoreValue.org == org_id)
    return core_value_id != other_than and found.exists()


# --- recognitions ------------------------------------------------------------------------

Receiver, Giver = User.alias(), User.alias()


def visible_recognitions(query, org_id: int | None, sees_hidden: bool):
    """`query` limited to one organisation (None: all) and, unless `sees_hidden`, to the
    recognitions no review hid."""
    conditions = recognitions_visible(org_id, sees_hidden)
    return query.where(*conditions) if conditions else query


def recognitions_visible(org_id: int | None, sees_hidden: bool) -> list:
    """The conditions of `visible_recognitions`."""
    conditions = [] if org_id is None else [Recognition.org == org_id]
    return conditions if sees_hidden else [*conditions, Recognition.is_inappropriate == False]  # noqa: E712


def recognition_details():
    """Recognitions with their core value, both people and hi5 count: one query."""
    hi5_count = Hi5.select(fn.COUNT(Hi5.id)).where(Hi5.recognition == Recognition.id)
    people = [
        column
        for person in (Receiver, Giver)
        for column in (person.id, person.first_name, person.last_name, person.profile_image_url)
    ]
    core_value = (CoreValue.id, CoreValue.text, CoreValue.description, CoreValue.thumbnail_url)
    return (
        Recognition.select(Recognition.id, Recognition.text, Recognition.given_at, *core_value, *people, hi5_count)
        .join(CoreValue, on=Recognition.core_value == CoreValue.id)
        .switch(Recognition)
        .join(Receiver, on=Recognition.given_for == Receiver.id)
        .switch(Recognition)
        .join(Giver, on=Recognition.given_by == Giver.id)
    )


# --- the hi5 economy ---------------------------------------------------------------------


def spend_hi5(user_id: int) -> int | None:
    """Takes one hi5 from the user: how many are left, or None if they had none.

    The check and the decrement are one statement, so parallel requests cannot take the
    balance below zero (and the CHECK constraint would refuse it if they could).
    """
    left = (
        User.update(hi5_quota_balance=User.hi5_quota_balance - 1)
        .where(User.id == user_id, User.hi5_quota_balance > 0)
        .returning(User.hi5_quota_balance)
        .tuples()
        .execute()
    )
    rows = list(left)
    return rows[0][0] if rows else None


def is_renewal_day(organisation: Organisation, day: date) -> bool:
    return day.weekday() == 0 if organisation.hi5_quota_renewal_frequency == WEEKLY else day.day == 1


def renew_hi5(today: date | None = None) -> list[Organisation]:
    """Resets balances to the hi5 limit where it is Monday (WEEKLY) or the 1st (MONTHLY).

    "Today" is each organisation's own date (in its time zone) unless `today` is given.
    Each organisation renews once per renewal day, so running this daily, hourly or twice
    is safe: a second run does not hand out the week's hi5s again.
    """
    renewed = []
    for organisation in Organisation.select().order_by(Organisation.id):
        day = today or datetime.now(ZoneInfo(organisation.timezone)).date()
        if is_renewal_day(organisation, day) and _renew(organisation.id, day):
            renewed.append(organisation)
    return renewed


def _renew(organisation_id: int, day: date) -> bool:
    with db.atomic():
        claimed = (
            Organisation.update(hi5_renewed_on=day)
            .where(
                Organisation.id == organisation_id,
                Organisation.hi5_renewed_on.is_null() | (Organisation.hi5_renewed_on != day),
            )
            .execute()
        )
        if claimed:
            limit = Organisation.select(Organisation.hi5_limit).where(Organisation.id == organisation_id)
            User.update(hi5_quota_balance=limit).where(User.org == organisation_id).execute()
    return bool(claimed)
