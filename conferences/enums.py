from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("conference status", "Draft")
    PUBLISHED = "published", pgettext_lazy("conference status", "Published")
    ARCHIVED = "archived", pgettext_lazy("conference status", "Archived")


class SessionFormat(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    PARALLEL = "parallel", _("Parallel session")
    WORKSHOP = "workshop", _("Workshop")
    PANEL = "panel", _("Panel debate")
    BREAK = "break", pgettext_lazy("programme item", "Break")
    SOCIAL = "social", _("Social programme")

    @classmethod
    def without_content(cls) -> set[str]:
        """Formats that need no main goal: breaks and social items."""
        return {cls.BREAK, cls.SOCIAL}


class SessionState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("session state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("session state", "Submitted")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("session state", "Changes requested")
    ACCEPTED = "accepted", pgettext_lazy("session state", "Accepted")
    DECLINED = "declined", pgettext_lazy("session state", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("session state", "Withdrawn")


class ChangeRequestState(models.TextChoices):
    OPEN = "open", pgettext_lazy("change request state", "Waiting for an adviser")
    APPROVED = "approved", pgettext_lazy("change request state", "Approved")
    REJECTED = "rejected", pgettext_lazy("change request state", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("change request state", "Withdrawn")


class FileState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("file state", "Waiting")
    RUNNING = "running", pgettext_lazy("file state", "Being made")
    DONE = "done", pgettext_lazy("file state", "Ready")
    FAILED = "failed", pgettext_lazy("file state", "Failed")


class ConflictKind(models.TextChoices):
    """What can be wrong with the timetable."""

    ROOM = "room", _("Two items in one room at once")
    SPEAKER = "speaker", _("A speaker in two places at once")
    SLOT = "slot", _("Item does not fit its time slot")
    CAPACITY = "capacity", _("More people than the room holds")
    DAYS = "days", _("Item outside the conference days")


class ContentLanguage(models.TextChoices):
    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    ENGLISH = "en", _("English")


class MailRole(models.TextChoices):
    """What a mail template is for. Each conference has one template per role."""

    INVITATION = "invitation", _("Invitation")
    INVITATION_REMINDER = "invitation_reminder", _("Invitation reminder")
    REGISTRATION_CONFIRMATION = "registration_confirmation", _("Registration confirmation")
    WAITING_LIST_OFFER = "waiting_list_offer", _("Waiting list offer")
    PROPOSAL_RECEIVED = "proposal_received", _("Proposal received")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Proposal accepted")
    PROPOSAL_DECLINED = "proposal_declined", _("Proposal declined")
    PROPOSAL_CHANGES_REQUESTED = "proposal_changes_requested", _("Changes asked for")
    CHANGE_REQUEST_DECIDED = "change_request_decided", _("Change request decided")
    PROGRAMME_CHANGE = "programme_change", _("Programme change")
    REGISTRATION_WAITLISTED = "registration_waitlisted", _("Placed on the waiting list")
    SESSION_PLACE = "session_place", _("Place in a session")
    REGISTRATION_CANCELLED = "registration_cancelled", _("Registration cancelled")
    OFFER_EXPIRED = "offer_expired", _("Offered place expired")
    COMMITMENT_REMINDER = "commitment_reminder", _("Commitment reminder")


class MessageState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("message state", "Draft")
    QUEUED = "queued", pgettext_lazy("message state", "Queued")
    SENDING = "sending", pgettext_lazy("message state", "Sending")
    SENT = "sent", pgettext_lazy("message state", "Sent")
    FAILED = "failed", pgettext_lazy("message state", "Failed")


class InvitationAnswer(models.TextChoices):
    PENDING = "pending", pgettext_lazy("invitation answer", "Not answered")
    YES = "yes", pgettext_lazy("invitation answer", "Yes")
    NO = "no", pgettext_lazy("invitation answer", "No")


class RegistrationState(models.TextChoices):
    """Where a registration stands. Only conferences.domain.registration changes it."""

    WAITLISTED = "waitlisted", pgettext_lazy("registration state", "On the waiting list")
    OFFERED = "offered", pgettext_lazy("registration state", "Offered a place")
    CONFIRMED = "confirmed", pgettext_lazy("registration state", "Confirmed")
    CHECKED_IN = "checked_in", pgettext_lazy("registration state", "Checked in")
    CANCELLED = "cancelled", pgettext_lazy("registration state", "Cancelled")
    EXPIRED = "expired", pgettext_lazy("registration state", "Offer expired")

    @classmethod
    def holding(cls) -> list[str]:
        """States that take one of the conference's places (an open offer holds it)."""
        return [cls.OFFERED, cls.CONFIRMED, cls.CHECKED_IN]

    @classmethod
    def active(cls) -> list[str]:
        return [cls.WAITLISTED, *cls.holding()]


class SignupState(models.TextChoices):
    """A registration's place in one parallel session."""

    WANTED = "wanted", pgettext_lazy("signup state", "Wanted (waiting for a conference place)")
    WAITLISTED = "waitlisted", pgettext_lazy("signup state", "On the waiting list")
    CONFIRMED = "confirmed", pgettext_lazy("signup state", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("signup state", "Cancelled")

    @classmethod
    def active(cls) -> list[str]:
        return [cls.WANTED, cls.WAITLISTED, cls.CONFIRMED]


class Diet(models.TextChoices):
    VEGETARIAN = "vegetarian", _("Vegetarian")
    VEGAN = "vegan", _("Vegan")
    LACTOSE_FREE = "lactose_free", _("Lactose-free")
    GLUTEN_FREE = "gluten_free", _("Gluten-free")
    HALAL = "halal", _("Halal")
    NO_PORK = "no_pork", _("No pork")


class Allergen(models.TextChoices):
    """The 14 allergens that must be declared (matinformasjonsforskriften)."""

    GLUTEN = "gluten", _("Cereals containing gluten")
    CRUSTACEANS = "crustaceans", _("Crustaceans")
    EGG = "egg", _("Egg")
    FISH = "fish", _("Fish")
    PEANUTS = "peanuts", _("Peanuts")
    SOY = "soy", _("Soy")
    MILK = "milk", _("Milk (lactose)")
    NUTS = "nuts", _("Nuts")
    CELERY = "celery", _("Celery")
    MUSTARD = "mustard", _("Mustard")
    SESAME = "sesame", _("Sesame seeds")
    SULPHITES = "sulphites", _("Sulphites")
    LUPIN = "lupin", _("Lupin")
    MOLLUSCS = "molluscs", _("Molluscs")


class AccessNeed(models.TextChoices):
    COMPANION = "companion", _("I come with a companion")
    GUIDE_DOG = "guide_dog", _("Guide or service dog")
    WHEELCHAIR = "wheelchair", _("Wheelchair user")
    SIGN_INTERPRETER = "sign_interpreter", _("Sign-language interpreter")
    WRITING_INTERPRETER = "writing_interpreter", _("Writing interpreter")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    FRONT_SEAT = "front_seat", _("Seat near the front")


class BadgeLayout(models.TextChoices):
    SHEET = "sheet", _("A4 sheets, eight badges on each")
    SINGLE = "single", _("One badge per page")


class CommitmentState(models.TextChoices):
    """Where a commitment stands. Only conferences.domain.followup changes it."""

    PLANNED = "planned", pgettext_lazy("commitment state", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("commitment state", "In progress")
    DONE = "done", pgettext_lazy("commitment state", "Done")
    DROPPED = "dropped", pgettext_lazy("commitment state", "Dropped")
    # final: the commitment continues in the next edition (copy_to_next_edition), where it is
    # followed up; nobody chooses this state
    CARRIED = "carried", pgettext_lazy("commitment state", "Carried over to the next edition")

    @classmethod
    def open(cls) -> list[str]:
        """Still to be followed up: reminded, and carried over to the next edition."""
        return [cls.PLANNED, cls.IN_PROGRESS]

    @classmethod
    def chosen(cls) -> list[str]:
        """The states a person sets (with a note)."""
        return [cls.PLANNED, cls.IN_PROGRESS, cls.DONE, cls.DROPPED]
