"""Follow-up of a conference (house style rule 2): the priorities it agreed, the commitments under
them, their status through the year and the reminders to the organisations responsible.

- :func:`save_priority` and :func:`save_commitment` record and edit (validated, logged).
- :func:`set_commitment_state` is the one transition function of a commitment: it checks who
  changes it and from which state, writes the new status with its note in one conditional UPDATE,
  keeps the note in the status history and logs it.
- The reminders to the responsible organisations are in conferences.domain.reminders.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from conferences.enums import CommitmentState
from conferences.models import Commitment, Conference, Priority, StatusUpdate
from moteplass.audit import diff, log_action, snapshot
from moteplass.transitions import move
from partners.models import Organisation
from partners.roles import capabilities

S = CommitmentState
# Between the states people choose every move is allowed: a done or dropped commitment can be
# reopened, and a note with the same state records progress ("still in progress: …"). An open
# commitment is carried over to the next edition (final: it is followed up there). What is refused
# is a move from a state the person did not see (``seen``), a move without a note, and a move by
# someone not responsible.
TRANSITIONS = {state: set(S.chosen()) for state in S.chosen()}
for _open in S.open():
    TRANSITIONS[_open].add(S.CARRIED)
TRANSITIONS[S.CARRIED] = set()

# the texts of a priority and a commitment (RecordedText)
TEXT_FIELDS = [
    "title_nb",
    "title_nn",
    "title_en",
    "description_nb",
    "description_nn",
    "description_en",
]
PRIORITY_FIELDS = [*TEXT_FIELDS, "order"]
# what a commitment is (its status changes only through set_commitment_state)
COMMITMENT_TERMS = [
    *TEXT_FIELDS,
    "responsible_organisation_id",
    "responsible_network_id",
    "due_date",
]
COMMITMENT_FIELDS = ["priority_id", *COMMITMENT_TERMS]
# what ``values`` may set besides the fields above (the related objects by name, and what is
# given once, when the row is made)
COMMITMENT_VALUES = {
    *COMMITMENT_FIELDS,
    "priority",
    "responsible_organisation",
    "responsible_network",
}
COMMITMENT_CREATE_VALUES = {"carried_from", "carried_from_id", "status_note"}
PRIORITY_CREATE_VALUES = {"carried_from", "carried_from_id"}


class FollowUpError(Exception):
    """A follow-up change that cannot be made, with a message for the person (and the form
    field it concerns, if any)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


def _user(by):
    return by if by is not None and by.is_authenticated else None


def _check_values(values: dict, allowed: set[str], kind: str) -> None:
    if "state" in values:
        raise ValueError("the state changes only through set_commitment_state")
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValueError(f"a {kind} has no editable field {', '.join(unknown)}")


def _validate(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise FollowUpError(messages[0], None if field == "__all__" else field) from error


def _ids(rows) -> list[int]:
    return sorted(row.pk for row in rows)


def _codes(goals) -> list[str]:
    return sorted(goal.code for goal in goals)


def _link_change(model, name: str, before: list, after: list) -> list[dict]:
    if before == after:
        return []
    label = str(model._meta.get_field(name).verbose_name)
    return [{"field": name, "label": label, "before": before, "after": after}]


# --- priorities ----------------------------------------------------------------------------------


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
    priority: Priority, *, by, values: dict, goals, sessions=None
) -> tuple[Priority, list[dict]]:
    """Record a new priority (``priority.pk`` is None; ``priority.conference`` set) or change one.
    ``values``: titles, descriptions, order (and ``carried_from`` when it is made); ``goals``: at
    least one hovedmål of the conference's plan; ``sessions``: where it was discussed (None: as
    they are). Returns the priority and the recorded changes ([] for a new one). On a
    :class:`FollowUpError` nothing is written."""
    creating = priority.pk is None
    _check_values(
        values, {*PRIORITY_FIELDS, *(PRIORITY_CREATE_VALUES if creating else ())}, "priority"
    )
    if not creating:
        priority = (
            Priority.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=priority.pk)
        )
    conference = priority.conference
    goals = list(goals)
    _check_goals(conference, goals)
    if sessions is not None:
        sessions = list(sessions)
        _check_sessions(conference, sessions)
    before = {} if creating else snapshot(priority, PRIORITY_FIELDS)
    goals_before = [] if creating else _codes(priority.goals.all())
    sessions_before = [] if creating else _ids(priority.sessions.all())
    for name, value in values.items():
        setattr(priority, name, value)
    if creating:
        priority.created_by = _user(by)
        if "order" not in values:
            priority.order = conference.priorities.count() + 1
    _validate(priority)
    priority.save()
    priority.goals.set(goals)
    if sessions is not None:
        priority.sessions.set(sessions)
    if creating:
        log_action(
            priority,
            "conferences.priority.create",
            user=by,
            data={
                "title": priority.title,
                "goals": _codes(goals),
                "sessions": _ids(sessions or ()),
            },
        )
        report_changed(priority.conference, by=by)
        return priority, []
    changes = diff(priority, before, snapshot(priority, PRIORITY_FIELDS))
    changes += _link_change(Priority, "goals", goals_before, _codes(goals))
    if sessions is not None:
        changes += _link_change(Priority, "sessions", sessions_before, _ids(sessions))
    if changes:
        log_action(priority, "conferences.priority.update", user=by, changes=changes)
        report_changed(priority.conference, by=by)
    return priority, changes


