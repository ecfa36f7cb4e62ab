"""Reused labels of the conferences app (house style rule 15)."""

from django.utils.translation import gettext_lazy as _

from conferences.enums import ContentLanguage, SessionFormat, SessionState

ACTION_LABELS = {
    "conferences.conference.create": _("Created the conference"),
    "conferences.conference.update": _("Changed the conference"),
    "conferences.room.create": _("Added a room"),
    "conferences.room.update": _("Changed a room"),
    "conferences.room.delete": _("Deleted a room"),
    "conferences.partner.add": _("Added partners"),
    "conferences.partner.remove": _("Removed a partner"),
    "conferences.mailtemplate.update": _("Changed the mail template"),
    "conferences.message.queued": _("Queued messages for sending"),
    "conferences.message.edit": _("Edited the draft"),
    "conferences.message.discard": _("Discarded a draft"),
    "conferences.invitations.import": _("Imported invitees"),
    "conferences.invitations.members": _("Invited members of partner organisations"),
    "conferences.invitation.answer": _("Answered the invitation"),
    "conferences.session.state": _("Changed the state of the programme item"),
    "conferences.session.create": _("Created the proposal"),
    "conferences.session.update": _("Changed the proposal"),
    "conferences.session.change_requested": _("Asked for a change to the accepted item"),
    "conferences.session.change_approved": _("Approved the change request"),
    "conferences.session.change_rejected": _("Rejected the change request"),
    "conferences.session.change_withdrawn": _("Withdrew the change request"),
    "conferences.session.place": _("Placed the item in the timetable"),
    "conferences.session.unplace": _("Took the item out of the timetable"),
    "conferences.slot.add": _("Added a time slot"),
    "conferences.slot.delete": _("Deleted a time slot"),
    "conferences.programme.publish": _("Published a version of the programme"),
    "conferences.programme.pdf": _("Asked for the PDF programme"),
    "conferences.programme.pdf.done": _("The PDF programme was made"),
    "conferences.programme.pdf.failed": _("The PDF programme could not be made"),
    "conferences.registration.waitlisted": _("Put on the waiting list"),
    "conferences.registration.offered": _("Offered a place"),
    "conferences.registration.confirmed": _("Got a confirmed place"),
    "conferences.registration.checked_in": _("Checked in"),
    "conferences.registration.cancelled": _("Cancelled the registration"),
    "conferences.registration.expired": _("The offer expired"),
    "conferences.registration.details": _("Changed the details"),
    "conferences.registration.erased": _("Erased the personal data"),
    "conferences.registration.needs_erased": _("Erased the health details"),
    "conferences.signup.wanted": _("Wants a session once a place is free"),
    "conferences.signup.waitlisted": _("Put on a session's waiting list"),
    "conferences.signup.confirmed": _("Got a place in a session"),
    "conferences.signup.cancelled": _("Left a session"),
    "conferences.badges": _("Asked for the name badges"),
    "conferences.badges.done": _("The name badges were made"),
    "conferences.badges.failed": _("The name badges could not be made"),
    "conferences.badges.deleted": _("Deleted the name badge files"),
}

# Labels of a programme item's choice fields, for recorded values shown to people.
CHOICE_LABELS = {
    "state": dict(SessionState.choices),
    "format": dict(SessionFormat.choices),
    "language": dict(ContentLanguage.choices),
}
