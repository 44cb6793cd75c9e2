"""Users, frodads and groups as a viewer sees them: a profile with its counts, users with
how they stand with the viewer, groups with the viewer's standing and accuracy."""

from __future__ import annotations

from peewee import JOIN, fn

from core.database import prebuilt
from models.cassie import Castie, Forecast, Frodad, Group, Membership, User
from models.cassie.casties import frodad_ids


def active_user(handle: str) -> User | None:
    return User.get_or_none(User.handle == handle, User.is_active)


def credentials(email: str) -> tuple[int, str, str] | None:
    """(id, handle, password hash) of the complete, active account with this (lower-case)
    email: every request but sign-up asks, with its Basic credentials."""
    rows = _credentials(email)
    return rows[0] if rows else None


_credentials = prebuilt(lambda email: User.select(User.id, User.handle, User.password_hash)
                        .where(User.email == email, User.is_active).limit(1))


def the_pair(one: int, other: int):
    """The condition selecting the Frodad row of two users."""
    return (Frodad.user_low == min(one, other)) & (Frodad.user_high == max(one, other))


def with_pair(query, viewer_id: int, pair=Frodad):
    """Joins each user to their Frodad row with the viewer, if any (requester, accepted)."""
    between = ((pair.user_low == User.id) & (pair.user_high == viewer_id)) | (
        (pair.user_high == User.id) & (pair.user_low == viewer_id)
    )
    return query.join(pair, JOIN.LEFT_OUTER, on=between)


def profile_row(handle: str, viewer_id: int) -> dict | None:
    """An active user with the counts of their profile and how they stand with the viewer."""
    casties = Castie.select(fn.COUNT(Castie.id)).where(Castie.submitter == User.id)
    groups = Membership.select(fn.COUNT(Membership.id)).where(Membership.user == User.id, Membership.following)
    frodads = Frodad.select(fn.COUNT(Frodad.id)).where(
        ((Frodad.user_low == User.id) | (Frodad.user_high == User.id)) & (Frodad.accepted)
    )
    forecasts = Forecast.select(fn.COUNT(Forecast.id)).where(Forecast.user == User.id)
    answered = Forecast.select(fn.COUNT(Forecast.id)).join(Castie).where(
        Forecast.user == User.id, Castie.answer_submitted
    )
    correct = answered.where(Forecast.is_correct)
    pair = Frodad.alias()
    query = User.select(
        User, casties.alias("casties"), groups.alias("groups"), frodads.alias("frodads"),
        forecasts.alias("forecasts"), answered.alias("answered"), correct.alias("correct"),
        pair.requester.alias("pair_requester"), pair.accepted.alias("pair_accepted"),
    )
    return with_pair(query, viewer_id, pair).where(User.handle == handle, User.is_active).dicts().first()


def group_rows(viewer_id: int, *conditions):
    """Groups (meeting `conditions`) with their counts and the viewer's standing and accuracy
    in each, by name."""
    mine = Membership.alias()
    followers = Membership.select(fn.COUNT(Membership.id)).where(
        Membership.group == Group.id, Membership.following
    )
    friends = followers.where(Membership.user.in_(frodad_ids(viewer_id)))
    casties = Castie.select(fn.COUNT(Castie.id)).where(Castie.group == Group.id)
    answered = (
        Forecast.select(fn.COUNT(Forecast.id))
        .join(Castie)
        .where(Castie.group == Group.id, Forecast.user == viewer_id, Castie.answer_submitted)
    )
    correct = answered.where(Forecast.is_correct)
    query = (
        Group.select(
            Group, followers.alias("followers"), friends.alias("friends"), casties.alias("casties"),
            answered.alias("answered"), correct.alias("correct"), mine.access.alias("access"),
            mine.following.alias("following"),
        )
        .join(mine, JOIN.LEFT_OUTER, on=((mine.group == Group.id) & (mine.user == viewer_id)))
        .order_by(Group.name, Group.id)
    )
    return query.where(*conditions) if conditions else query


def creatable_group(slug: str, user_id: int) -> Group | None:
    """The group, if the user follows it and its members may create casties."""
    return (
        Group.select()
        .join(Membership)
        .where(Group.slug == slug, Membership.user == user_id, Membership.following, Group.allow_member_casties)
        .first()
    )


def people_rows(condition, viewer_id: int, limit: int = 500):
    """Active users meeting `condition`, by handle, each with its Frodad row with the viewer:
    (id, handle, first name, last name, picture, level, requester, accepted)."""
    query = with_pair(
        User.select(User.id, User.handle, User.first_name, User.last_name, User.prof_pic, User.level,
                    Frodad.requester, Frodad.accepted),
        viewer_id,
    )
    return query.where(User.is_active, condition).order_by(User.handle).limit(limit).tuples()


def followers(group_id: int):
    """A subquery: the ids of the group's followers."""
    return Membership.select(Membership.user).where(Membership.group == group_id, Membership.following)


def followed_group_names(user_id: int, *conditions):
    """(name, slug) of the groups the user follows (and meeting `conditions`), by name."""
    return (
        Group.select(Group.name, Group.slug)
        .join(Membership)
        .where(Membership.user == user_id, Membership.following, *conditions)
        .order_by(Group.name, Group.id)
        .tuples()
    )
