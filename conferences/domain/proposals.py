"""Partners' proposals: create, edit, change requests after acceptance, comments (house style 2).

A proposal's content is handled as one plain dict (``content_of``): the item's own fields, the
codes of its main goals, its speakers as rows, the ids of its co-owning organisations and the id
of the network that runs it (only when it has one: an item without a network has no "network"
key, as items had before networks could run them). The same
dict is what a change request stores, what the side-by-side view compares and what the history
records, so a change looks the same wherever it is shown.

The state of a proposal changes only through ``conferences.domain.sessions.set_session_state``; the
state of a change request only through ``set_change_request_state`` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from conferences.domain.sessions import notify_owners
from conferences.enums import ChangeRequestState, MailRole, SessionState
from conferences.models import ChangeRequest, Comment, Conference, Session, Speaker
from conferences.rules import is_conference_adviser
from conferences.validators import validate_goals_in_plan, validate_session_goals
from moteplass.audit import log_action
from partners.models import Network, Organisation
from telemarksplanen.models import Goal

FIELDS = ("title", "abstract", "format", "duration", "audience", "language", "needs")
SPEAKER_FIELDS = ("name", "title", "organisation", "email")
ORDER = (*FIELDS, "goals", "speakers", "co_owners", "network")


def in_order(names) -> list[str]:
    """``names`` of content fields in the form's order (a jsonb column does not keep key order)."""
    return [name for name in ORDER if name in names]


# After acceptance a partner's change to these becomes a change request; the rest (the audience,
# language, needs and the network that runs the item) applies at once.
REVIEWED = ("title", "abstract", "format", "duration", "goals", "speakers", "co_owners")
CR = ChangeRequestState
CHANGE_REQUEST_TRANSITIONS = {CR.OPEN: {CR.APPROVED, CR.REJECTED, CR.WITHDRAWN}}


