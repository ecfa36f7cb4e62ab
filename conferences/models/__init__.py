from conferences.models.core import Conference, ConferencePartner, Room, Session, Speaker
from conferences.models.followup import Commitment, Priority, ReportFile, StatusUpdate
from conferences.models.invitations import Invitation
from conferences.models.mail import FlaggedAddress, MailTemplate, OutboxMessage
from conferences.models.registration import BadgeFile, Registration, SessionSignup
from conferences.models.review import ChangeRequest, Comment
from conferences.models.schedule import ProgrammeFile, ProgrammeVersion, TimeSlot

__all__ = [
    "BadgeFile",
    "ChangeRequest",
    "Commitment",
    "Comment",
    "Conference",
    "ConferencePartner",
    "FlaggedAddress",
    "Invitation",
    "MailTemplate",
    "OutboxMessage",
    "Priority",
    "ProgrammeFile",
    "ProgrammeVersion",
    "Registration",
    "ReportFile",
    "Room",
    "Session",
    "SessionSignup",
    "Speaker",
    "StatusUpdate",
    "TimeSlot",
]