# --- commitments ---------------------------------------------------------------------------------


def _check_due_date(conference: Conference, due_date) -> None:
    if due_date is None:
        raise FollowUpError(_("Give the date the commitment is due."), "due_date")
    if due_date < conference.start_date:
        raise FollowUpError(
            _("The due date cannot be before the conference (%(date)s).")
            % {"date": formats.date_format(conference.start_date)},
            "due_date",
        )


@transaction.atomic
def save_commitment(
    commitment: Commitment, *, by, values: dict, contributors=None
) -> tuple[Commitment, list[dict]]:
    """Record a new commitment under its priority (``commitment.pk`` is None) or change one:
    exactly one responsible organisation or network, a due date from the conference on, and the
    contributing organisations (None: as they are; the responsible organisation is never one of
    them). The status is changed only by :func:`set_commitment_state` (``values`` with "state"
    raises ValueError). Returns the commitment and the recorded changes ([] for a new one). On a
    :class:`FollowUpError` nothing is written."""
    creating = commitment.pk is None
    allowed = COMMITMENT_VALUES | (COMMITMENT_CREATE_VALUES if creating else set())
    _check_values(values, allowed, "commitment")
    if not creating:
        commitment = (
            Commitment.objects.select_for_update(of=("self",))
            .select_related("priority__conference")
            .get(pk=commitment.pk)
        )
    before = {} if creating else snapshot(commitment, COMMITMENT_FIELDS)
    contributors_before = [] if creating else list(commitment.contributors.all())
    conference = None if creating else commitment.priority.conference
    for name, value in values.items():
        setattr(commitment, name, value)
    if creating:
        conference = commitment.priority.conference
    elif commitment.priority.conference_id != conference.pk:
        raise FollowUpError(_("Choose a priority of the same conference."), "priority")
    if creating or commitment.due_date != before["due_date"]:
        _check_due_date(conference, commitment.due_date)
    if creating:
        commitment.created_by = _user(by)
        commitment.status_changed_by = commitment.created_by
        commitment.status_changed_at = timezone.now()
    _validate(commitment)
    commitment.save()
    if contributors is None:
        contributors = contributors_before
    contributors = [
        organisation
        for organisation in {
            organisation.pk: organisation for organisation in contributors
        }.values()
        if organisation.pk != commitment.responsible_organisation_id
    ]
    commitment.contributors.set(contributors)
    if creating:
        StatusUpdate.objects.create(
            commitment=commitment,
            from_state="",
            to_state=commitment.state,
            note=commitment.status_note or _("Recorded at the conference."),
            by=commitment.created_by,
            at=commitment.status_changed_at,
        )
        log_action(
            commitment,
            "conferences.commitment.create",
            user=by,
            data={
                "title": commitment.title,
                "responsible": str(commitment.responsible),
                "due_date": commitment.due_date.isoformat(),
                "contributors": _ids(contributors),
            },
        )
        report_changed(commitment.priority.conference, by=by)
        return commitment, []
    changes = diff(commitment, before, snapshot(commitment, COMMITMENT_FIELDS))
    changes += _link_change(
        Commitment, "contributors", _ids(contributors_before), _ids(contributors)
    )
    if changes:
        log_action(commitment, "conferences.commitment.update", user=by, changes=changes)
        report_changed(commitment.priority.conference, by=by)
    return commitment, changes


def responsible_organisation(commitment: Commitment) -> Organisation | None:
    """Who answers for ``commitment``: the responsible organisation, or the network's
    coordinating organisation (None when the network has none)."""
    if commitment.responsible_organisation_id:
        return commitment.responsible_organisation
    return commitment.responsible_network.lead


