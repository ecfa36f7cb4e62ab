"""Goal coverage: how the conference's programme serves the plan's hovedmål."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from conferences.enums import SessionState
from conferences.models import Conference, Session
from telemarksplanen.models import FocusArea, Goal

PROPOSED = [SessionState.SUBMITTED, SessionState.CHANGES_REQUESTED, SessionState.ACCEPTED]


@dataclass
class AreaCoverage:
    area: FocusArea
    goals: list = field(default_factory=list)
    accepted: int = 0  # distinct accepted items serving any goal of the area
    minutes: int = 0

    @property
    def uncovered(self) -> int:
        return sum(1 for goal in self.goals if not goal.accepted)


def goal_coverage(conference: Conference) -> list[AreaCoverage]:
    """Per focus area of the conference's plan: its goals with proposed and accepted items and
    accepted minutes, and the area's own totals (an item serving two goals counts once)."""
    in_conference = Q(sessions__conference=conference)
    goals = (
        Goal.objects.filter(focus_area__plan_id=conference.plan_id)
        .select_related("focus_area")
        .order_by("focus_area__order", "order", "code")
        .annotate(
            proposed=Count(
                "sessions", filter=in_conference & Q(sessions__state__in=PROPOSED), distinct=True
            ),
            accepted=Count(
                "sessions",
                filter=in_conference & Q(sessions__state=SessionState.ACCEPTED),
                distinct=True,
            ),
            minutes=Sum(
                "sessions__duration",
                filter=in_conference & Q(sessions__state=SessionState.ACCEPTED),
                default=0,
            ),
        )
    )
    areas: dict[int, AreaCoverage] = {}
    for goal in goals:
        areas.setdefault(goal.focus_area_id, AreaCoverage(area=goal.focus_area)).goals.append(goal)
    served = defaultdict(dict)  # area id → {session id: duration}
    accepted = Session.objects.filter(conference=conference, state=SessionState.ACCEPTED)
    for session_id, duration, area_id in accepted.values_list(
        "pk", "duration", "goals__focus_area_id"
    ):
        if area_id is not None:
            served[area_id][session_id] = duration
    for area_id, coverage in areas.items():
        coverage.accepted = len(served[area_id])
        coverage.minutes = sum(served[area_id].values())
    return list(areas.values())
