"""Next year's edition of a conference (house style rule 2).

:func:`copy_to_next_edition` makes a new draft conference from an earlier one: its settings, every
date-and-time setting moved by as many days as the conference moved, the goals in focus, rooms,
mail templates and partner list, and the open commitments of its follow-up, carried over (the
earlier ones stay as they are and point to their copy through ``carried_to``). Nothing about
people or the programme is copied: no sessions, speakers, time slots, programme versions, files,
registrations, sign-ups, invitations, messages, comments or change requests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from conferences.domain.followup import (
    COMMITMENT_TERMS,
    PRIORITY_FIELDS,
    set_commitment_state,
)
from conferences.domain.mail import ensure_default_templates
from conferences.enums import CommitmentState, ConferenceStatus
from conferences.models import (
    Commitment,
    Conference,
    ConferencePartner,
    MailTemplate,
    Priority,
    Room,
    StatusUpdate,
)
from conferences.queries.next_edition import open_commitments_to_carry
from moteplass.audit import log_action, log_actions
from telemarksplanen.models import Goal

# Copied as they are.
SETTINGS = [
    "venue",
    "description_nb",
    "description_nn",
    "description_en",
    "capacity",
    "invitation_only",
    "places_per_organisation",
    "places_per_municipality",
    "offer_hours",
    "call_guidance_nb",
    "call_guidance_nn",
    "call_guidance_en",
    "followup_interval_days",
]
# Moved by as many days as the conference moved.
MOVED = [
    "call_opens",
    "call_closes",
    "changes_lock",
    "registration_opens",
    "registration_closes",
    "registration_changes_until",
]
ROOM_COPY = [
    "name",
    "capacity",
    "accessibility_nb",
    "accessibility_nn",
    "accessibility_en",
    "order",
]
TEMPLATE_COPY = ["role", "subject_nb", "subject_nn", "subject_en", "body_nb", "body_nn", "body_en"]
PRIORITY_COPY = PRIORITY_FIELDS
COMMITMENT_COPY = [
    *COMMITMENT_TERMS,
    "state",
    "status_note",
    # the reminders already sent for this due date are not sent again
    "due_soon_reminded_for",
    "overdue_reminded_for",
    "update_requested_at",
]
# A year later on the same weekday: 52 weeks.
ONE_YEAR = dt.timedelta(days=364)


@dataclass
class CopySummary:
    """What ``copy_to_next_edition`` copied, and the moved settings it left empty (labels)."""

    rooms: int = 0
    templates: int = 0
    partners: int = 0
    priorities: int = 0
    commitments: int = 0
    dropped: list[str] = field(default_factory=list)


def suggested_dates(conference: Conference) -> tuple[dt.date, dt.date]:
    """The next edition's first and last day: 52 weeks later, so the same weekdays (53 weeks when
    52 would stay in the same year, e.g. for a conference on 1 January)."""
    shift = ONE_YEAR
    if (conference.start_date + shift).year == conference.year:
        shift += dt.timedelta(days=7)
    return conference.start_date + shift, conference.end_date + shift


def _next_year_text(text: str, year: int, separator: str) -> str:
    old, new = str(year), str(year + 1)
    return text.replace(old, new) if old in text else f"{text}{separator}{new}"


def suggested_title(conference: Conference) -> str:
    return _next_year_text(conference.title, conference.year, " ")


def suggested_slug(conference: Conference) -> str:
    return _next_year_text(conference.slug, conference.year, "-")[:100]


def _moved(value: dt.datetime | None, days: int) -> dt.datetime | None:
    """``value`` ``days`` later at the same local (Oslo) time of day."""
    if value is None:
        return None
    local = timezone.localtime(value).replace(tzinfo=None) + dt.timedelta(days=days)
    return timezone.make_aware(local)


def _check(conference: Conference, *, title, slug, start_date, end_date, plan) -> None:
    """The new edition's own facts: a ValidationError by field, before anything is written."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the new edition a title.")
    if not slug:
        errors["slug"] = _("Give the new edition a short name.")
    elif Conference.objects.filter(slug=slug).exists():
        errors["slug"] = _("Another conference already has the short name “%(slug)s”.") % {
            "slug": slug
        }
    if start_date is None:
        errors["start_date"] = _("Give the first day.")
    elif start_date <= conference.end_date:
        errors["start_date"] = _("The new edition must begin after this one ends (%(date)s).") % {
            "date": formats.date_format(conference.end_date, "j. F Y")
        }
    if end_date is None:
        errors["end_date"] = _("Give the last day.")
    elif start_date is not None and end_date < start_date:
        errors["end_date"] = _("The last day cannot be before the first day.")
    if plan is None:
        errors["plan"] = _("Choose the plan in force.")
    if errors:
        raise ValidationError(errors)


def _goals_in(plan, goals) -> list[Goal]:
    """The goals of ``plan`` with the same codes as ``goals``."""
    codes = {goal.code for goal in goals}
    if all(goal.focus_area.plan_id == plan.pk for goal in goals):
        return list(goals)
    return list(Goal.objects.filter(focus_area__plan=plan, code__in=codes))


