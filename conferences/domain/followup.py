"""Follow-up of a conference (house style rule 2): the priorities it agreed, the commitments under
them, their status through the year and the reminders to the organisations responsible.

- :func:`save_priority` and :func:`save_commitment` record and edit (validated, logged).
- :func:`set_commitment_state` is the one transition function of a commitment: it checks the
  move, writes the new status with its note in one conditional UPDATE, keeps the note in the
  status history and logs it.
- :func:`send_reminders` (Celery beat) reminds the responsible organisations of commitments due
  soon or overdue, and asks for a status update at the conference's interval; each reminder is
  sent once, through the outbox, in each recipient's written standard.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from conferences.enums import CommitmentState, MailRole
from conferences.models import Commitment, Conference, Priority, StatusUpdate
from moteplass.audit import diff, log_action, snapshot
from moteplass.i18n import localized
from moteplass.transitions import move
from partners.enums import MembershipRole
from partners.models import Organisation

S = CommitmentState
# Every move is allowed except to the same state without a note; a done or dropped commitment can
# be reopened. A note with the same state records progress ("still in progress: …").
TRANSITIONS = {state: set(S.values) for state in S.values}

PRIORITY_FIELDS = [
    "title_nb",
    "title_nn",
    "title_en",
    "description_nb",
    "description_nn",
    "description_en",
    "order",
]
COMMITMENT_FIELDS = [
    "title_nb",
    "title_nn",
    "title_en",
    "description_nb",
    "description_nn",
    "description_en",
    "responsible_organisation_id",
    "responsible_network_id",
    "due_date",
]



class FollowUpError(Exception):
    """A follow-up change that cannot be made, with a message for the person (and the form
    field it concerns, if any)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


# --- priorities ----------------------------------------------------------------------------------


def _ids(rows) -> list[int]:
    return sorted(row.pk for row in rows)


def _check_goals(conference: Conference, goals) -> None:
    if not goals:
        raise FollowUpError(_("Choose at least one main goal the priority serves."), "goals")
    if any(goal.focus_area.plan_id != conference.plan_id for goal in goals):
        raise FollowUpError(_("Choose main goals of the conference's plan."), "goals")


def _check_sessions(conference: Conference, sessions) -> None:
    if any(session.conference_id != conference.pk for session in sessions):
        raise FollowUpError(_("Choose sessions of this conference."), "sessions")


@transaction.atomic
def save_priority(
    priority: Priority, *, by, values: dict, goals, sessions=()
) -> tuple[Priority, list[dict]]:
    """Record a new priority (``priority.pk`` is None) or change one. ``goals``: at least one
    hovedmål of the conference's plan; ``sessions``: where it was discussed. Returns the priority
    and the recorded changes."""
    conference = priority.conference
    goals, sessions = list(goals), list(sessions)
    _check_goals(conference, goals)
    _check_sessions(conference, sessions)
    creating = priority.pk is None
    if not creating:
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
    before = {} if creating else snapshot(priority, PRIORITY_FIELDS)
    links_before = (
        {}
        if creating
        else {"goals": _codes(priority.goals.all()), "sessions": _ids(priority.sessions.all())}
    )
    for name, value in values.items():
        setattr(priority, name, value)
    if creating:
        priority.created_by = by if by is not None and by.is_authenticated else None
        if "order" not in values:
            priority.order = conference.priorities.count() + 1
    _validate(priority)
    priority.save()
    priority.goals.set(goals)
    priority.sessions.set(sessions)
    if creating:
        log_action(
            priority,
            "conferences.priority.create",
            user=by,
            data={"title": priority.title, "goals": _codes(goals)},
        )
        return priority, []
    changes = diff(priority, before, snapshot(priority, PRIORITY_FIELDS))
    links_after = {"goals": _codes(goals), "sessions": _ids(sessions)}
    for name, old in links_before.items():
        if old != links_after[name]:
            label = str(Priority._meta.get_field(name).verbose_name)
            changes.append(
                {"field": name, "label": label, "before": old, "after": links_after[name]}
            )
    if changes:
        log_action(priority, "conferences.priority.update", user=by, changes=changes)
    return priority, changes


def _codes(goals) -> list[str]:
    return sorted(goal.code for goal in goals)


