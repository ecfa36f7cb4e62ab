"""Write-side services for the plan."""

from django.db import transaction

from moteplass.audit import diff, log_action, snapshot
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
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    before = snapshot(goal, EDITABLE_GOAL_FIELDS)
    for name in EDITABLE_GOAL_FIELDS:
        if name in values:
            setattr(goal, name, values[name])
    goal.full_clean()
    changes = diff(goal, before, snapshot(goal, EDITABLE_GOAL_FIELDS))
    if changes:
        goal.save(update_fields=[row["field"] for row in changes])
        log_action(goal, "telemarksplanen.goal.update", user=by, changes=changes)
    return changes
