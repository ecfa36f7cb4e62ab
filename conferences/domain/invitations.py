"""Invitation lists: import, invite partner members, draft invitations and reminders, answers."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from conferences.domain.mail import (
    Outgoing,
    conference_values,
    queue_messages,
    recipient_language,
    render_template,
    template_for,
)
from conferences.enums import InvitationAnswer, MailRole, MessageState
from conferences.models import Conference, Invitation, OutboxMessage
from moteplass.audit import log_action
from partners.models import Membership, Organisation, User


def answer_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation_answer", args=[invitation.token])


def invitation_language(invitation: Invitation) -> str:
    return recipient_language(
        person_language=invitation.language
        or (invitation.user.language if invitation.user else ""),
        organisation=invitation.organisation,
        municipality=invitation.municipality,
    )


@transaction.atomic
def create_invitations(conference: Conference, rows, *, by) -> list[Invitation]:
    """Invitations for clean import rows (conferences.imports.InviteeRow). Emails already invited
    to this conference are skipped; names of known organisations and users are linked."""
    invited = {e.lower() for e in conference.invitations.values_list("email", flat=True)}
    organisations = {o.name.lower(): o for o in Organisation.objects.all()}
    users = {u.email.lower(): u for u in User.objects.filter(email__in=[r.email for r in rows])}
    new = []
    for row in rows:
        if row.email in invited:
            continue
        invited.add(row.email)
        organisation = organisations.get(row.organisation.lower())
        new.append(
            Invitation(
                conference=conference,
                first_name=row.first_name,
                last_name=row.last_name,
                email=row.email,
                organisation=organisation,
                organisation_name=organisation.name if organisation else row.organisation,
                municipality_id=row.municipality_id,
                language=row.language,
                user=users.get(row.email),
            )
        )
    created = Invitation.objects.bulk_create(new, batch_size=500)
    log_action(conference, "conferences.invitations.import", user=by, data={"count": len(created)})
    return created


@transaction.atomic
def invite_members(conference: Conference, organisations, *, by) -> list[Invitation]:
    """Invite the members of the given (partner) organisations."""
    invited = {e.lower() for e in conference.invitations.values_list("email", flat=True)}
    memberships = (
        Membership.objects.filter(organisation__in=organisations, user__is_active=True)
        .select_related("user", "organisation__municipality")
        .order_by("organisation__name", "user__last_name")
    )
    new = []
    for membership in memberships:
        user = membership.user
        if user.email.lower() in invited:
            continue
        invited.add(user.email.lower())
        new.append(
            Invitation(
                conference=conference,
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email.lower(),
                organisation=membership.organisation,
                organisation_name=membership.organisation.name,
                municipality=membership.organisation.municipality,
                language=user.language,
                user=user,
            )
        )
    created = Invitation.objects.bulk_create(new, batch_size=500)
    log_action(conference, "conferences.invitations.members", user=by, data={"count": len(created)})
    return created


def _outgoing(invitation: Invitation, template, *, role: str, shared: dict) -> Outgoing:
    """The message for one invitee, rendered in their written standard. ``shared`` keeps the
    conference's values per language across a list (dates formatted once, not per invitee)."""
    language = invitation_language(invitation)
    if language not in shared:
        shared[language] = conference_values(invitation.conference, language)
    values = {
        **shared[language],
        "first_name": invitation.first_name,
        "last_name": invitation.last_name,
        "full_name": invitation.full_name,
        "answer_url": answer_url(invitation),
    }
    subject, body = render_template(template, language=language, values=values)
    return Outgoing(
        to_email=invitation.email,
        to_name=invitation.full_name,
        language=language,
        subject=subject,
        body=body,
        role=role,
        about=invitation,
        user=invitation.user,
    )


def _draft_all(conference: Conference, invitations, *, role: str, by) -> int:
    """Drafts of ``role`` for the given invitations, for advisers to review and send."""
    template = template_for(conference, role)
    shared = {}
    specs = [
        _outgoing(invitation, template, role=role, shared=shared) for invitation in invitations
    ]
    queue_messages(specs, conference=conference, by=by, draft=True)
    return len(specs)


def invitations_with_message(conference: Conference, role: str):
    """Annotate invitations with whether a message of ``role`` exists for them (any state)."""
    messages = OutboxMessage.objects.filter(
        conference=conference, role=role, about_id=OuterRef("pk"), about_type__model="invitation"
    )
    return conference.invitations.annotate(has_message=Exists(messages))


@transaction.atomic
def draft_invitations(conference: Conference, *, by) -> int:
    """Draft an invitation for everyone on the list who has none yet; advisers review and send."""
    pending = (
        invitations_with_message(conference, MailRole.INVITATION)
        .filter(has_message=False)
        .select_related("organisation", "municipality", "user", "conference")
    )
    return _draft_all(conference, pending, role=MailRole.INVITATION, by=by)


def reminder_candidates(conference: Conference):
    """Invited people who got their invitation, have not answered and have no reminder waiting."""
    sent = OutboxMessage.objects.filter(
        conference=conference,
        role=MailRole.INVITATION,
        state=MessageState.SENT,
        about_id=OuterRef("pk"),
        about_type__model="invitation",
    )
    waiting = OutboxMessage.objects.filter(
        conference=conference,
        role=MailRole.INVITATION_REMINDER,
        state__in=[MessageState.DRAFT, MessageState.QUEUED, MessageState.SENDING],
        about_id=OuterRef("pk"),
        about_type__model="invitation",
    )
    return (
        conference.invitations.filter(answer=InvitationAnswer.PENDING)
        .annotate(sent=Exists(sent), waiting=Exists(waiting))
        .filter(sent=True, waiting=False)
    )


@transaction.atomic
def draft_reminders(conference: Conference, *, by) -> int:
    candidates = reminder_candidates(conference).select_related(
        "organisation", "municipality", "user", "conference"
    )
    return _draft_all(conference, candidates, role=MailRole.INVITATION_REMINDER, by=by)


@transaction.atomic
def answer_invitation(invitation: Invitation, *, answer: str, reason: str = "") -> Invitation:
    """The one transition function for an invitation's answer."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    before = invitation.answer
    invitation.answer = answer
    invitation.answer_reason = reason.strip() if answer == InvitationAnswer.NO else ""
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answer", "answer_reason", "answered_at"])
    log_action(
        invitation,
        "conferences.invitation.answer",
        changes=[{"field": "answer", "label": "answer", "before": before, "after": answer}],
    )
    return invitation
