"""The review side: what a conference's advisers see of its proposals (house style rule 3).

Everything here is for the conference's advisers only: for anybody else the functions return
nothing (or raise 404), whatever the view checked before. The proposals themselves come from
``conferences.queries.proposals.proposals_for``, the one place that scopes proposals to a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from conferences.enums import ChangeRequestState, SessionState
from conferences.models import ChangeRequest, Conference, ConferencePartner, Session, Speaker
from conferences.queries.proposals import proposals_for
from conferences.rules import is_conference_adviser
from partners.models import Organisation
from telemarksplanen.models import Goal

S = SessionState
# The state filter's value for "every state, drafts included"; without a state filter the list
# leaves out drafts: they are the partner's work in progress.
ALL_STATES = "all"
WORD = re.compile(r"[^\W_]+")


def _advisers_only(conference: Conference, user) -> bool:
    return is_conference_adviser(user, conference)


def review_proposals(
    conference: Conference,
    user,
    *,
    state: str = "",
    format: str = "",
    focus_area: str = "",
    goal: str = "",
    partner: str = "",
    q: str = "",
):
    """The conference's proposals for the review list, filtered:

    - ``state``: one state, ``ALL_STATES``, or empty for everything except drafts;
    - ``format``: a session format;
    - ``focus_area`` / ``goal``: the code of a focus area / main goal of the conference's plan;
    - ``partner``: the slug of an organisation that owns or co-owns the item;
    - ``q``: words to search (see ``search``); the best matches come first.

    Without ``q`` the list is ordered by title."""
    if not _advisers_only(conference, user):
        return Session.objects.none()
    items = proposals_for(conference, user)
    if state == ALL_STATES:
        pass
    elif state:
        items = items.filter(state=state)
    else:
        items = items.exclude(state=S.DRAFT)
    if format:
        items = items.filter(format=format)
    goal_links = Session.goals.through.objects.filter(
        session_id=OuterRef("pk"), goal__focus_area__plan_id=conference.plan_id
    )
    if focus_area:
        items = items.filter(Exists(goal_links.filter(goal__focus_area__code=focus_area)))
    if goal:
        items = items.filter(Exists(goal_links.filter(goal__code=goal)))
    if partner:
        co_owned = Session.co_owners.through.objects.filter(
            session_id=OuterRef("pk"), organisation__slug=partner
        )
        items = items.filter(Q(owner__slug=partner) | Exists(co_owned))
    if q.strip():
        items = search(items, q.strip())
    return items


def search(items, q: str):
    """Text search over title, abstract and audience, and speakers' names.

    PostgreSQL: Norwegian full text search (stemming: «skoler» finds «skole»), in web search
    syntax (``"exact phrase"``, ``-word``, ``or``), plus the words as prefixes, so the first part
    of a compound finds it («klima» finds «klimatilpasning»); ordered by rank, title matches
    first. SQLite: every word must occur in one of the fields (case-insensitive for ASCII letters
    only), ordered by title."""
    words = WORD.findall(q)
    speaker_links = Session.speakers.through.objects.filter(session_id=OuterRef("pk"))
    if connections[items.db].vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="norwegian")
            + SearchVector("abstract", weight="B", config="norwegian")
            + SearchVector("audience", weight="C", config="norwegian")
        )
        query = SearchQuery(q, config="norwegian", search_type="websearch")
        match = Q(document=query)
        annotations = {"document": vector, "rank": SearchRank(vector, query)}
        order = ["-rank"]
        if words:
            # only letters and digits reach the raw query, so it is always valid syntax
            prefix = SearchQuery(
                " & ".join(f"{word}:*" for word in words), config="norwegian", search_type="raw"
            )
            match |= Q(document=prefix)
            annotations["prefix_rank"] = SearchRank(vector, prefix)
            order.append("-prefix_rank")
        match |= Exists(speaker_links.filter(speaker__name__icontains=q))
        return items.annotate(**annotations).filter(match).order_by(*order, "title", "pk")
    for word in words or [q]:
        items = items.filter(
            Q(title__icontains=word)
            | Q(abstract__icontains=word)
            | Q(audience__icontains=word)
            | Exists(speaker_links.filter(speaker__name__icontains=word))
        )
    return items


def review_filter_choices(conference: Conference, user) -> tuple[list[Goal], list]:
    """What the review filters offer: the goals of the conference's plan (with their focus
    areas) and the partner organisations (taking part, or owning one of its items)."""
    if not _advisers_only(conference, user):
        return [], []
    goals = list(
        Goal.objects.filter(focus_area__plan_id=conference.plan_id)
        .select_related("focus_area")
        .order_by("focus_area__order", "focus_area__code", "order", "code")
    )
    organisations = list(
        Organisation.objects.filter(
            Q(conference_partnerships__conference=conference)
            | Q(owned_sessions__conference=conference)
        )
        .distinct()
        .order_by("name", "pk")
        .only("pk", "name", "slug")
    )
    return goals, organisations


def state_counts(conference: Conference, user) -> list[tuple[str, str, int]]:
    """(state, label, number of proposals) for every state, zeros included, in the order of the
    lifecycle; one query."""
    if not _advisers_only(conference, user):
        return []
    rows = (
        Session.objects.filter(conference=conference, owner__isnull=False)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["state"]: row["n"] for row in rows}
    return [(value, label, counts.get(value, 0)) for value, label in S.choices]


def partners_without_proposals(conference: Conference, user):
    """The conference's partners that own no proposal beyond a draft, each with the number of
    drafts they have started (``drafts``)."""
    if not _advisers_only(conference, user):
        return ConferencePartner.objects.none()
    owned = Session.objects.filter(conference=conference, owner_id=OuterRef("organisation_id"))
    drafts = (
        owned.filter(state=S.DRAFT)
        .order_by()
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        ConferencePartner.objects.filter(conference=conference)
        .filter(~Exists(owned.exclude(state=S.DRAFT)))
        .select_related("organisation")
        .annotate(drafts=Coalesce(Subquery(drafts), 0))
        .order_by("organisation__name", "pk")
    )


def waiting_for_decision(conference: Conference, user):
    """Submitted proposals, the longest waiting first."""
    if not _advisers_only(conference, user):
        return Session.objects.none()
    return (
        Session.objects.filter(conference=conference, owner__isnull=False, state=S.SUBMITTED)
        .select_related("owner")
        .order_by(F("submitted_at").asc(nulls_last=True), "pk")
    )


def open_change_requests(conference: Conference, user):
    """Change requests waiting for an adviser, the oldest first."""
    if not _advisers_only(conference, user):
        return ChangeRequest.objects.none()
    return (
        ChangeRequest.objects.filter(
            session__conference=conference,
            session__owner__isnull=False,
            state=ChangeRequestState.OPEN,
        )
        .select_related("session__owner", "requested_by")
        .order_by("created_at", "pk")
    )


def change_request_for(conference: Conference, user, pk) -> ChangeRequest:
    """One change request of the conference with its item's content, for its advisers; else
    404."""
    if not _advisers_only(conference, user):
        raise Http404
    try:
        return (
            ChangeRequest.objects.filter(
                session__conference=conference, session__owner__isnull=False
            )
            .select_related(
                "session__owner", "session__conference__plan", "requested_by", "decided_by"
            )
            .prefetch_related(
                "session__co_owners",
                Prefetch("session__speakers", queryset=Speaker.objects.order_by("pk")),
                "session__goals__focus_area",
            )
            .get(pk=pk)
        )
    except (ChangeRequest.DoesNotExist, ValueError):
        raise Http404 from None


@dataclass
class ReviewOverview:
    counts: list[tuple[str, str, int]]
    total: int
    partners_without_proposals: list
    waiting: list
    change_requests: list


def review_overview(conference: Conference, user) -> ReviewOverview:
    """Everything the adviser dashboard of a conference shows (four queries)."""
    counts = state_counts(conference, user)
    return ReviewOverview(
        counts=counts,
        total=sum(n for _state, _label, n in counts),
        partners_without_proposals=list(partners_without_proposals(conference, user)),
        waiting=list(waiting_for_decision(conference, user)),
        change_requests=list(open_change_requests(conference, user)),
    )
