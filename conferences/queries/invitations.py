"""Read-side queries for the invitation list of one conference (house style rule 3).

The views check first that the user may manage the conference's mail (its advisers only); every
queryset here is limited to that one conference and already joins what its page shows.
"""

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from conferences.domain.invitations import invitations_with_message, reminder_candidates
from conferences.enums import InvitationAnswer, MailRole, MessageState
from conferences.models import Conference, Invitation, OutboxMessage
from partners.models import Municipality, Organisation
from partners.validators import is_link_token

# The invitation list's filter on the invitation message: its state, or that there is none yet.
NO_MESSAGE = "none"


def _about_invitation():
    """Outbox messages about the invitation of the outer query (the generic relation)."""
    return OutboxMessage.objects.filter(
        about_type__app_label="conferences",
        about_type__model="invitation",
        about_id=OuterRef("pk"),
    )


def _invitation_messages():
    return _about_invitation().filter(role=MailRole.INVITATION)


def invitations_for(conference: Conference):
    """Everyone on the conference's invitation list, with what the list and the person's page
    show: organisation and municipality (for the written standard), the user account, and the
    state of the newest invitation message (``message_state``, None when there is none)."""
    newest_state = _invitation_messages().order_by("-created_at", "-pk").values("state")[:1]
    return (
        Invitation.objects.filter(conference=conference)
        .select_related("organisation", "municipality", "user")
        .annotate(message_state=Subquery(newest_state))
        .order_by("last_name", "first_name", "pk")
    )


def filtered_invitations(conference: Conference, *, answer: str = "", message: str = ""):
    """The invitation list narrowed to one answer and/or one state of the invitation message."""
    invitations = invitations_for(conference)
    if answer:
        invitations = invitations.filter(answer=answer)
    if message == NO_MESSAGE:
        invitations = invitations.filter(message_state__isnull=True)
    elif message:
        invitations = invitations.filter(message_state=message)
    return invitations


def invitation_figures(conference: Conference) -> dict[str, int]:
    """The figures at the top of the invitation list, in one query.

    invited: everyone on the list; sent: an invitation message was sent; yes / no / pending: the
    answer; bounced: the invitation message failed (the mail server refused it, or it gave up).
    """
    messages = _invitation_messages()
    figures = (
        Invitation.objects.filter(conference=conference)
        .annotate(
            has_sent=Exists(messages.filter(state=MessageState.SENT)),
            has_failed=Exists(messages.filter(state=MessageState.FAILED)),
        )
        .aggregate(
            invited=Count("pk"),
            sent=Count("pk", filter=Q(has_sent=True)),
            yes=Count("pk", filter=Q(answer=InvitationAnswer.YES)),
            no=Count("pk", filter=Q(answer=InvitationAnswer.NO)),
            pending=Count("pk", filter=Q(answer=InvitationAnswer.PENDING)),
            bounced=Count("pk", filter=Q(has_failed=True)),
        )
    )
    return {name: value or 0 for name, value in figures.items()}


def invitees_without_invitation_count(conference: Conference) -> int:
    """How many people draft_invitations() would draft an invitation for right now."""
    return (
        invitations_with_message(conference, MailRole.INVITATION).filter(has_message=False).count()
    )


def reminder_count(conference: Conference) -> int:
    """How many people draft_reminders() would draft a reminder for right now."""
    return reminder_candidates(conference).count()


def invited_emails(conference: Conference) -> set[str]:
    """The addresses already on the list (lower case), for the import's duplicate check."""
    return {
        email.lower()
        for email in Invitation.objects.filter(conference=conference).values_list(
            "email", flat=True
        )
    }


def municipality_names(ids) -> dict[int, str]:
    """Names of the municipalities with the given ids (for the import preview)."""
    if not ids:
        return {}
    return dict(Municipality.objects.filter(pk__in=ids).values_list("pk", "name"))


def messages_for_invitation(invitation: Invitation):
    """Every outbox message of the invitation's conference to this person: about the invitation,
    or to their address. Newest first."""
    return (
        OutboxMessage.objects.filter(conference_id=invitation.conference_id)
        .filter(
            Q(
                about_type__app_label="conferences",
                about_type__model="invitation",
                about_id=invitation.pk,
            )
            | Q(to_email=invitation.email.lower())
        )
        .order_by("-created_at", "-pk")
    )


def partner_organisations(conference: Conference):
    """The conference's partner organisations with the number of members invite_members() would
    invite (``member_count``: active accounts)."""
    return (
        Organisation.objects.filter(conference_partnerships__conference=conference)
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__user__is_active=True), distinct=True
            )
        )
        .order_by("name", "pk")
    )


def invitation_by_token(token: str):
    """The invitation of a personal answer link, with its conference, or None."""
    if not is_link_token(token):
        return None
    return (
        Invitation.objects.filter(token=token)
        .select_related("conference", "organisation", "municipality", "user")
        .first()
    )
