import rules

from partners.roles import capabilities
from partners.rules import is_adviser


@rules.predicate
def is_member_of_any_organisation(user) -> bool:
    return bool(capabilities(user).member_org_ids)


# Partners may read a goal's wording history (read-only); advisers edit it.
rules.add_perm("telemarksplanen.view_goal_history", is_adviser | is_member_of_any_organisation)
