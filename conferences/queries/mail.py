"""Read-side queries for mail templates and the outbox of one conference."""

from django.db.models import Count, Q

from conferences.enums import MessageState
from conferences.models import Conference, Invitation, MailTemplate, OutboxMessage


def templates_for(conference: Conference):
    return (
        MailTemplate.objects.filter(conference=conference)
        .select_related("conference")
        .order_by("role")
    )


def outbox_for(conference: Conference, *, state="", role="", q=""):
    messages = OutboxMessage.objects.filter(conference=conference)
    if state:
        messages = messages.filter(state=state)
    if role:
        messages = messages.filter(role=role)
    if q:
        messages = messages.filter(Q(to_email__icontains=q) | Q(to_name__icontains=q))
    return messages.order_by("-created_at", "-pk")


def drafts_for(conference: Conference, **filters):
    return outbox_for(conference, **{**filters, "state": MessageState.DRAFT})


def outbox_counts(conference: Conference) -> dict[str, int]:
    """Number of messages per state, with every state present (0 when none)."""
    rows = (
        OutboxMessage.objects.filter(conference=conference)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(MessageState.values, 0)
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def recipients_count(messages) -> int:
    return messages.order_by().values("to_email").distinct().count()


def invitations_for_preview(conference: Conference):
    """The conference's invitees, to preview a template for one of them."""
    return Invitation.objects.filter(conference=conference)
