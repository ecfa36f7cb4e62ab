"""Registrations of participants and their places in parallel sessions.

Written only by conferences.domain.registration; the state of either changes only through its one
transition function there.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.enums import BadgeLayout, RegistrationState, SignupState
from conferences.models.core import Conference, Session
from conferences.models.files import GeneratedFile
from conferences.models.invitations import Invitation
from conferences.models.schedule import TimeSlot
from partners.enums import Language, Sector
from partners.models import Municipality, Organisation

NAME_MAX = 150
FREE_TEXT_MAX = 500


def new_manage_token() -> str:
    """The secret of a participant's personal management link (256 bits)."""
    return secrets.token_urlsafe(32)


def new_ticket_code() -> str:
    """The code in the ticket's QR code: unguessable (128 bits), short enough to type."""
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """One person's registration for a conference. Personal data is erased after the conference
    (conferences.domain.personal_data); the row stays for anonymous counts."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    state = models.CharField(_("state"), max_length=12, choices=RegistrationState)
    first_name = models.CharField(_("first name"), max_length=NAME_MAX, blank=True)
    last_name = models.CharField(_("last name"), max_length=NAME_MAX, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector, blank=True)
    job_title = models.CharField(_("role or title"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    language = models.CharField(_("written standard"), max_length=2, choices=Language)
    diets = models.JSONField(_("diet"), default=list, blank=True)
    allergens = models.JSONField(_("allergies"), default=list, blank=True)
    diet_other = models.CharField(
        _("other dietary needs or allergies"), max_length=FREE_TEXT_MAX, blank=True
    )
    access_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    access_other = models.CharField(
        _("other accessibility needs"), max_length=FREE_TEXT_MAX, blank=True
    )
    listed = models.BooleanField(_("may appear on the published participant list"), default=False)
    photos = models.BooleanField(_("may appear in photos from the conference"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    manage_token = models.CharField(
        max_length=64, unique=True, default=new_manage_token, editable=False
    )
    ticket_code = models.CharField(
        max_length=32, unique=True, default=new_ticket_code, editable=False
    )
    # the key of the form that created the registration: a second post of the same form (a double
    # click, a reload) finds the first registration instead of making another
    creation_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    # order on the waiting list: when the person joined it
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_reason = models.CharField(
        _("reason for a place beyond capacity"), max_length=500, blank=True
    )
    needs_erased_at = models.DateTimeField(_("health details erased"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=RegistrationState.values), name="registration_state_valid"
            ),
            # one live registration per email address and conference
            models.UniqueConstraint(
                "conference",
                Lower("email"),
                condition=Q(state__in=RegistrationState.active()) & ~Q(email=""),
                name="registration_email_unique_active",
            ),
            models.CheckConstraint(
                condition=~Q(state=RegistrationState.OFFERED) | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=~Q(state=RegistrationState.CHECKED_IN) | Q(checked_in_at__isnull=False),
                name="registration_checked_in_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state=RegistrationState.WAITLISTED) | Q(waitlisted_at__isnull=False),
                name="registration_waitlisted_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["conference", "state"], name="registration_state_idx"),
            models.Index(
                fields=["conference", "state", "waitlisted_at"], name="registration_queue_idx"
            ),
            models.Index(fields=["conference", "organisation"], name="registration_org_idx"),
            models.Index(fields=["conference", "municipality"], name="registration_muni_idx"),
            models.Index(fields=["conference", "sector"], name="registration_sector_idx"),
            models.Index(fields=["state", "offer_expires_at"], name="registration_offer_idx"),
        ]

    def __str__(self):
        return self.full_name or str(_("Erased registration"))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def holds_place(self) -> bool:
        return self.state in RegistrationState.holding()

    @property
    def is_live(self) -> bool:
        return self.state in RegistrationState.active()

    @property
    def has_needs(self) -> bool:
        return bool(
            self.diets
            or self.allergens
            or self.diet_other
            or self.access_needs
            or self.access_other
        )


class SessionSignup(models.Model):
    """A registration's place (or waiting-list place) in one parallel session: one per time slot."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="signups"
    )
    slot = models.ForeignKey(
        TimeSlot, verbose_name=_("time slot"), on_delete=models.CASCADE, related_name="signups"
    )
    state = models.CharField(_("state"), max_length=12, choices=SignupState)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    # order on the session's waiting list
    queued_at = models.DateTimeField(_("joined the waiting list"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)

    class Meta:
        verbose_name = _("session sign-up")
        verbose_name_plural = _("session sign-ups")
        ordering = ["slot__start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=SignupState.values), name="signup_state_valid"
            ),
            models.UniqueConstraint(
                fields=["registration", "slot"],
                condition=Q(state__in=SignupState.active()),
                name="signup_one_per_slot",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "state", "queued_at"], name="signup_queue_idx"),
        ]

    def __str__(self):
        return f"{self.registration} – {self.session}"


class BadgeFile(GeneratedFile):
    """The name badges of a conference as a PDF in one layout. Produced by a Celery task that
    owns the row (house style rules 10 and 12); holds personal data, so it is deleted with the
    registrations."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="badges"
    )
    layout = models.CharField(_("layout"), max_length=10, choices=BadgeLayout)
    file = models.FileField(_("file"), upload_to="badges/", blank=True)
    badges = models.PositiveIntegerField(_("badges"), null=True, blank=True)

    class Meta(GeneratedFile.Meta):
        verbose_name = _("badge file")
        verbose_name_plural = _("badge files")
        ordering = ["conference", "layout"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "layout"], name="badgefile_one_per_layout"
            ),
            *GeneratedFile.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.conference} ({self.layout})"