class ChangeRequestError(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def content_of(session: Session) -> dict:
    """The content of ``session`` as plain JSON values."""
    content = {name: getattr(session, name) for name in FIELDS}
    content["goals"] = sorted(goal.code for goal in session.goals.all())
    content["speakers"] = [
        {name: getattr(speaker, name) for name in SPEAKER_FIELDS}
        for speaker in sorted(session.speakers.all(), key=lambda s: s.pk)
    ]
    content["co_owners"] = sorted(organisation.pk for organisation in session.co_owners.all())
    if session.network_id is not None:
        content["network"] = session.network_id
    return content


def normalise(content: dict) -> dict:
    """A content dict from a form in the shape of ``content_of`` (goal codes, speaker rows)."""
    result = {name: content[name] for name in FIELDS if name in content}
    if "goals" in content:
        result["goals"] = sorted(
            goal if isinstance(goal, str) else goal.code for goal in content["goals"]
        )
    if "speakers" in content:
        result["speakers"] = [
            {name: (row.get(name) or "").strip() for name in SPEAKER_FIELDS}
            for row in content["speakers"]
        ]
    if "co_owners" in content:
        result["co_owners"] = sorted(
            organisation if isinstance(organisation, int) else organisation.pk
            for organisation in content["co_owners"]
        )
    if "network" in content:
        network = content["network"]
        result["network"] = network.pk if isinstance(network, Network) else network
    return result


FIELD_LABELS = {
    "goals": _("main goals"),
    "speakers": _("speakers"),
    "co_owners": _("co-owner organisations"),
    "network": _("network"),
}


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    return str(Session._meta.get_field(name).verbose_name)


def speaker_line(row: dict) -> str:
    details = ", ".join(row[name] for name in ("title", "organisation", "email") if row.get(name))
    return f"{row['name']} ({details})" if details else row["name"]


def network_names(*contents: dict) -> dict[int, str]:
    """{id: name} of the networks ``contents`` name (one query, none when they name none)."""
    ids = {content.get("network") for content in contents} - {None}
    return dict(Network.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def readable(
    content: dict, names: dict[int, str] | None = None, networks: dict[int, str] | None = None
) -> dict:
    """``content`` for people: speakers as lines, co-owners by name (``names``: id → name, looked
    up with one query when not given), the network by name (``networks`` likewise)."""
    result = dict(content)
    if content.get("network") is not None:
        if networks is None:
            networks = network_names(content)
        result["network"] = networks.get(content["network"], str(content["network"]))
    if "speakers" in content:
        result["speakers"] = [speaker_line(row) for row in content["speakers"]]
    if "co_owners" in content:
        if names is None:
            names = dict(
                Organisation.objects.filter(pk__in=content["co_owners"]).values_list("pk", "name")
            )
        result["co_owners"] = sorted(names.get(pk, str(pk)) for pk in content["co_owners"])
    return result


def content_changes(before: dict, after: dict) -> list[dict]:
    """The rows of the fields whose value differs, readable, in the history's format."""
    # in the form's order: a JSON column (jsonb) does not keep the keys' order
    changed = [name for name in ORDER if name in after and before.get(name) != after[name]]
    ids = {pk for side in (before, after) for pk in side.get("co_owners", [])}
    names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    networks = network_names(before, after) if "network" in changed else {}
    old = readable({name: before.get(name) for name in changed if name in before}, names, networks)
    new = readable({name: after[name] for name in changed}, names, networks)
    return [
        {"field": name, "label": name, "before": old.get(name), "after": new[name]}
        for name in changed
    ]


def _check_text_lengths(obj: models.Model) -> None:
    """Model validation leaves out a TextField's ``max_length`` (only its form field checks it),
    so an oversized abstract or comment would pass ``full_clean``: check it here."""
    errors = {}
    for model_field in obj._meta.concrete_fields:
        if isinstance(model_field, models.TextField) and model_field.max_length:
            try:
                MaxLengthValidator(model_field.max_length)(getattr(obj, model_field.attname) or "")
            except ValidationError as error:
                errors[model_field.name] = error
    if errors:
        raise ValidationError(errors)


def _validate(session: Session, content: dict, goals: list[Goal]) -> None:
    for name in FIELDS:
        if name in content:
            setattr(session, name, content[name])
    if "network" in content:
        session.network_id = content["network"]
    session.full_clean(exclude=["conference", "owner", "room", "start", "capacity"])
    _check_text_lengths(session)
    validate_session_goals(session.format, goals)
    validate_goals_in_plan(goals, session.conference.plan)


def _goals(conference: Conference, codes) -> list[Goal]:
    goals = list(
        Goal.objects.filter(focus_area__plan=conference.plan, code__in=codes).select_related(
            "focus_area"
        )
    )
    if len(goals) != len(set(codes)):
        raise ValidationError(_("Choose main goals from the conference's plan."), code="goals")
    return goals


def _set_speakers(session: Session, rows: list[dict]) -> None:
    """Make the item's speakers match ``rows``. A speaker row may be shared with other items (of
    other organisations) or linked to an account, so rows are never edited in place: an unchanged
    speaker keeps its row, a changed or new one gets a new row, and rows no item uses any more
    (and no account holds) are deleted."""
    current = list(session.speakers.all().order_by("pk"))
    unused = {speaker.pk: speaker for speaker in current}
    keep = []
    for row in rows:
        values = {name: row.get(name, "") for name in SPEAKER_FIELDS}
        same = next(
            (
                speaker
                for speaker in unused.values()
                if all(getattr(speaker, name) == value for name, value in values.items())
            ),
            None,
        )
        if same is None:
            same = Speaker(conference=session.conference, **values)
            same.full_clean(exclude=["conference", "user"])
            same.save()
        else:
            del unused[same.pk]
        keep.append(same)
    session.speakers.set(keep)
    for speaker in unused.values():
        if not speaker.sessions.exists() and speaker.user_id is None:
            speaker.delete()


def _apply(session: Session, content: dict) -> list[dict]:
    """Write ``content`` (normalised) to ``session``; return the changed rows. Validates first:
    a ValidationError changes nothing (the caller's transaction rolls back)."""
    before = content_of(session)
    goals = (
        _goals(session.conference, content["goals"])
        if "goals" in content
        else list(session.goals.select_related("focus_area"))
    )
    _validate(session, content, goals)
    changes = content_changes(before, content)
    if not changes:
        return []
    session.save()
    if "goals" in content:
        session.goals.set(goals)
    if "speakers" in content:
        _set_speakers(session, content["speakers"])
    if "co_owners" in content:
        session.co_owners.set(
            Organisation.objects.filter(
                pk__in=content["co_owners"],
                conference_partnerships__conference=session.conference,
            ).exclude(pk=session.owner_id)
        )
    return changes


@transaction.atomic
def create_proposal(
    *, conference: Conference, owner: Organisation, by, content: dict, key=None
) -> tuple[Session, bool]:
    """A new draft proposal of ``owner``. ``key`` identifies the form: a second post of the same
    form returns the first proposal. Returns (proposal, created)."""
    if key is not None:
        existing = Session.objects.filter(creation_key=key, conference=conference).first()
        if existing is not None:
            return existing, False
    content = normalise(content)
    session = Session(
        conference=conference,
        owner=owner,
        created_by=by if getattr(by, "pk", None) else None,
        creation_key=key,
        state=SessionState.DRAFT,
        duration=content.get("duration") or 45,
        format=content.get("format", ""),
    )
    goals = _goals(conference, content.get("goals", []))
    _validate(session, content, goals)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        existing = Session.objects.filter(creation_key=key, conference=conference).first()
        if existing is None:
            raise
        return existing, False
    _apply(session, content)
    log_action(
        session,
        "conferences.session.create",
        user=by,
        changes=content_changes({}, content_of(session)),
    )
    return session, True


@dataclass
class EditResult:
    applied: list[dict]
    change_request: ChangeRequest | None = None


@transaction.atomic
def edit_proposal(session: Session, *, by, content: dict) -> EditResult:
    """Save a proposal's edited content. Advisers' edits and partners' edits before acceptance
    apply at once; a partner's change to the reviewed fields of an accepted item becomes (or
    updates) the item's open change request."""
    session = (
        Session.objects.select_for_update().select_related("conference__plan").get(pk=session.pk)
    )
    content = normalise(content)
    as_adviser = is_conference_adviser(by, session.conference)
    if session.state != SessionState.ACCEPTED or as_adviser:
        applied = _apply(session, content)
        if applied:
            log_action(session, "conferences.session.update", user=by, changes=applied)
        return EditResult(applied)
    if session.conference.changes_locked():
        raise ChangeRequestError(
            _("Changes to accepted programme items are locked. Contact the advisers.")
        )
    current = content_of(session)
    direct = {name: value for name, value in content.items() if name not in REVIEWED}
    reviewed = {name: value for name, value in content.items() if name in REVIEWED}
    applied = _apply(session, direct)
    if applied:
        log_action(session, "conferences.session.update", user=by, changes=applied)
    # validate the reviewed part now, so the partner hears about a problem before the adviser
    goals = _goals(session.conference, reviewed.get("goals", current["goals"]))
    probe = Session.objects.get(pk=session.pk)
    _validate(probe, reviewed, goals)
    wanted = {name: value for name, value in reviewed.items() if current.get(name) != value}
    change_request = session.change_requests.filter(state=CR.OPEN).first()
    if not wanted:
        if change_request is not None:
            set_change_request_state(change_request, CR.WITHDRAWN, by=by)
        return EditResult(applied)
    if change_request is None:
        change_request = ChangeRequest(session=session, requested_by=by)
    elif change_request.proposed == wanted:
        return EditResult(applied, change_request)
    change_request.proposed = wanted
    change_request.original = {name: current[name] for name in wanted}
    change_request.requested_by = by
    change_request.save()
    log_action(
        session,
        "conferences.session.change_requested",
        user=by,
        changes=content_changes(change_request.original, wanted),
        data={"change_request": change_request.pk},
    )
    return EditResult(applied, change_request)


DECISION_LABELS = {
    CR.APPROVED: _("approved"),
    CR.REJECTED: _("rejected"),
}


@transaction.atomic
def set_change_request_state(
    change_request: ChangeRequest, state: str, *, by, reason: str = ""
) -> ChangeRequest:
    """The one transition of a change request: an adviser approves (the change applies at once)
    or rejects it, or the partner withdraws it. Decisions are logged on the item and told to the
    owning partners through the outbox."""
    change_request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if state not in CHANGE_REQUEST_TRANSITIONS.get(change_request.state, set()):
        raise ChangeRequestError(_("This change request has already been dealt with."))
    session = (
        Session.objects.select_for_update()
        .select_related("conference__plan")
        .get(pk=change_request.session_id)
    )
    if state in DECISION_LABELS and not is_conference_adviser(by, session.conference):
        raise ChangeRequestError(_("Only the conference's advisers decide on change requests."))
    changes = []
    if state == CR.APPROVED:
        changes = _apply(session, change_request.proposed)
    change_request.state = state
    change_request.reason = reason
    change_request.decided_by = by if getattr(by, "pk", None) else None
    change_request.decided_at = timezone.now()
    change_request.save()
    log_action(
        session,
        f"conferences.session.change_{state}",
        user=by,
        changes=changes or None,
        data={"change_request": change_request.pk, **({"note": reason} if reason else {})},
    )
    if state in DECISION_LABELS:
        label = DECISION_LABELS[state]

        def decision(language):
            with override(language):
                return {"decision": str(label)}

        notify_owners(
            session, MailRole.CHANGE_REQUEST_DECIDED, reason=reason, by=by, extra=decision
        )
    return change_request


@transaction.atomic
def add_comment(session: Session, *, by, text: str, internal: bool = False) -> Comment:
    """A comment on ``session``. Only the conference's advisers write internal notes."""
    if internal and not is_conference_adviser(by, session.conference):
        raise ValidationError(_("Only advisers write internal notes."), code="internal")
    comment = Comment(session=session, author=by, text=text.strip(), internal=internal)
    comment.full_clean(exclude=["session", "author"])
    _check_text_lengths(comment)
    comment.save()
    # logged on the comment, not the item: the item's history is shown to its partner, and an
    # internal note must not show there even as an entry (the conference's log has both)
    log_action(
        comment,
        "conferences.comment.internal" if internal else "conferences.comment.add",
        user=by,
        data={"session": session.pk},
    )
    return comment
