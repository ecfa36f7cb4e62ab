"""The lifecycle of a programme item (house style rule 2): one transition function.

    draft ──submit──▶ submitted ──accept──▶ accepted
      ▲                 │  │                  │
      └── (partner) ◀───┘  ├──ask for changes─▶ changes_requested ──resubmit──▶ submitted
                           └──decline──▶ declined
    draft / submitted / changes_requested / accepted ──withdraw──▶ withdrawn

Every transition is recorded (who, when, from, to, note). Decisions are told to the owning
organisations' members through the outbox, each in their own written standard.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.domain.mail import (
    Outgoing,
    conference_values,
    queue_messages,
    recipient_language,
    render_template,
    template_for,
)
from conferences.enums import MailRole, SessionState
from conferences.models import Session
from conferences.rules import is_conference_adviser
from conferences.validators import validate_goals_in_plan, validate_session_goals
from moteplass.audit import log_action
from partners.models import Membership

S = SessionState
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ACCEPTED, S.DECLINED, S.CHANGES_REQUESTED, S.WITHDRAWN, S.DRAFT},
    S.CHANGES_REQUESTED: {S.SUBMITTED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN, S.DECLINED},
    S.DECLINED: {S.SUBMITTED},
    S.WITHDRAWN: {S.DRAFT},
}
# Which message tells the owning partners about a new state.
NOTICES = {
    S.SUBMITTED: MailRole.PROPOSAL_RECEIVED,
    S.ACCEPTED: MailRole.PROPOSAL_ACCEPTED,
    S.DECLINED: MailRole.PROPOSAL_DECLINED,
    S.CHANGES_REQUESTED: MailRole.PROPOSAL_CHANGES_REQUESTED,
}
# Submitting these counts as a new proposal: partners may do it only while the call is open.
NEW_SUBMISSION_FROM = {S.DRAFT, S.DECLINED}


class InvalidSessionTransition(Exception):
    def __init__(self, current: str, wanted: str):
        self.current, self.wanted = current, wanted
        super().__init__(f"{current} → {wanted}")

    @property
    def message(self) -> str:
        if self.current == self.wanted == S.SUBMITTED:
            return _("The proposal has already been submitted.")
        return _("A programme item in this state cannot be moved to that state.")


class CallClosed(InvalidSessionTransition):
    @property
    def message(self) -> str:
        return _("The call for proposals is not open, so new proposals cannot be submitted.")


def proposal_url(session: Session) -> str:
    return settings.SITE_URL + reverse(
        "proposal_detail", args=[session.conference.slug, session.pk]
    )


def allowed_states(session: Session) -> set[str]:
    return set(TRANSITIONS[session.state])


@transaction.atomic
def set_session_state(
    session: Session, state: str, *, by, note: str = "", notify: bool = True
) -> Session:
    """Move ``session`` to ``state``: check the transition and the goal rule, record it, and tell
    the owning organisations (unless ``notify`` is off, e.g. for seeded demo data)."""
    session = (
        Session.objects.select_for_update().select_related("conference__plan").get(pk=session.pk)
    )
    if state not in TRANSITIONS[session.state]:
        raise InvalidSessionTransition(session.state, state)
    if (
        state == S.SUBMITTED
        and session.state in NEW_SUBMISSION_FROM
        and not is_conference_adviser(by, session.conference)
        and not session.conference.call_is_open()
    ):
        raise CallClosed(session.state, state)
    if state in {S.SUBMITTED, S.ACCEPTED}:
        goals = list(session.goals.select_related("focus_area"))
        validate_session_goals(session.format, goals)
        validate_goals_in_plan(goals, session.conference.plan)
    before = session.state
    session.state = state
    fields = ["state", "updated_at"]
    if state == S.SUBMITTED:
        session.submitted_at = timezone.now()
        fields.append("submitted_at")
    session.save(update_fields=fields)
    log_action(
        session,
        "conferences.session.state",
        user=by,
        changes=[{"field": "state", "label": "state", "before": before, "after": state}],
        data={"note": note} if note else None,
    )
    if before == S.ACCEPTED:
        # a change to an item that is no longer accepted has nothing left to apply to, and it
        # leaves the timetable
        from conferences.domain.proposals import set_change_request_state
        from conferences.domain.schedule import clear_placement

        clear_placement(session, by=by)

        for change_request in session.change_requests.filter(state="open"):
            set_change_request_state(change_request, "withdrawn", by=by)
    if notify and state in NOTICES and session.owner_id:
        notify_owners(session, NOTICES[state], reason=note, by=by)
    return session


def notify_owners(session: Session, role: str, *, reason: str, by, extra=None) -> int:
    """One message to each member of the owning and co-owning organisations, in the member's
    written standard, through the outbox (queued after commit). ``extra(language)`` may add
    placeholder values that depend on the recipient's language."""
    conference = session.conference
    template = template_for(conference, role)
    # only organisations still taking part in the conference hear about the item
    partners = set(conference.partners.values_list("organisation_id", flat=True))
    organisations = [
        pk
        for pk in [session.owner_id, *session.co_owners.values_list("pk", flat=True)]
        if pk in partners
    ]
    members = (
        Membership.objects.filter(organisation_id__in=organisations, user__is_active=True)
        .select_related("user", "organisation__municipality")
        .order_by("user__email")
    )
    specs, seen = [], set()
    for membership in members:
        user = membership.user
        if user.email in seen:
            continue
        seen.add(user.email)
        language = recipient_language(person_language=user.language)
        values = {
            **conference_values(conference, language),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "full_name": user.get_full_name(),
            "session": session.title,
            "organisation": membership.organisation.name,
            "reason": reason,
            "proposal_url": proposal_url(session),
            **(extra(language) if extra else {}),
        }
        subject, body = render_template(template, language=language, values=values)
        specs.append(
            Outgoing(
                to_email=user.email,
                to_name=user.get_full_name(),
                language=language,
                subject=subject,
                body=body,
                role=role,
                about=session,
                user=user,
            )
        )
    queue_messages(specs, conference=conference, by=by)
    return len(specs)
