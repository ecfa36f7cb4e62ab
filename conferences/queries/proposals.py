"""Proposals and programme items as each person may see them (house style rule 3).

This is the one place that decides which organisation's proposals a person reaches: partners see
the items their organisations own or co-own, the conference's advisers see all of them. Internal
notes are filtered here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from conferences.enums import ChangeRequestState, SessionState
from conferences.models import (
    ChangeRequest,
    Comment,
    Conference,
    ConferencePartner,
    Session,
    Speaker,
)
from conferences.rules import is_conference_adviser, partner_org_ids
from partners.models import Organisation
from partners.roles import capabilities
from telemarksplanen.models import Goal

# How long a decided change request stays in the partner's "needs your action" list.
RECENT_DECISIONS = dt.timedelta(days=30)
RECENT_COMMENTS = 10


def with_content(queryset):
    """Everything a proposal's page or row shows, fetched up front."""
    return queryset.select_related(
        "conference__plan", "owner", "created_by", "network"
    ).prefetch_related(
        "co_owners",
        Prefetch("speakers", queryset=Speaker.objects.order_by("pk")),
        "goals__focus_area",
    )


def visible_proposals(conference: Conference, user):
    """The programme items of partner organisations in ``conference`` that ``user`` may see, with
    nothing fetched beyond the rows: all of them for the conference's advisers; for partners,
    those their organisations (still taking part in the conference) own or co-own."""
    items = Session.objects.filter(conference=conference, owner__isnull=False)
    if not is_conference_adviser(user, conference):
        mine = capabilities(user).member_org_ids & partner_org_ids(conference)
        if not mine:
            return Session.objects.none()
        items = items.filter(Q(owner_id__in=mine) | Q(co_owners__in=mine)).distinct()
    return items


def proposals_for(conference: Conference, user):
    """``visible_proposals`` with everything a proposal's page shows, ordered by title."""
    return with_content(visible_proposals(conference, user)).order_by("title", "pk")


def proposal_for(conference: Conference, user, pk) -> Session:
    """One proposal ``user`` may see, or 404 (another organisation's item does not exist)."""
    try:
        return proposals_for(conference, user).get(pk=pk)
    except (Session.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def comments_for(session: Session, user):
    """The comments on ``session`` ``user`` may read: internal notes only for advisers."""
    comments = Comment.objects.filter(session=session).select_related("author")
    if not is_conference_adviser(user, session.conference):
        comments = comments.filter(internal=False)
    return comments.order_by("created_at", "pk")


def open_change_request(session: Session) -> ChangeRequest | None:
    return (
        ChangeRequest.objects.filter(session=session, state=ChangeRequestState.OPEN)
        .select_related("requested_by")
        .first()
    )


# The partner area ------------------------------------------------------------------------------


def partner_conferences(user):
    """The conferences in which one of ``user``'s organisations is a partner, newest first, each
    with ``my_partnerships`` (the user's organisations taking part, with the organisation)."""
    mine = capabilities(user).member_org_ids
    if not mine:
        return Conference.objects.none()
    return (
        Conference.objects.filter(partners__organisation_id__in=mine)
        .distinct()
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=ConferencePartner.objects.filter(organisation_id__in=mine)
                .select_related("organisation")
                .order_by("organisation__name"),
                to_attr="my_partnerships",
            )
        )
        .order_by("-start_date", "pk")
    )


def partner_organisations(conference: Conference):
    """The organisations taking part in ``conference``: the co-owners a proposal may name."""
    return Organisation.objects.filter(conference_partnerships__conference=conference).order_by(
        "name", "pk"
    )


def owner_choices(conference: Conference, user):
    """The organisations ``user`` may propose for: the conference's advisers any partner, a
    partner their own organisations taking part in the conference."""
    organisations = partner_organisations(conference)
    if is_conference_adviser(user, conference):
        return organisations
    return organisations.filter(pk__in=capabilities(user).member_org_ids)


def plan_goals(conference: Conference):
    """The main goals of the conference's plan with their focus area, in the plan's order."""
    return (
        Goal.objects.filter(focus_area__plan_id=conference.plan_id)
        .select_related("focus_area")
        .order_by("focus_area__order", "focus_area__code", "order", "code")
    )


@dataclass
class PartnerDashboard:
    proposals: list[Session]
    drafts: list[Session] = field(default_factory=list)
    changes_requested: list[Session] = field(default_factory=list)
    decided_requests: list[ChangeRequest] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    programme: list[Session] | None = None

    @property
    def needs_action(self) -> bool:
        return bool(self.drafts or self.changes_requested or self.decided_requests)


def partner_dashboard(conference: Conference, user, *, now=None) -> PartnerDashboard:
    """What the partner dashboard shows ``user``, with a fixed number of queries: the proposals
    they may see (state, co-owners, whether a change request is open), what needs their action
    (drafts, items with changes asked for, change requests decided lately), the latest comments
    (never internal notes) and, when the advisers share it, the draft programme."""
    now = now or timezone.now()
    visible = visible_proposals(conference, user)
    open_requests = ChangeRequest.objects.filter(
        session_id=OuterRef("pk"), state=ChangeRequestState.OPEN
    )
    proposals = list(
        visible.select_related("owner")
        .prefetch_related("co_owners")
        .annotate(has_open_request=Exists(open_requests))
        .order_by("title", "pk")
    )
    ids = [proposal.pk for proposal in proposals]
    dashboard = PartnerDashboard(
        proposals=proposals,
        drafts=[p for p in proposals if p.state == SessionState.DRAFT],
        changes_requested=[p for p in proposals if p.state == SessionState.CHANGES_REQUESTED],
    )
    if ids:
        dashboard.decided_requests = list(
            ChangeRequest.objects.filter(
                session_id__in=ids,
                state__in=[ChangeRequestState.APPROVED, ChangeRequestState.REJECTED],
                decided_at__gte=now - RECENT_DECISIONS,
            )
            .select_related("session")
            .order_by("-decided_at", "-pk")
        )
        dashboard.comments = list(
            Comment.objects.filter(session_id__in=ids, internal=False)
            .select_related("author", "session")
            .order_by("-created_at", "-pk")[:RECENT_COMMENTS]
        )
    if conference.programme_shared:
        dashboard.programme = list(draft_programme(conference))
    return dashboard


def draft_programme(conference: Conference):
    """The accepted items that have a time, in time order, as the advisers have placed them."""
    return (
        Session.objects.filter(
            conference=conference, state=SessionState.ACCEPTED, start__isnull=False
        )
        .select_related("room", "owner")
        .order_by("start", "room__order", "room__name", "title", "pk")
    )