@transaction.atomic
def copy_to_next_edition(
    conference: Conference, *, by, title: str, slug: str, start_date, end_date, plan=None
) -> Conference:
    """A new draft conference for the next year made from ``conference`` (see the module).
    Returns it with ``copy_summary`` (a :class:`CopySummary`). Raises ValidationError by field
    (title, slug, start_date, end_date, plan) and then creates nothing."""
    # one copy at a time: a commitment is carried over once
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    plan = plan or conference.plan
    title = (title or "").strip()
    _check(conference, title=title, slug=slug, start_date=start_date, end_date=end_date, plan=plan)
    days = (start_date - conference.start_date).days
    summary = CopySummary()
    new = Conference(
        title=title,
        slug=slug,
        year=start_date.year,
        start_date=start_date,
        end_date=end_date,
        organiser_id=conference.organiser_id,
        plan=plan,
        status=ConferenceStatus.DRAFT,
        programme_shared=False,
        **{name: getattr(conference, name) for name in SETTINGS},
        **{name: _moved(getattr(conference, name), days) for name in MOVED},
    )
    summary.dropped = _drop_invalid(new)
    new.full_clean()
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:  # the same short name taken a moment ago
        raise ValidationError(
            {
                "slug": _("Another conference already has the short name “%(slug)s”.")
                % {"slug": slug}
            }
        ) from None
    goals = list(conference.goals_in_focus.select_related("focus_area"))
    new.goals_in_focus.set(_goals_in(plan, goals))

    rooms = [
        Room(conference=new, **{name: getattr(room, name) for name in ROOM_COPY})
        for room in conference.rooms.order_by("order", "name", "pk")
    ]
    Room.objects.bulk_create(rooms)
    templates = [
        MailTemplate(conference=new, **{name: getattr(t, name) for name in TEMPLATE_COPY})
        for t in conference.mail_templates.order_by("role")
    ]
    MailTemplate.objects.bulk_create(templates)
    ensure_default_templates(new)  # a kind of message the earlier edition never had
    organisation_ids = list(
        conference.partners.order_by("organisation_id").values_list("organisation_id", flat=True)
    )
    ConferencePartner.objects.bulk_create(
        ConferencePartner(conference=new, organisation_id=pk) for pk in organisation_ids
    )
    summary.rooms, summary.partners = len(rooms), len(organisation_ids)
    summary.templates = new.mail_templates.count()
    summary.priorities, summary.commitments = _carry_over(conference, new, plan, by=by)

    data = {
        "rooms": summary.rooms,
        "templates": len(templates),
        "partners": summary.partners,
        "priorities": summary.priorities,
        "commitments": summary.commitments,
        "dropped": summary.dropped,
    }
    log_action(
        new, "conferences.conference.copied", user=by, data={"from": conference.slug, **data}
    )
    log_action(
        conference, "conferences.conference.next_edition", user=by, data={"to": slug, **data}
    )
    new.copy_summary = summary
    return new


def _drop_invalid(new: Conference) -> list[str]:
    """Leave empty the moved settings the new edition's own rules refuse (registration closing
    after a shorter conference has ended) or that would already have passed; return their labels."""
    now = timezone.now()
    dropped = []
    for name in MOVED:
        value = getattr(new, name)
        if value is None:
            continue
        past = value <= now
        too_late = name == "registration_closes" and timezone.localdate(value) > new.end_date
        if past or too_late:
            setattr(new, name, None)
            dropped.append(str(Conference._meta.get_field(name).verbose_name))
    return dropped


def _carry_over(old: Conference, new: Conference, plan, *, by) -> tuple[int, int]:
    """Copy the open commitments that have not been carried over yet, each under a copy of its
    priority. Returns (priorities, commitments) made."""
    commitments = list(
        open_commitments_to_carry(old)
        .select_related("priority")
        .prefetch_related("contributors", "priority__goals__focus_area")
        .order_by("priority__order", "priority_id", "due_date", "pk")
    )
    if not commitments:
        return 0, 0
    user = by if by is not None and by.is_authenticated else None
    now = timezone.now()
    priorities: dict[int, Priority] = {}
    for commitment in commitments:
        source = commitment.priority
        if source.pk in priorities:
            continue
        priority = Priority.objects.create(
            conference=new,
            carried_from=source,
            created_by=user,
            **{name: getattr(source, name) for name in PRIORITY_COPY},
        )
        priority.goals.set(_goals_in(plan, list(source.goals.all())))
        priorities[source.pk] = priority
    note = _("Carried over from %(conference)s.") % {"conference": old.title}
    copies = Commitment.objects.bulk_create(
        Commitment(
            priority=priorities[commitment.priority_id],
            carried_from=commitment,
            created_by=user,
            status_changed_at=now,
            status_changed_by=user,
            **{name: getattr(commitment, name) for name in COMMITMENT_COPY},
        )
        for commitment in commitments
    )
    through = Commitment.contributors.through
    through.objects.bulk_create(
        through(commitment_id=copy.pk, organisation_id=organisation.pk)
        for copy, commitment in zip(copies, commitments, strict=True)
        for organisation in commitment.contributors.all()
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            commitment=copy, from_state="", to_state=copy.state, note=note, by=user, at=now
        )
        for copy in copies
    )
    log_actions(
        [
            (
                copy,
                "conferences.commitment.carried_over",
                {"from": commitment.pk, "conference": old.slug},
            )
            for copy, commitment in zip(copies, commitments, strict=True)
        ],
        user=by,
    )
    # the old ones are closed here, through the transition function: followed up in the new one
    onward = _("Carried over to %(conference)s.") % {"conference": new.title}
    for copy, commitment in zip(copies, commitments, strict=True):
        set_commitment_state(
            commitment, CommitmentState.CARRIED, by=by, note=onward, carried_to=copy
        )
    return len(priorities), len(copies)
