"""The participant's personal data (house style rule 2): the right of access (everything stored,
as data), the right to erasure, and the retention job that erases health details and then whole
registrations after the conference, keeping only anonymous counts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from conferences.domain.badges import delete_badge_files
from conferences.domain.registration import cancel_registration
from conferences.enums import MessageState
from conferences.models import Conference, OutboxMessage, Registration
from moteplass.audit import forget_object_names, log_action

LIST_FIELDS = {"diets", "allergens", "access_needs"}
HEALTH_FIELDS = ["diets", "allergens", "diet_other", "access_needs", "access_other"]
PERSONAL_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation_name",
    "job_title",
    "override_reason",
    *HEALTH_FIELDS,
]


def registration_data(registration: Registration) -> dict:
    """Everything stored about the participant, for their own download (right of access)."""
    reg = registration
    messages = OutboxMessage.objects.filter(
        about_type__model="registration", about_type__app_label="conferences", about_id=reg.pk
    ).order_by("created_at")
    return {
        "conference": {"title": reg.conference.title, "slug": reg.conference.slug},
        "state": reg.state,
        "registered": reg.created_at.isoformat(),
        "first_name": reg.first_name,
        "last_name": reg.last_name,
        "email": reg.email,
        "phone": reg.phone,
        "organisation": reg.organisation_label,
        "sector": reg.sector,
        "job_title": reg.job_title,
        "municipality": reg.municipality.name if reg.municipality_id else "",
        "written_standard": reg.language,
        "diets": reg.diets,
        "allergens": reg.allergens,
        "diet_other": reg.diet_other,
        "access_needs": reg.access_needs,
        "access_other": reg.access_other,
        "published_participant_list": reg.listed,
        "photos": reg.photos,
        "checked_in": reg.checked_in_at.isoformat() if reg.checked_in_at else None,
        "waiting_list_since": reg.waitlisted_at.isoformat() if reg.waitlisted_at else None,
        "offer_expires": reg.offer_expires_at.isoformat() if reg.offer_expires_at else None,
        "sessions": [
            {"session": signup.session.title, "state": signup.state}
            for signup in reg.signups.select_related("session").order_by("slot__start")
        ],
        "messages": [
            {
                "subject": message.subject,
                "state": message.state,
                "created": message.created_at.isoformat(),
                "sent": message.sent_at.isoformat() if message.sent_at else None,
            }
            for message in messages
        ],
    }


def erase_registration(registration: Registration, *, by=None, now=None) -> None:
    """The participant's right to erasure: cancel (places go to those waiting) and erase every
    personal detail; the row stays with its state, sector and municipality for anonymous counts.
    The old management link and ticket code stop working."""
    from conferences.models.registration import new_manage_token, new_ticket_code

    now = now or timezone.now()
    if registration.is_live:
        cancel_registration(registration, by=by, notify=False, now=now, deadline=False)
    with transaction.atomic():
        registration = Registration.objects.get(pk=registration.pk)
        _blank(registration, PERSONAL_FIELDS)
        registration.organisation = None
        registration.user = None
        registration.invitation = None
        registration.listed = registration.photos = False
        registration.manage_token = new_manage_token()
        registration.ticket_code = new_ticket_code()
        registration.erased_at = registration.needs_erased_at = now
        registration.save()
        messages = OutboxMessage.objects.filter(
            about_type__app_label="conferences",
            about_type__model="registration",
            about_id=registration.pk,
        ).exclude(state=MessageState.SENDING)
        message_ids = list(messages.values_list("pk", flat=True))
        messages.delete()
        # the log keeps its entries, without the person's name and address
        forget_object_names(OutboxMessage, message_ids)
        forget_object_names(Registration, [registration.pk])
        log_action(registration, "conferences.registration.erased", user=by)
    # the name badges hold the name too: they are made again without it when needed
    delete_badge_files(registration.conference, by=by)


def _blank(registration: Registration, names: list[str]) -> None:
    for name in names:
        setattr(registration, name, [] if name in LIST_FIELDS else "")


def erase_expired_data(now=None) -> dict[str, int]:
    """Celery beat: health details and the name badge files go
    ``REGISTRATION_HEALTH_RETENTION_DAYS`` after the conference's last day, whole registrations
    ``REGISTRATION_RETENTION_DAYS`` after it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    health_before = today - dt.timedelta(days=settings.REGISTRATION_HEALTH_RETENTION_DAYS)
    all_before = today - dt.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    health = Registration.objects.filter(
        conference__end_date__lt=health_before, needs_erased_at__isnull=True
    )
    erased_health = 0
    for conference in Conference.objects.filter(
        end_date__lt=health_before, badges__isnull=False
    ).distinct():
        delete_badge_files(conference)
    for registration in health.iterator():
        _blank(registration, HEALTH_FIELDS)
        registration.needs_erased_at = now
        registration.save(update_fields=[*HEALTH_FIELDS, "needs_erased_at"])
        log_action(registration, "conferences.registration.needs_erased")
        erased_health += 1
    erased = 0
    for registration in Registration.objects.filter(
        conference__end_date__lt=all_before, erased_at__isnull=True
    ).select_related("conference"):
        erase_registration(registration, now=now)
        erased += 1
    return {"health": erased_health, "registrations": erased}
