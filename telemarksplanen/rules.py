import rules

from partners.roles import capabilities
from partners.rules import is_adviser


@rules.predicate
def is_member_of_any_organisation(user) -> bool:
    return bool(capabilities(user).member_org_ids)


@rules.predicate
def is_plan_adviser(user, obj) -> bool:
    """An adviser of the county that owns the plan (obj: a plan, focus area or goal)."""
    if obj is None:
        return False
    plan = obj.plan
    return plan.owner_id is not None and plan.owner_id in capabilities(user).adviser_org_ids


# Partners may read a goal's wording history (read-only); the plan's advisers edit it.
rules.add_perm("telemarksplanen.view_goal_history", is_adviser | is_member_of_any_organisation)
