"""Read-side queries for the audit log: who changed what, when (house style rule 3).

A conference's log holds every entry about the conference and everything that belongs to it
(``ActivityLog.conference``, written by :func:`moteplass.audit.log_action`); only the conference's
advisers read it. The county's log adds the entries about no conference that the county's advisers
may see: the organisations taking part in their conferences (people invited, roles changed,
members removed), the county itself, and the goals of the county's plan. Changes to people's
accounts and other organisations stay in the administration.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from conferences.models import Conference, ConferencePartner
from moteplass.models import ActivityLog
from partners.models import Organisation, User
from partners.roles import capabilities
from telemarksplanen.models import FocusArea, Goal, Plan

#: the person filter's value for entries written with nobody logged in (the system, or a
#: participant through a personal link)
NOBODY = "system"
#: the conference filter's value for entries about no conference (the county's log)
NO_CONFERENCE = "none"


def activity_log_for(conference: Conference, user) -> QuerySet[ActivityLog]:
    """The log of ``conference``, newest first, with each entry's person and kind of object;
    empty for anyone but the conference's advisers."""
    if conference.organiser_id not in capabilities(user).adviser_org_ids:
        return ActivityLog.objects.none()
    return (
        ActivityLog.objects.filter(conference=conference)
        .select_related("user", "content_type")
        .order_by("-timestamp", "-pk")
    )


def _about(model, ids) -> Q:
    """Entries about no conference whose object is one of ``ids`` (a subquery) of ``model``."""
    return Q(
        conference__isnull=True,
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=ids,
    )


def county_activity_log_for(user) -> QuerySet[ActivityLog]:
    """The log of every conference the user runs as an adviser, and of what their county's
    advisers look after outside a conference (see the module's docstring), newest first, with
    each entry's person, kind of object and conference; empty for anyone but advisers."""
    counties = capabilities(user).adviser_org_ids
    if not counties:
        return ActivityLog.objects.none()
    conferences = Conference.objects.filter(organiser_id__in=counties).values("pk")
    partners = ConferencePartner.objects.filter(conference__organiser_id__in=counties).values(
        "organisation_id"
    )
    plans = Plan.objects.filter(owner_id__in=counties).values("pk")
    return (
        ActivityLog.objects.filter(
            Q(conference__in=conferences)
            | _about(Organisation, partners)
            | _about(Organisation, list(counties))
            | _about(Plan, plans)
            | _about(FocusArea, FocusArea.objects.filter(plan__in=plans).values("pk"))
            | _about(Goal, Goal.objects.filter(focus_area__plan__in=plans).values("pk"))
        )
        .select_related("user", "content_type", "conference")
        .order_by("-timestamp", "-pk")
    )


def county_conferences(user) -> QuerySet[Conference]:
    """The conferences in the county's log (its filter), newest first."""
    return Conference.objects.filter(organiser_id__in=capabilities(user).adviser_org_ids).order_by(
        "-start_date", "pk"
    )


def people_in(entries: QuerySet[ActivityLog]) -> QuerySet:
    """The people who wrote any of ``entries`` (for the person filter), by name."""
    return User.objects.filter(
        pk__in=entries.filter(user__isnull=False).order_by().values("user_id")
    ).order_by("first_name", "last_name", "email")


def kinds_in(entries: QuerySet[ActivityLog]) -> list[ContentType]:
    """The kinds of object that ``entries`` are about (for the kind filter), by their name in the
    reader's language; kinds whose model no longer exists are left out."""
    kinds = ContentType.objects.filter(pk__in=entries.order_by().values("content_type_id"))
    found = [kind for kind in kinds if kind.model_class() is not None]
    return sorted(found, key=lambda kind: norwegian_order(kind.model_class()._meta.verbose_name))


# æ, ø and å come after z, in that order (the three characters after "z" in ASCII)
_LAST_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def norwegian_order(text) -> str:
    """A sort key that puts words in Norwegian alphabetical order."""
    return str(text).lower().translate(_LAST_LETTERS)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_log(
    entries: QuerySet[ActivityLog],
    *,
    person: str = "",
    kind: int | None = None,
    text: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    conference: str = "",
) -> QuerySet[ActivityLog]:
    """``entries`` narrowed to one person (a user's id, or :data:`NOBODY`), one kind of object
    (a content type's id), objects whose recorded name contains ``text``, the days ``since`` to
    ``until`` (both included, in Norwegian time) and, in the county's log, one conference (its
    id, or :data:`NO_CONFERENCE`)."""
    if person == NOBODY:
        entries = entries.filter(user__isnull=True)
    elif person:
        entries = entries.filter(user_id=int(person))
    if kind:
        entries = entries.filter(content_type_id=kind)
    if text:
        entries = entries.filter(object_repr__icontains=text)
    if since:
        entries = entries.filter(timestamp__gte=_start_of(since))
    if until:
        entries = entries.filter(timestamp__lt=_start_of(until + dt.timedelta(days=1)))
    if conference == NO_CONFERENCE:
        entries = entries.filter(conference__isnull=True)
    elif conference:
        entries = entries.filter(conference_id=int(conference))
    return entries
