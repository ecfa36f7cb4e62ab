"""Read-side queries for the plan: already scoped and prefetched for the page that uses them."""

from django.db.models import Prefetch

from conferences.enums import ConferenceStatus, SessionState
from conferences.models import Session
from partners.models import Network
from telemarksplanen.models import FocusArea, Goal, Plan


def plan_in_force() -> Plan | None:
    return Plan.objects.filter(in_force=True).first()


def public_sessions():
    """Sessions the public may see: accepted items of published conferences."""
    return Session.objects.filter(
        state=SessionState.ACCEPTED, conference__status=ConferenceStatus.PUBLISHED
    )


def plan_overview(plan: Plan):
    """The plan's focus areas with their goals, each goal with its networks and public sessions."""
    goals = Goal.objects.order_by("order", "code").prefetch_related(
        Prefetch("networks", queryset=Network.objects.order_by("name")),
        Prefetch(
            "sessions",
            queryset=public_sessions().select_related("conference").order_by("start", "title"),
        ),
    )
    return (
        FocusArea.objects.filter(plan=plan)
        .order_by("order", "code")
        .prefetch_related(Prefetch("goals", queryset=goals))
    )


def goals_for_editing(plan: Plan):
    return (
        Goal.objects.filter(focus_area__plan=plan)
        .select_related("focus_area")
        .order_by("focus_area__order", "order", "code")
    )


def other_plans(plan: Plan):
    return Plan.objects.exclude(pk=plan.pk).order_by("-start_year")


def goal_for_editing():
    """Goals with their focus area and plan (the permission object of the goal page)."""
    return Goal.objects.select_related("focus_area__plan")


def focus_area_colours():
    return FocusArea.objects.values_list("pk", "colour")
