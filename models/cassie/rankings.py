"""Leaderboards and rankings, computed by SQL aggregates (never by loading the rows)."""

from __future__ import annotations

from peewee import SQL, Case, Select, Value, fn

from models.cassie import Castie, Forecast, Membership, User

PROFILE_FIELDS = (User.handle, User.first_name, User.last_name, User.prof_pic, User.city, User.state)


def _correct_in(group_id: int):
    """Answered forecasts in the group, each counting 1 if correct."""
    correct = fn.SUM(Case(None, [(Forecast.is_correct, 1)], 0))
    return correct, Forecast.select().join(Castie).where(Castie.group == group_id, Castie.answer_submitted)


def ranking(group_id: int, user_id: int) -> tuple[int | None, int]:
    """The user's rank by correct forecasts among those with answered forecasts in the group,
    and how many those are: one query."""
    correct, answered = _correct_in(group_id)
    scores = answered.select(Forecast.user, correct.alias("correct")).group_by(Forecast.user).alias("scores")
    mine = answered.select(correct).where(Forecast.user == user_id)
    above = fn.SUM(Case(None, [(scores.c.correct > mine, 1)], 0))
    ranked = fn.SUM(Case(None, [(scores.c.user_id == user_id, 1)], 0))
    query = Select(from_list=[scores], columns=[fn.COUNT(SQL("*")), above, ranked]).bind(Forecast._meta.database)
    total, higher, is_ranked = query.tuples()[0]
    return (1 + (higher or 0) if is_ranked else None), total


def overall(limit: int):
    """The active users with the most xp: (handle, first, last, picture, city, state, level)."""
    query = User.select(*PROFILE_FIELDS, User.level).where(User.is_active)
    return query.order_by(User.xp.desc(), User.id).limit(limit).tuples()


def in_group(group_id: int, limit: int) -> list[tuple]:
    """The group's followers with the most points from its casties: (handle, first, last,
    picture, city, state, xp in the group). Those who forecast there ranked by their sum,
    then, to fill the page, followers who did not (0): two queries at most."""
    points = (
        Forecast.select(Forecast.user, fn.SUM(Forecast.points_earned).alias("xp"))
        .join(Castie)
        .where(Castie.group == group_id)
        .group_by(Forecast.user)
        .alias("points")
    )
    following = Membership.select(Membership.user).where(Membership.group == group_id, Membership.following)
    active = User.is_active & User.id.in_(following)
    ranked = User.select(*PROFILE_FIELDS, points.c.xp).join(points, on=(points.c.user_id == User.id)).where(active)
    rows = list(ranked.order_by(points.c.xp.desc(), User.id).limit(limit).tuples())
    if len(rows) < limit:
        forecasters = Forecast.select(Forecast.user).join(Castie).where(Castie.group == group_id)
        idle = User.select(*PROFILE_FIELDS, Value(0)).where(active, User.id.not_in(forecasters))
        rows.extend(idle.order_by(User.id).limit(limit - len(rows)).tuples())
    return rows
