"""The plan comes from the data migration; tests use it instead of building another."""

from telemarksplanen.models import Goal, Plan


def plan_in_force() -> Plan:
    return Plan.objects.get(in_force=True)


def goal(code: str) -> Goal:
    return Goal.objects.select_related("focus_area__plan").get(
        code=code, focus_area__plan__in_force=True
    )
