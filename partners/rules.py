"""Predicates about people and organisations (see partners.roles for how roles are resolved)."""

import rules

from partners.roles import capabilities

always = rules.always_allow


@rules.predicate
def is_adviser(user) -> bool:
    """An adviser of any organisation: may edit the plan's goals and create conferences."""
    return capabilities(user).is_adviser


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return organisation is not None and organisation.pk in capabilities(user).member_org_ids


@rules.predicate
def is_organisation_coordinator(user, organisation) -> bool:
    return organisation is not None and organisation.pk in capabilities(user).coordinator_org_ids


can_view_organisation = is_organisation_member | is_adviser

rules.add_perm("partners.view_organisation_members", is_organisation_member | is_adviser)
rules.add_perm("partners.manage_organisation_members", is_organisation_coordinator)
