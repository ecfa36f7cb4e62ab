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
