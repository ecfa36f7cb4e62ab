"""Read-side queries of the follow-up (house style rule 3): a conference's priorities with their
goals, sessions and commitments; one commitment with its status history; the commitments a
person's organisations answer for; and the choices of the follow-up forms."""

from __future__ import annotations

from django.db.models import BooleanField, Case, ExpressionWrapper, F, Prefetch, Q, Value, When
from django.utils import timezone

from conferences.enums import CommitmentState, SessionFormat, SessionState
from conferences.models import Commitment, Conference, Priority, Session, StatusUpdate
from partners.models import Network, Organisation
from partners.roles import capabilities
from telemarksplanen.models import Goal


def _goals():
    return Goal.objects.select_related("focus_area").order_by(
        "focus_area__order", "focus_area__code", "order", "code"
    )


def _with_flags(commitments, today=None):
    """``overdue``: still open after its due date; ``open_rank``: 0 for open, 1 for closed."""
    today = today or timezone.localdate()
    is_open = Q(state__in=CommitmentState.open())
    return commitments.annotate(
        overdue=ExpressionWrapper(is_open & Q(due_date__lt=today), output_field=BooleanField()),
        open_rank=Case(When(is_open, then=Value(0)), default=Value(1)),
    )


def _commitments():
    return _with_flags(
        Commitment.objects.select_related("responsible_organisation", "responsible_network")
        .prefetch_related(
            Prefetch("contributors", queryset=Organisation.objects.order_by("name", "pk"))
        )
        .order_by("due_date", "pk")
    )


def followup_priorities(conference: Conference, user):
    """The conference's priorities in order, each with its main goals (and focus areas), the
    sessions where it was discussed and its commitments (responsible party, contributors,
    ``overdue``). Empty for someone who may not see the follow-up."""
    if not user.has_perm("conferences.view_followup", conference):
        return Priority.objects.none()
    return (
        Priority.objects.filter(conference=conference)
        .prefetch_related(
            Prefetch("goals", queryset=_goals()),
            Prefetch(
                "sessions",
                queryset=Session.objects.order_by(F("start").asc(nulls_last=True), "title"),
            ),
            Prefetch("commitments", queryset=_commitments()),
        )
        .order_by("order", "pk")
    )


def priority_for(conference: Conference, pk: int) -> Priority | None:
    """One priority of ``conference`` with its goals and sessions, or None."""
    return (
        Priority.objects.filter(conference=conference, pk=pk)
        .select_related("conference")
        .prefetch_related("goals", "sessions")
        .first()
    )


def commitment_in(conference: Conference, pk: int) -> Commitment | None:
    """One commitment of ``conference`` (for editing), with its priority and contributors."""
    return (
        Commitment.objects.filter(priority__conference=conference, pk=pk)
        .select_related("priority__conference", "responsible_organisation", "responsible_network")
        .prefetch_related("contributors")
        .first()
    )


def commitment_detail(slug: str, pk: int) -> Commitment | None:
    """One commitment of the conference ``slug`` with everything its page shows: the priority
    and its main goals, the conference, the responsible party (a network with its coordinating
    organisation), the contributors and the status history, newest first. Who may see it is
    decided by the view (conferences.view_commitment) on this object."""
    return (
        _with_flags(
            Commitment.objects.filter(priority__conference__slug=slug, pk=pk).select_related(
                "priority__conference__organiser",
                "priority__conference__plan",
                "responsible_organisation",
                "responsible_network__lead",
                "carried_from__priority__conference",
                "carried_to__priority__conference",
            )
        )
        .prefetch_related(
            Prefetch("priority__goals", queryset=_goals()),
            Prefetch("contributors", queryset=Organisation.objects.order_by("name", "pk")),
            Prefetch(
                "updates",
                queryset=StatusUpdate.objects.select_related("by").order_by("-at", "-pk"),
            ),
        )
        .first()
    )


def commitments_answered_by(user):
    """The commitments ``user``'s organisations answer for, in every conference: as the
    responsible organisation or as the coordinating organisation of the responsible network.
    Newest conference first; in each, open ones first, then by due date. Commitments carried over
    to a later edition are left out: they go on there."""
    organisations = capabilities(user).member_org_ids
    if not organisations:
        return Commitment.objects.none()
    return (
        _with_flags(
            Commitment.objects.filter(
                Q(responsible_organisation__in=organisations)
                | Q(responsible_network__lead__in=organisations),
                carried_to__isnull=True,
            )
        )
        .select_related(
            "priority__conference",
            "responsible_organisation",
            "responsible_network__lead",
        )
        .order_by(
            "-priority__conference__start_date",
            "priority__conference_id",
            "open_rank",
            "due_date",
            "pk",
        )
    )


# --- choices of the forms ------------------------------------------------------------------------


def goal_choices(conference: Conference):
    """The main goals of the conference's plan, by focus area."""
    return _goals().filter(focus_area__plan_id=conference.plan_id)


def session_choices(conference: Conference, also=()):
    """The accepted content sessions of the conference (no breaks or social items), by start
    (those not in the timetable last), and any already linked (``also``: their ids) that are no
    longer accepted."""
    accepted = Q(state=SessionState.ACCEPTED) & ~Q(
        format__in=sorted(SessionFormat.without_content())
    )
    chosen = accepted | Q(pk__in=list(also))
    return Session.objects.filter(chosen, conference=conference).order_by(
        F("start").asc(nulls_last=True), "title", "pk"
    )


def organisation_choices():
    return Organisation.objects.order_by("name", "pk")


def partner_ids(conference: Conference) -> set[int]:
    return set(conference.partners.values_list("organisation_id", flat=True))


def network_choices():
    return Network.objects.order_by("name", "pk")
