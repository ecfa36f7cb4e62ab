"""Write-side services for the plan."""

from django.db import transaction

from moteplass.audit import update_and_log
from telemarksplanen.models import Goal

EDITABLE_GOAL_FIELDS = [
    "title_nb",
    "title_nn",
    "title_en",
    "description_nb",
    "description_nn",
    "description_en",
    "provisional",
]


@transaction.atomic
def update_goal(goal: Goal, *, by, values: dict) -> list[dict]:
    """Change a goal's wording and record who changed what. Returns the recorded changes."""
    return update_and_log(
        goal,
        fields=EDITABLE_GOAL_FIELDS,
        values=values,
        by=by,
        action="telemarksplanen.goal.update",
    )
