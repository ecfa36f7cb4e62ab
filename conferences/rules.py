"""Who may see and change what in a conference (roles: see ../shared/design/product.md)."""

import rules

from partners.roles import capabilities
from partners.rules import always, is_adviser  # noqa: F401 - re-exported for the models


def conference_of(obj):
    """The conference an object belongs to (the conference itself, a room, a session …)."""
    if obj is None:
        return None
    return obj if hasattr(obj, "organiser_id") else obj.conference


def partner_org_ids(conference) -> frozenset[int]:
    """The organisations taking part in ``conference``, cached on the instance."""
    cached = getattr(conference, "_partner_org_ids", None)
    if cached is None:
        cached = frozenset(conference.partners.values_list("organisation_id", flat=True))
        conference._partner_org_ids = cached
    return cached


@rules.predicate
def is_conference_adviser(user, obj) -> bool:
    """In the organiser team: an adviser of the organisation that runs the conference."""
    conference = conference_of(obj)
    return conference is not None and conference.organiser_id in capabilities(user).adviser_org_ids


@rules.predicate
def is_conference_partner(user, obj) -> bool:
    """A member (editor or coordinator) of an organisation taking part in the conference."""
    conference = conference_of(obj)
    if conference is None:
        return False
    members_of = capabilities(user).member_org_ids
    return bool(members_of) and bool(members_of & partner_org_ids(conference))


@rules.predicate
def is_published(user, obj) -> bool:
    conference = conference_of(obj)
    return conference is not None and conference.status == "published"


can_view_conference_settings = is_conference_adviser | is_conference_partner
can_change_conference = is_conference_adviser

rules.add_perm("conferences.add_conference", is_adviser)
# Mail templates, the outbox and invitation lists: the conference's advisers only.
rules.add_perm("conferences.manage_mail", is_conference_adviser)
rules.add_perm("conferences.view_adviser_area", is_adviser)
# The audit log of a conference (who changed what): its advisers only.
rules.add_perm("conferences.view_activity_log", is_conference_adviser)


# Programme items proposed by partners (house style rule 6). ``obj`` is a Session whose
# ``co_owners`` the queries module has prefetched.
def owner_org_ids(session) -> frozenset[int]:
    """The owning and co-owning organisations of a programme item, cached on the instance."""
    cached = getattr(session, "_owner_org_ids", None)
    if cached is None:
        co_owners = {organisation.pk for organisation in session.co_owners.all()}
        cached = frozenset({session.owner_id, *co_owners} - {None})
        session._owner_org_ids = cached
    return cached


@rules.predicate
def is_proposal_owner(user, session) -> bool:
    """A member of an organisation that owns or co-owns the item and still takes part in the
    conference (a membership or partnership removed mid-session ends access at once)."""
    if session is None:
        return False
    mine = capabilities(user).member_org_ids & owner_org_ids(session)
    return bool(mine & partner_org_ids(session.conference))


PARTNER_EDITABLE = {"draft", "submitted", "changes_requested"}


@rules.predicate
def is_editable_by_partner(user, session) -> bool:
    """Partners edit drafts and items under review directly; accepted items through change
    requests, until the conference's lock date."""
    if session.state in PARTNER_EDITABLE:
        return True
    return session.state == "accepted" and not session.conference.changes_locked()


can_view_proposal = is_conference_adviser | is_proposal_owner
can_change_proposal = is_conference_adviser | (is_proposal_owner & is_editable_by_partner)

rules.add_perm("conferences.view_proposal", can_view_proposal)
rules.add_perm("conferences.change_proposal", can_change_proposal)
rules.add_perm("conferences.comment_proposal", can_view_proposal)
rules.add_perm("conferences.review_proposal", is_conference_adviser)
# obj: the conference. Whether the call is open is checked by the form, so a late partner gets a
# clear message instead of a 403.
rules.add_perm("conferences.add_proposal", is_conference_adviser | is_conference_partner)
rules.add_perm("conferences.view_partner_area", is_conference_adviser | is_conference_partner)


# Follow-up: priorities and commitments (``obj``: a Priority or Commitment, or the conference).
@rules.predicate
def is_report_published(user, obj) -> bool:
    conference = conference_of(obj)
    return conference is not None and conference.report_published_at is not None


def responsible_org_ids(commitment) -> frozenset[int]:
    """The organisations whose people answer for a commitment: the responsible organisation, or
    the coordinating organisation of the responsible network."""
    if commitment.responsible_organisation_id:
        return frozenset({commitment.responsible_organisation_id})
    network = commitment.responsible_network
    return frozenset({network.lead_id}) if network is not None and network.lead_id else frozenset()


@rules.predicate
def is_commitment_responsible(user, commitment) -> bool:
    """An editor or coordinator of the organisation responsible for the commitment (for a
    network: of the network's coordinating organisation)."""
    if commitment is None or not hasattr(commitment, "priority_id"):
        return False
    return bool(capabilities(user).member_org_ids & responsible_org_ids(commitment))


@rules.predicate
def is_carried_over(user, commitment) -> bool:
    """Carried over to the next edition: followed up (and changed) there, not here."""
    return getattr(commitment, "state", None) == "carried"


can_view_followup = is_conference_adviser | is_conference_partner


@rules.predicate
def is_carried_from_published(user, commitment) -> bool:
    """Carried over from an edition whose report is public: its progress through the year stays
    public before the next edition publishes its own report."""
    earlier = (
        getattr(commitment, "carried_from", None) if hasattr(commitment, "priority_id") else None
    )
    return earlier is not None and earlier.priority.conference.report_published_at is not None


can_view_commitment = (
    is_conference_adviser
    | is_conference_partner
    | is_commitment_responsible
    | is_report_published
    | is_carried_from_published
)
can_update_commitment = (is_conference_adviser | is_commitment_responsible) & ~is_carried_over

rules.add_perm("conferences.view_followup", can_view_followup)
rules.add_perm("conferences.manage_followup", is_conference_adviser)
# conferences.view_commitment / change_commitment: Commitment.Meta.rules_permissions
# the public follow-up report: everyone once published; the conference's advisers before that
rules.add_perm("conferences.view_report", is_report_published | is_conference_adviser)