def _validate(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise FollowUpError(messages[0], None if field == "__all__" else field) from error


# --- commitments ---------------------------------------------------------------------------------


def _check_due_date(conference: Conference, due_date) -> None:
    if due_date is None:
        raise FollowUpError(_("Give the date the commitment is due."), "due_date")
    if due_date < conference.start_date:
        raise FollowUpError(
            _("The due date cannot be before the conference (%(date)s).")
            % {"date": formats.date_format(conference.start_date, "j. F Y")},
            "due_date",
        )


@transaction.atomic
def save_commitment(
    commitment: Commitment, *, by, values: dict, contributors=()
) -> tuple[Commitment, list[dict]]:
    """Record a new commitment under its priority (``commitment.pk`` is None) or change one:
    exactly one responsible organisation or network, a due date from the conference on, and the
    contributing organisations. The status is changed only by :func:`set_commitment_state`."""
    if "state" in values:
        raise ValueError("the state changes only through set_commitment_state")
    creating = commitment.pk is None
    if not creating:
        commitment = (
            Commitment.objects.select_for_update()
            .select_related("priority__conference")
            .get(pk=commitment.pk)
        )
    conference = commitment.priority.conference
    before = {} if creating else snapshot(commitment, COMMITMENT_FIELDS)
    contributors_before = [] if creating else _ids(commitment.contributors.all())
    for name, value in values.items():
        setattr(commitment, name, value)
    _check_due_date(conference, commitment.due_date)
    if creating:
        commitment.created_by = by if by is not None and by.is_authenticated else None
        commitment.status_changed_by = commitment.created_by
    _validate(commitment)
    commitment.save()
    contributors = [org for org in contributors if org.pk != commitment.responsible_organisation_id]
    commitment.contributors.set(contributors)
    if creating:
        StatusUpdate.objects.create(
            commitment=commitment,
            from_state="",
            to_state=commitment.state,
            note=commitment.status_note or _("Recorded at the conference."),
            by=commitment.created_by,
        )
        log_action(
            commitment,
            "conferences.commitment.create",
            user=by,
            data={"title": commitment.title, "responsible": str(commitment.responsible)},
        )
        return commitment, []
    changes = diff(commitment, before, snapshot(commitment, COMMITMENT_FIELDS))
    if contributors_before != _ids(contributors):
        changes.append(
            {
                "field": "contributors",
                "label": str(Commitment._meta.get_field("contributors").verbose_name),
                "before": contributors_before,
                "after": _ids(contributors),
            }
        )
    if changes:
        log_action(commitment, "conferences.commitment.update", user=by, changes=changes)
    return commitment, changes


@transaction.atomic
def set_commitment_state(
    commitment: Commitment,
    state: str,
    *,
    by,
    note: str,
    seen: str | None = None,
    organisation: Organisation | None = None,
) -> Commitment:
    """The one transition function of a commitment. ``note`` (required) says what happened;
    ``seen`` is the state the person saw: if someone else changed it meanwhile, nothing is
    written and they are told. ``organisation``: on whose behalf (shown in the history)."""
    note = " ".join((note or "").split())
    if state not in S.values:
        raise FollowUpError(_("Choose one of the statuses."), "state")
    if not note:
        raise FollowUpError(_("Write a short note on what has happened."), "note")
    if len(note) > StatusUpdate._meta.get_field("note").max_length:
        raise FollowUpError(_("Keep the note under 1,000 characters."), "note")
    current = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if seen is not None and current.state != seen:
        raise FollowUpError(
            _(
                "Someone else changed the status to “%(state)s” while you were writing. "
                "Read it and try again."
            )
            % {"state": current.get_state_display()},
            "state",
        )
    previous = current.state
    now = timezone.now()
    user = by if by is not None and by.is_authenticated else None
    if not move(
        current,
        TRANSITIONS,
        state,
        status_note=note,
        status_changed_at=now,
        status_changed_by=user,
        updated_at=now,
    ):
        raise FollowUpError(_("The status could not be changed. Try again."), "state")
    StatusUpdate.objects.create(
        commitment=current,
        from_state=previous,
        to_state=state,
        note=note,
        by=user,
        organisation_name=organisation.name if organisation is not None else "",
        at=now,
    )
    log_action(
        current,
        "conferences.commitment.status",
        user=by,
        changes=[
            {
                "field": "state",
                "label": str(Commitment._meta.get_field("state").verbose_name),
                "before": previous,
                "after": state,
            }
        ],
        data={"note": note},
    )
    for name in ("state", "status_note", "status_changed_at", "status_changed_by", "updated_at"):
        setattr(commitment, name, getattr(current, name))
    return commitment


# --- reminders -----------------------------------------------------------------------------------

DUE_SOON = "due_soon"
OVERDUE = "overdue"
UPDATE = "update"


def reminders_due(now=None) -> dict[int, set[str]]:
    """{commitment id: the reminders it is due for}: open commitments, not carried over to a later
    edition, of conferences that have begun, whose responsible party has someone to remind.

    - due soon: due within FOLLOWUP_DUE_SOON_DAYS, not yet reminded for that due date;
    - overdue: due before today, not yet reminded for that due date;
    - update: no status change and no request for the conference's interval (from the end of
      the conference on)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = today + dt.timedelta(days=settings.FOLLOWUP_DUE_SOON_DAYS)
    rows = (
        Commitment.objects.filter(
            state__in=S.open(),
            carried_to__isnull=True,
            priority__conference__start_date__lte=today,
        )
        .filter(
            Q(responsible_organisation__isnull=False) | Q(responsible_network__lead__isnull=False)
        )
        .values_list(
            "pk",
            "due_date",
            "due_soon_reminded_for",
            "overdue_reminded_for",
            "status_changed_at",
            "update_requested_at",
            "priority__conference__end_date",
            "priority__conference__followup_interval_days",
        )
    )
    due: dict[int, set[str]] = {}
    for pk, due_date, soon_for, overdue_for, changed, requested, end, interval in rows:
        kinds = set()
        if due_date < today:
            if overdue_for != due_date:
                kinds.add(OVERDUE)
        elif due_date <= soon and soon_for != due_date:
            kinds.add(DUE_SOON)
        last = max(changed, requested) if requested else changed
        if today > end and now - last >= dt.timedelta(days=interval):
            kinds.add(UPDATE)
        if kinds:
            due[pk] = kinds
    return due


def responsible_organisation(commitment: Commitment) -> Organisation | None:
    """Who answers for ``commitment``: the responsible organisation, or the network's
    coordinating organisation."""
    if commitment.responsible_organisation_id:
        return commitment.responsible_organisation
    return commitment.responsible_network.lead


def recipients(organisation: Organisation) -> list:
    """The people to remind: the organisation's coordinators, or all its members if it has no
    coordinator."""
    members = [
        membership
        for membership in organisation.memberships.all()
        if membership.user.is_active and membership.user.email
    ]
    coordinators = [m for m in members if m.role == MembershipRole.COORDINATOR]
    return [m.user for m in (coordinators or members)]


def commitment_line(commitment: Commitment, kinds: set[str], language: str) -> str:
    """One commitment in a reminder, in ``language``: title, due date, status and why."""
    with translation.override(language):
        due = formats.date_format(commitment.due_date, "j. F Y")
        if OVERDUE in kinds:
            why = _("overdue since %(date)s") % {"date": due}
        elif DUE_SOON in kinds:
            why = _("due %(date)s") % {"date": due}
        else:
            why = _("due %(date)s; please tell us how it is going") % {"date": due}
        title = localized(commitment, "title", language)
        network = commitment.responsible_network
        who = f" ({network.name})" if network is not None else ""
        return f"– {title}{who}: {commitment.get_state_display()}, {why}"


def send_reminders(now=None) -> int:
    """Remind the responsible organisations (Celery beat, daily). One message per person and
    conference listing all their commitments that need attention; each commitment's reminder is
    marked sent in the same transaction as the message is queued, so it goes once. Returns the
    number of messages queued."""
    from conferences.domain.mail import (
        Outgoing,
        conference_values,
        queue_messages,
        recipient_language,
        render_template,
        template_for,
    )

    now = now or timezone.now()
    due = reminders_due(now)
    if not due:
        return 0
    sent = 0
    commitments = (
        Commitment.objects.filter(pk__in=due)
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
    for (_conference_id, organisation_id), items in groups.items():
        organisation = organisations[organisation_id]
        conference = items[0].priority.conference
        with transaction.atomic():
            # lock and re-check: two beat runs at once must not both send
            locked = list(
                Commitment.objects.select_for_update().filter(pk__in=[c.pk for c in items])
            )
            fresh = reminders_due(now)
            items = [c for c in items if c.pk in fresh and c.pk in {row.pk for row in locked}]
            if not items:
                continue
            people = recipients(organisation)
            template = template_for(conference, MailRole.COMMITMENT_REMINDER)
            specs = []
            for user in people:
                language = recipient_language(person_language=user.language)
                values = {
                    **conference_values(conference, language),
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "full_name": user.get_full_name(),
                    "organisation": organisation.name,
                    "commitments": "\n".join(
                        commitment_line(c, fresh[c.pk], language) for c in items
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
                log_action(
                    commitment,
                    "conferences.commitment.reminded",
                    data={
                        "kinds": sorted(kinds),
                        "organisation": organisation.name,
                        "recipients": len(specs),
                    },
                )
    return sent


def open_commitments(conference: Conference):
    return Commitment.objects.filter(priority__conference=conference, state__in=S.open())
