"""Rules shared by models, forms, domain services and imports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from conferences.enums import SessionFormat


def format_needs_goal(session_format: str) -> bool:
    return session_format not in SessionFormat.without_content()


def validate_session_goals(session_format: str, goals) -> None:
    """Every content programme item is tied to at least one main goal of the plan in force."""
    goals = list(goals)
    if format_needs_goal(session_format) and not goals:
        raise ValidationError(
            _("Choose at least one main goal: every programme item with content serves one."),
            code="goal_required",
        )


def validate_goals_in_plan(goals, plan) -> None:
    wrong = [goal.code for goal in goals if goal.focus_area.plan_id != plan.pk]
    if wrong:
        raise ValidationError(
            _("These main goals are not in the conference's plan: %(codes)s."),
            code="goal_wrong_plan",
            params={"codes": ", ".join(sorted(wrong))},
        )
