"""Read-side queries for conferences, scoped to what the user may see (house style rule 3)."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from conferences.enums import ConferenceStatus
from conferences.models import Conference, ConferencePartner, ProgrammeVersion, Room, Session
from conferences.phrases import TASK_LABELS
from moteplass.models import TaskFailure
from partners.models import Organisation
from partners.roles import capabilities


def next_public_conference() -> Conference | None:
    """The next (or ongoing) published conference, for the public home page."""
    today = timezone.localdate()
    return (
        Conference.objects.filter(status=ConferenceStatus.PUBLISHED, end_date__gte=today)
        .select_related("plan")
        .annotate(has_programme=Exists(ProgrammeVersion.objects.filter(conference=OuterRef("pk"))))
        .order_by("start_date")
        .first()
    )


def published_reports(limit: int = 3):
    """The latest editions whose follow-up report is public, newest first (the home page)."""
    return Conference.objects.filter(report_published_at__isnull=False).order_by("-start_date")[
        :limit
    ]


def conferences_for_user(user):
    """Conferences whose adviser area the user may open: as organiser (adviser) or as partner."""
    caps = capabilities(user)
    if not caps.member_org_ids:
        return Conference.objects.none()
    return (
        Conference.objects.filter(
            Q(organiser_id__in=caps.adviser_org_ids)
            | Q(partners__organisation_id__in=caps.member_org_ids)
        )
        .distinct()
        .select_related("organiser", "plan")
        .annotate(
            room_count=_count(Room),
            session_count=_count(Session),
            partner_count=_count(ConferencePartner),
        )
        .order_by("-start_date")
    )


def _count(model):
    """A correlated count of ``model`` rows of each conference (joins would multiply rows)."""
    rows = (
        model.objects.filter(conference=OuterRef("pk"))
        .order_by()
        .values("conference")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def rooms_for(conference: Conference):
    """Rooms of a conference whose permission the view has already checked."""
    return Room.objects.filter(conference=conference).order_by("order", "name")


def partners_for(conference: Conference):
    """The conference's partners with their organisation and its member count."""
    return (
        ConferencePartner.objects.filter(conference=conference)
        .select_related("organisation__municipality")
        .annotate(member_count=Count("organisation__memberships", distinct=True))
        .order_by("organisation__name")
    )


def organisations_not_partners(conference: Conference):
    return Organisation.objects.exclude(conference_partnerships__conference=conference).order_by(
        "name"
    )


def conference_with_plan():
    """Conferences with their organiser and plan: the permission object of the adviser pages."""
    return Conference.objects.select_related("organiser", "plan")


FAILURES_SHOWN_DAYS = 14


def recent_task_failures(limit: int = 10):
    """Background jobs that failed for good in the last two weeks, newest first, for the
    advisers' dashboard."""
    since = timezone.now() - dt.timedelta(days=FAILURES_SHOWN_DAYS)
    failures = list(TaskFailure.objects.filter(failed_at__gte=since)[:limit])
    for failure in failures:
        failure.label = TASK_LABELS.get(failure.task_name, failure.task_name)
    return failures