def _on_behalf_of(commitment: Commitment, user) -> str:
    """The organisation a person changes a status for: the responsible one if they belong to it,
    else the conference's organiser if they advise it."""
    if user is None:
        return ""
    mine = capabilities(user)
    organisation = responsible_organisation(commitment)
    if organisation is not None and organisation.pk in mine.member_org_ids:
        return organisation.name
    conference = commitment.priority.conference
    if conference.organiser_id in mine.adviser_org_ids:
        return conference.organiser.name
    return ""


def _stale(current: Commitment) -> FollowUpError:
    return FollowUpError(
        _(
            "Someone else changed the status to “%(state)s” while you were writing. "
            "Read it and try again."
        )
        % {"state": current.get_state_display()},
        "state",
    )


@transaction.atomic
def set_commitment_state(
    commitment: Commitment,
    state: str,
    *,
    by,
    note: str,
    seen: str | None = None,
    organisation: Organisation | None = None,
    carried_to: Commitment | None = None,
) -> Commitment:
    """The one transition function of a commitment. ``carried_to``: the copy in the next edition
    (only with the state "carried", which nobody chooses; editions.copy_to_next_edition sets it).
    ``by``: who changes it (None: the system);
    a person must be allowed to (an adviser of the conference, or a member of the responsible
    organisation or of the network's coordinating organisation). ``note`` (required) says what
    happened; ``seen`` is the state the person saw: if someone else changed it meanwhile, nothing
    is written and they are told. ``organisation``: on whose behalf (shown in the history; by
    default the responsible organisation if they belong to it, else the organiser)."""
    current = (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("priority__conference__organiser", "responsible_organisation")
        .select_related("responsible_network__lead")
        .filter(pk=commitment.pk)
        .first()
    )
    if current is None:
        raise FollowUpError(_("This commitment no longer exists."))
    if current.state == S.CARRIED:
        raise FollowUpError(
            _("This commitment has been carried over to the next edition and is followed up there.")
        )
    if (state == S.CARRIED) != (carried_to is not None):
        raise FollowUpError(_("Choose one of the statuses."), "state")
    if by is not None and not by.has_perm("conferences.change_commitment", current):
        responsible = responsible_organisation(current)
        if responsible is None:
            raise FollowUpError(
                _("Only the conference's advisers can change the status of this commitment.")
            )
        raise FollowUpError(
            _(
                "Only the people of %(organisation)s and the conference's advisers can change "
                "the status of this commitment."
            )
            % {"organisation": responsible.name}
        )
    note = " ".join((note or "").split())
    if state not in S.values:
        raise FollowUpError(_("Choose one of the statuses."), "state")
    if not note:
        raise FollowUpError(_("Write a short note on what has happened."), "note")
    if len(note) > StatusUpdate._meta.get_field("note").max_length:
        raise FollowUpError(_("Keep the note to 1,000 characters or fewer."), "note")
    if seen is not None and current.state != seen:
        raise _stale(current)
    if state not in TRANSITIONS[current.state]:
        raise FollowUpError(_("Choose one of the statuses."), "state")
    previous = current.state
    now = timezone.now()
    user = _user(by)
    # the conditional UPDATE is the guard: from the state the person saw, else from any state
    transitions = {seen: {state}} if seen is not None else TRANSITIONS
    if not move(
        current,
        transitions,
        state,
        status_note=note,
        status_changed_at=now,
        status_changed_by=user,
        updated_at=now,
    ):
        current.refresh_from_db(fields=["state"])
        raise _stale(current)
    StatusUpdate.objects.create(
        commitment=current,
        from_state=previous,
        to_state=state,
        note=note,
        by=user,
        organisation_name=(
            organisation.name if organisation is not None else _on_behalf_of(current, user)
        ),
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
        data={"note": note, **({"carried_to": carried_to.pk} if carried_to is not None else {})},
    )
    report_changed(current.priority.conference, by=by)
    for name in ("state", "status_note", "status_changed_at", "status_changed_by", "updated_at"):
        setattr(commitment, name, getattr(current, name))
    return commitment


def report_changed(conference: Conference, *, by) -> None:
    """A published report's PDFs are made again after a change (conferences.domain.report)."""
    from conferences.domain.report import report_changed as remake

    remake(conference, by=by)


def open_commitments(conference: Conference):
    """The conference's commitments still to be followed up."""
    return Commitment.objects.filter(priority__conference=conference, state__in=S.open())
