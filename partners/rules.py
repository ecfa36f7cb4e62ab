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


def organiser_ids(organisation) -> frozenset[int]:
    """The organisations running a conference ``organisation`` takes part in, cached on the
    instance (partners does not import conferences: the reverse relation is enough)."""
    cached = getattr(organisation, "_organiser_ids", None)
    if cached is None:
        cached = frozenset(
            organisation.conference_partnerships.values_list("conference__organiser_id", flat=True)
        )
        organisation._organiser_ids = cached
    return cached


@rules.predicate
def is_partner_adviser(user, organisation) -> bool:
    """An adviser of a conference ``organisation`` takes part in (its organiser team)."""
    if organisation is None:
        return False
    adviser_of = capabilities(user).adviser_org_ids
    return bool(adviser_of) and bool(adviser_of & organiser_ids(organisation))


can_view_organisation = is_organisation_member | is_adviser

# An organisation's people: its members see them, its coordinators and the advisers of the
# conferences it takes part in invite and manage them. Advisers of other conferences do not.
can_view_members = is_organisation_member | is_partner_adviser
can_manage_members = is_organisation_coordinator | is_partner_adviser

rules.add_perm("partners.view_organisation_members", can_view_members)
rules.add_perm("partners.manage_organisation_members", can_manage_members)
