from conferences.domain.mail import ensure_default_templates, queue_message
from conferences.models import Invitation


def invitation_with_draft(conference, *, email="ase@example.no"):
    """An invitee on the conference's list, and a drafted invitation to them in the outbox."""
    ensure_default_templates(conference)
    invitation = Invitation.objects.create(
        conference=conference, first_name="Åse", last_name="Bø", email=email
    )
    message = queue_message(
        to_email=email,
        to_name="Åse Bø",
        language="nn",
        subject="Invitasjon",
        body="Hei Åse",
        conference=conference,
        about=invitation,
        draft=True,
    )
    return invitation, message
