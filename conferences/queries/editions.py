"""Read-side queries of the cross-edition view: what each edition of the conference did for each
hovedmål of a plan, year by year (house style rule 3).

An adviser sees the editions their county organised: the conferences organised by an
organisation they are an adviser of (:func:`editions_for`). Goals belong to a plan, so the view
has one table per plan. Per goal and edition:

* **sessions** — accepted programme items tied to the goal;
* **minutes** — the sum of those items' durations;
* **participants** — distinct people with a place (registrations confirmed or checked in; once the
  edition has check-ins, only those checked in) who took part in at least one of those items: a
  confirmed sign-up to it, or, for a plenary item or one that spans all rooms (nobody signs up
  for those), everyone with a place;
* **priorities** — the edition's priorities tied to the goal;
* **commitments** — the commitments under those priorities, and how many of them are **done**
  (a priority tied to two goals counts under each).

:func:`editions_overview` runs six queries, however many editions, sessions, registrations or
commitments there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from conferences.enums import (
    CommitmentState,
    RegistrationState,
    SessionFormat,
    SessionState,
    SignupState,
)
from conferences.models import (
    Commitment,
    Conference,
    Priority,
    Registration,
    Session,
    SessionSignup,
)
from partners.roles import capabilities
from telemarksplanen.models import Goal

R = RegistrationState
PLACED = [R.CONFIRMED, R.CHECKED_IN]
# items everyone with a place takes part in (with those that span all rooms): nobody signs up
EVERYONE_FORMATS = {SessionFormat.PLENARY}


@dataclass
class Figures:
    """What one edition did for one goal."""

    conference: Conference
    sessions: int = 0
    minutes: int = 0
    participants: int = 0
    priorities: int = 0
    commitments: int = 0
    done: int = 0


@dataclass
class GoalRow:
    goal: Goal
    editions: list[Figures] = field(default_factory=list)


@dataclass
class PlanOverview:
    plan: object
    conferences: list[Conference]
    goals: list[GoalRow]


def editions_for(user):
    """The conferences organised by an organisation ``user`` is an adviser of, oldest first,
    with their plan."""
    return (
        Conference.objects.filter(organiser_id__in=capabilities(user).adviser_org_ids)
        .select_related("plan")
        .order_by("start_date", "pk")
    )


def plans_of(conferences: list[Conference]) -> list:
    """The plans of ``conferences``, the newest plan first."""
    plans = {conference.plan_id: conference.plan for conference in conferences}
    return sorted(plans.values(), key=lambda plan: (-plan.start_year, plan.name))


def editions_overview(conferences: list[Conference], plans: list) -> list[PlanOverview]:
    """One overview per plan in ``plans`` of the ``conferences`` under it (six queries)."""
    plan_ids = {plan.pk for plan in plans}
    conferences = [conference for conference in conferences if conference.plan_id in plan_ids]
    ids = [conference.pk for conference in conferences]
    goals = list(
        Goal.objects.filter(focus_area__plan_id__in=plan_ids)
        .select_related("focus_area")
        .order_by("focus_area__order", "order", "code")
    )
    figures = {
        (conference.pk, goal.pk): Figures(conference=conference)
        for conference in conferences
        for goal in goals
        if goal.focus_area.plan_id == conference.plan_id
    }
    _add_sessions(figures, ids)
    _add_followup(figures, ids)
    overviews = []
    for plan in plans:
        editions = [conference for conference in conferences if conference.plan_id == plan.pk]
        rows = [
            GoalRow(goal=goal, editions=[figures[edition.pk, goal.pk] for edition in editions])
            for goal in goals
            if goal.focus_area.plan_id == plan.pk
        ]
        overviews.append(PlanOverview(plan=plan, conferences=editions, goals=rows))
    return overviews


def _add_sessions(figures: dict, ids: list[int]) -> None:
    """Accepted items, minutes and participants per edition and goal (three queries)."""
    sessions = {}  # session id → (duration, everyone takes part)
    goals_of = defaultdict(set)  # (conference id, goal id) → session ids
    for pk, conference_id, duration, format_, all_rooms, goal_id in (
        Session.objects.filter(conference_id__in=ids, state=SessionState.ACCEPTED)
        .order_by()
        .values_list("pk", "conference_id", "duration", "format", "all_rooms", "goals__id")
    ):
        if (conference_id, goal_id) in figures:
            sessions[pk] = (duration, all_rooms or format_ in EVERYONE_FORMATS)
            goals_of[conference_id, goal_id].add(pk)

    # how many have a place in each edition, and how many of them are checked in
    placed = {
        row["conference_id"]: row
        for row in Registration.objects.filter(conference_id__in=ids, state__in=PLACED)
        .order_by()
        .values("conference_id")
        .annotate(placed=Count("pk"), checked_in=Count("pk", filter=Q(state=R.CHECKED_IN)))
    }
    signed_up = defaultdict(set)  # session id → registration ids
    for session_id, registration_id, conference_id, state in (
        SessionSignup.objects.filter(
            session__conference_id__in=ids,
            session__state=SessionState.ACCEPTED,
            state=SignupState.CONFIRMED,
            registration__state__in=PLACED,
        )
        .order_by()
        .values_list(
            "session_id", "registration_id", "registration__conference_id", "registration__state"
        )
    ):
        counts = placed.get(conference_id)
        if counts and counts["checked_in"] and state != R.CHECKED_IN:
            continue  # the edition has check-ins: only those who came count
        signed_up[session_id].add(registration_id)

    for (conference_id, goal_id), session_ids in goals_of.items():
        figure = figures[conference_id, goal_id]
        figure.sessions = len(session_ids)
        figure.minutes = sum(sessions[pk][0] for pk in session_ids)
        if any(sessions[pk][1] for pk in session_ids):
            counts = placed.get(conference_id)
            figure.participants = (counts["checked_in"] or counts["placed"]) if counts else 0
        else:
            figure.participants = len(set().union(*(signed_up[pk] for pk in session_ids)))


def _add_followup(figures: dict, ids: list[int]) -> None:
    """Priorities, commitments and done commitments per edition and goal (two queries)."""
    priorities = defaultdict(set)
    for conference_id, goal_id, priority_id in (
        Priority.goals.through.objects.filter(priority__conference_id__in=ids)
        .order_by()
        .values_list("priority__conference_id", "goal_id", "priority_id")
    ):
        priorities[conference_id, goal_id].add(priority_id)
    commitments, done = defaultdict(set), defaultdict(set)
    for conference_id, goal_id, pk, state in (
        Commitment.objects.filter(priority__conference_id__in=ids)
        .order_by()
        .values_list("priority__conference_id", "priority__goals__id", "pk", "state")
    ):
        commitments[conference_id, goal_id].add(pk)
        if state == CommitmentState.DONE:
            done[conference_id, goal_id].add(pk)
    for key, figure in figures.items():
        figure.priorities = len(priorities[key])
        figure.commitments = len(commitments[key])
        figure.done = len(done[key])
