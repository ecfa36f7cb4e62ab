from conferences.models.core import Conference, ConferencePartner, Room, Session, Speaker
from conferences.models.invitations import Invitation
from conferences.models.mail import FlaggedAddress, MailTemplate, OutboxMessage

__all__ = [
    "Conference",
    "ConferencePartner",
    "FlaggedAddress",
    "Invitation",
    "MailTemplate",
    "OutboxMessage",
    "Room",
    "Session",
    "Speaker",
]
