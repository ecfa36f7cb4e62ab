"""Proposals and programme items as each person may see them (house style rule 3).

This is the one place that decides which organisation's proposals a person reaches: partners see
the items their organisations own or co-own, the conference's advisers see all of them. Internal
notes are filtered here too.
"""

from django.db.models import Prefetch, Q
from django.http import Http404

from conferences.models import ChangeRequest, Comment, Conference, Session, Speaker
from conferences.rules import is_conference_adviser
from partners.roles import capabilities


def with_content(queryset):
    """Everything a proposal's page or row shows, fetched up front."""
    return queryset.select_related("conference__plan", "owner", "created_by").prefetch_related(
        "co_owners",
        Prefetch("speakers", queryset=Speaker.objects.order_by("pk")),
        "goals__focus_area",
    )


def proposals_for(conference: Conference, user):
    """The programme items of partner organisations in ``conference`` that ``user`` may see: all of
    them for the conference's advisers; for partners, those their organisations (still taking part
    in the conference) own or co-own."""
    items = Session.objects.filter(conference=conference, owner__isnull=False)
    if not is_conference_adviser(user, conference):
        partners = set(conference.partners.values_list("organisation_id", flat=True))
        mine = capabilities(user).member_org_ids & partners
        if not mine:
            return Session.objects.none()
        items = items.filter(Q(owner_id__in=mine) | Q(co_owners__in=mine)).distinct()
    return with_content(items).order_by("title", "pk")


def proposal_for(conference: Conference, user, pk) -> Session:
    """One proposal ``user`` may see, or 404 (another organisation's item does not exist)."""
    try:
        return proposals_for(conference, user).get(pk=pk)
    except Session.DoesNotExist:
        raise Http404 from None


def comments_for(session: Session, user):
    """The comments on ``session`` ``user`` may read: internal notes only for advisers."""
    comments = Comment.objects.filter(session=session).select_related("author")
    if not is_conference_adviser(user, session.conference):
        comments = comments.filter(internal=False)
    return comments.order_by("created_at", "pk")


def open_change_request(session: Session) -> ChangeRequest | None:
    return (
        ChangeRequest.objects.filter(session=session, state="open")
        .select_related("requested_by")
        .first()
    )
