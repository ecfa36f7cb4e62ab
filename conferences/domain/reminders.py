"""Reminders of commitments (Celery beat, house style rules 8–11): the responsible organisations
are reminded of open commitments due soon or overdue, and asked for a status update at the
conference's interval; each reminder is sent once, through the outbox, in each recipient's written
standard. The commitments themselves change only in conferences.domain.followup."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from conferences.domain.followup import responsible_organisation
from conferences.enums import CommitmentState, MailRole
from conferences.models import Commitment
from moteplass.audit import log_actions
from moteplass.i18n import localized
from partners.enums import MembershipRole
from partners.models import Organisation

S = CommitmentState


DUE_SOON = "due_soon"
OVERDUE = "overdue"
UPDATE = "update"


def reminders_due(now=None, *, ids=None) -> dict[int, set[str]]:
    """{commitment id: the reminders it is due for}: open commitments of conferences that have
    begun — or carried over from an earlier edition, followed up from the moment they were carried
    (their new conference lies ahead) — with a responsible organisation (or a network with a
    coordinating organisation). ``ids``: only these commitments. (One carried over onward is no
    longer open: its state is "carried".)

    - due soon: due within FOLLOWUP_DUE_SOON_DAYS, not yet reminded for that due date;
    - overdue: due before today, not yet reminded for that due date;
    - update: the conference has ended (or the commitment was carried over), and neither a status
      change nor a request for one for the conference's interval.

    One query on the open commitments (the state of the (state, due date) index); the dates are
    compared here, as the update interval differs between conferences."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = today + dt.timedelta(days=settings.FOLLOWUP_DUE_SOON_DAYS)
    rows = (
        Commitment.objects.filter(state__in=S.open())
        .filter(Q(priority__conference__start_date__lte=today) | Q(carried_from__isnull=False))
        .filter(
            Q(responsible_organisation__isnull=False) | Q(responsible_network__lead__isnull=False)
        )
    )
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    due: dict[int, set[str]] = {}
    for (
        pk,
        due_date,
        soon_for,
        overdue_for,
        changed,
        requested,
        end,
        interval,
        carried,
    ) in rows.values_list(
        "pk",
        "due_date",
        "due_soon_reminded_for",
        "overdue_reminded_for",
        "status_changed_at",
        "update_requested_at",
        "priority__conference__end_date",
        "priority__conference__followup_interval_days",
        "carried_from_id",
    ):
        kinds = set()
        if due_date < today:
            if overdue_for != due_date:
                kinds.add(OVERDUE)
        elif due_date <= soon and soon_for != due_date:
            kinds.add(DUE_SOON)
        last = max(changed, requested) if requested else changed
        followed = today > end or carried is not None
        if followed and now - last >= dt.timedelta(days=interval):
            kinds.add(UPDATE)
        if kinds:
            due[pk] = kinds
    return due


def recipients(organisation: Organisation) -> list:
    """The people to remind: the organisation's active coordinators, or all its active members
    if it has none (``memberships__user`` prefetched)."""
    members = [
        membership
        for membership in organisation.memberships.all()
        if membership.user.is_active and membership.user.email
    ]
    coordinators = [m for m in members if m.role == MembershipRole.COORDINATOR]
    return sorted({m.user for m in (coordinators or members)}, key=lambda user: user.email)


def commitment_line(commitment: Commitment, kinds: set[str], language: str, today=None) -> str:
    """One commitment in a reminder, in ``language``: title (and network), status, due date, and
    the request for a status update when that is due."""
    today = today or timezone.localdate()
    with translation.override(language):
        date = formats.date_format(commitment.due_date)
        if commitment.due_date < today:
            when = _("overdue: the due date was %(date)s") % {"date": date}
        else:
            when = _("due %(date)s") % {"date": date}
        title = localized(commitment, "title", language)
        network = commitment.responsible_network
        who = f" ({network.name})" if network is not None else ""
        line = f"– {title}{who}: {commitment.get_state_display()}, {when}"
        if UPDATE in kinds:
            line += " – " + _("please tell us how it is going")
        return line


def send_reminders(now=None) -> int:
    """Remind the responsible organisations (Celery beat). One message per person, conference
    and organisation, listing all their commitments that need attention; each commitment's
    reminder is marked sent in the same transaction as the messages are queued, so it goes once.
    Nobody to remind (no active member): nothing is marked, so the reminder goes when someone
    joins. Returns the number of messages queued."""
    from conferences.domain.mail import (
        Outgoing,
        conference_values,
        queue_messages,
        recipient_language,
        render_template,
        template_for,
    )

    now = now or timezone.now()
    today = timezone.localdate(now)
    due = reminders_due(now)
    if not due:
        return 0
    commitments = (
        Commitment.objects.filter(pk__in=list(due))
        .select_related(
            "priority__conference",
            "responsible_organisation",
            "responsible_network__lead",
        )
        .prefetch_related(
            "responsible_organisation__memberships__user",
            "responsible_network__lead__memberships__user",
        )
        .order_by("due_date", "pk")
    )
    groups: dict[tuple[int, int], list[Commitment]] = defaultdict(list)
    organisations: dict[int, Organisation] = {}
    for commitment in commitments:
        organisation = responsible_organisation(commitment)
        organisations[organisation.pk] = organisation
        groups[(commitment.priority.conference_id, organisation.pk)].append(commitment)
    url = settings.SITE_URL + reverse("my_commitments")
    sent = 0
    for (_conference_id, organisation_id), items in groups.items():
        organisation = organisations[organisation_id]
        people = recipients(organisation)
        if not people:
            continue
        conference = items[0].priority.conference
        with transaction.atomic():
            # lock and re-check: of two runs at once, the second finds them reminded
            locked = set(
                Commitment.objects.select_for_update()
                .filter(pk__in=[c.pk for c in items])
                .values_list("pk", flat=True)
            )
            fresh = reminders_due(now, ids=locked)
            items = [c for c in items if c.pk in fresh]
            if not items:
                continue
            template = template_for(conference, MailRole.COMMITMENT_REMINDER)
            specs = []
            for user in people:
                language = recipient_language(
                    person_language=user.language, organisation=organisation
                )
                values = {
                    **conference_values(conference, language),
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "full_name": user.get_full_name(),
                    "organisation": organisation.name,
                    "commitments": "\n".join(
                        commitment_line(c, fresh[c.pk], language, today) for c in items
                    ),
                    "followup_url": url,
                }
                subject, body = render_template(template, language=language, values=values)
                specs.append(
                    Outgoing(
                        to_email=user.email,
                        to_name=user.get_full_name(),
                        language=language,
                        subject=subject,
                        body=body,
                        role=MailRole.COMMITMENT_REMINDER,
                        about=organisation,
                        user=user,
                    )
                )
            queue_messages(specs, conference=conference)
            sent += len(specs)
            for commitment in items:
                kinds = fresh[commitment.pk]
                fields = {}
                if OVERDUE in kinds:
                    fields["overdue_reminded_for"] = commitment.due_date
                if DUE_SOON in kinds:
                    fields["due_soon_reminded_for"] = commitment.due_date
                if UPDATE in kinds:
                    fields["update_requested_at"] = now
                Commitment.objects.filter(pk=commitment.pk).update(**fields)
            log_actions(
                [
                    (
                        commitment,
                        "conferences.commitment.reminded",
                        {
                            "kinds": sorted(fresh[commitment.pk]),
                            "organisation": organisation.name,
                            "recipients": len(specs),
                        },
                    )
                    for commitment in items
                ]
            )
    return sent
