from conferences.models.core import Conference, ConferencePartner, Room, Session, Speaker
from conferences.models.invitations import Invitation
from conferences.models.mail import FlaggedAddress, MailTemplate, OutboxMessage
from conferences.models.review import ChangeRequest, Comment
from conferences.models.schedule import ProgrammeFile, ProgrammeVersion, TimeSlot

__all__ = [
    "ChangeRequest",
    "Comment",
    "Conference",
    "ConferencePartner",
    "FlaggedAddress",
    "Invitation",
    "MailTemplate",
    "OutboxMessage",
    "ProgrammeFile",
    "ProgrammeVersion",
    "Room",
    "Session",
    "Speaker",
    "TimeSlot",
]
