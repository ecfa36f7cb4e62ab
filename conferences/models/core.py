from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from conferences import rules as conference_rules
from conferences.enums import ConferenceStatus, ContentLanguage, SessionFormat, SessionState
from moteplass.i18n import localized
from partners.models import Organisation, User
from telemarksplanen.models import Goal, Plan

GUIDANCE_MAX = 4000
ABSTRACT_MAX = 3000
NEEDS_MAX = 1000


class Conference(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """An edition of Møteplass Telemark."""

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=300)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_conferences",
        help_text=_("The county authority whose advisers run this conference."),
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan in force"), on_delete=models.PROTECT, related_name="conferences"
    )
    goals_in_focus = models.ManyToManyField(
        Goal, verbose_name=_("main goals in focus"), related_name="focus_of_conferences", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConferenceStatus, default=ConferenceStatus.DRAFT
    )
    capacity = models.PositiveIntegerField(
        _("number of places"),
        default=200,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_changes_until = models.DateTimeField(
        _("participants may change or cancel until"),
        null=True,
        blank=True,
        help_text=_("Empty: until the conference starts."),
    )
    invitation_only = models.BooleanField(
        _("invitation only"),
        default=False,
        help_text=_("Only people with a personal invitation link can register."),
    )
    places_per_organisation = models.PositiveIntegerField(
        _("places per organisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Empty: no limit."),
    )
    places_per_municipality = models.PositiveIntegerField(
        _("places per municipality"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Empty: no limit."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a place from the waiting list"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(14 * 24)],
    )
    call_opens = models.DateTimeField(_("call for proposals opens"), null=True, blank=True)
    call_closes = models.DateTimeField(
        _("call for proposals closes"),
        null=True,
        blank=True,
        help_text=_("After this, partners can no longer submit new proposals."),
    )
    call_guidance_nb = models.TextField(
        _("guidance for proposals (bokmål)"), blank=True, max_length=GUIDANCE_MAX
    )
    call_guidance_nn = models.TextField(
        _("guidance for proposals (nynorsk)"), blank=True, max_length=GUIDANCE_MAX
    )
    call_guidance_en = models.TextField(
        _("guidance for proposals (English)"), blank=True, max_length=GUIDANCE_MAX
    )
    changes_lock = models.DateTimeField(
        _("partners' changes locked from"),
        null=True,
        blank=True,
        help_text=_("After this, partners cannot propose changes to accepted programme items."),
    )
    programme_shared = models.BooleanField(
        _("share the draft programme with partners"), default=False
    )
    followup_interval_days = models.PositiveSmallIntegerField(
        _("ask for a status update every (days)"),
        default=91,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text=_(
            "The responsible organisations are asked to update the status of their open "
            "commitments this often (91 days: quarterly)."
        ),
    )
    report_published_at = models.DateTimeField(
        _("follow-up report published"), null=True, blank=True, editable=False
    )
    report_published_by = models.ForeignKey(
        User,
        verbose_name=_("follow-up report published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="conference_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gt=F("registration_opens")),
                name="conference_registration_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ConferenceStatus.values), name="conference_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0), name="conference_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(call_opens__isnull=True)
                | Q(call_closes__isnull=True)
                | Q(call_closes__gt=F("call_opens")),
                name="conference_call_ordered",
            ),
        ]
        rules_permissions = {
            "view": conference_rules.can_view_conference_settings,
            "change": conference_rules.can_change_conference,
        }

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.start_date and self.year and self.start_date.year != self.year:
            errors["year"] = _("The year must be the year of the first day.")
        if (
            self.registration_closes
            and self.end_date
            and timezone.localdate(self.registration_closes) > self.end_date
        ):
            errors["registration_closes"] = _("Registration must close before the conference ends.")
        if self.call_opens and self.call_closes and self.call_closes <= self.call_opens:
            errors["call_closes"] = _("The call for proposals must close after it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def call_guidance(self) -> str:
        return localized(self, "call_guidance")

    def call_is_open(self, now=None) -> bool:
        """Partners may submit new proposals: the call has opened and not yet closed."""
        now = now or timezone.now()
        if self.call_opens is None or now < self.call_opens:
            return False
        return self.call_closes is None or now < self.call_closes

    def registration_is_open(self, now=None) -> bool:
        """New registrations are taken: registration has opened and not yet closed."""
        now = now or timezone.now()
        if self.registration_opens is None or now < self.registration_opens:
            return False
        return self.registration_closes is None or now < self.registration_closes

    def participants_may_change(self, now=None) -> bool:
        """Participants may still change or cancel their own registration."""
        now = now or timezone.now()
        if self.registration_changes_until is not None:
            return now < self.registration_changes_until
        start = timezone.make_aware(
            datetime.combine(self.start_date, time.min), timezone.get_default_timezone()
        )
        return now < start

    @property
    def report_is_published(self) -> bool:
        return self.report_published_at is not None

    def changes_locked(self, now=None) -> bool:
        """Partners may no longer propose changes to accepted items."""
        return self.changes_lock is not None and (now or timezone.now()) >= self.changes_lock


class Room(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    accessibility_nb = models.TextField(_("accessibility notes (bokmål)"), blank=True)
    accessibility_nn = models.TextField(_("accessibility notes (nynorsk)"), blank=True)
    accessibility_en = models.TextField(_("accessibility notes (English)"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=[MaxValueValidator(1000)]
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["conference", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                "conference",
                Lower("name"),
                name="room_name_unique",
                violation_error_message=_("This conference already has a room with that name."),
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="room_capacity_positive"),
        ]
        rules_permissions = {
            "view": conference_rules.can_view_conference_settings,
            "change": conference_rules.can_change_conference,
            "delete": conference_rules.can_change_conference,
        }

    def __str__(self):
        return self.name

    @property
    def accessibility(self) -> str:
        return localized(self, "accessibility")


class ConferencePartner(models.Model):
    """An organisation taking part in a conference edition."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="conference_partnerships",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["conference", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"], name="conferencepartner_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.conference}"


class Speaker(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True, max_length=1500)
    email = models.EmailField(_("email address"), blank=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_profiles",
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["conference", "name"]

    def __str__(self):
        return self.name


class Session(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A programme item (programpost). Content items serve at least one main goal."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), blank=True, max_length=ABSTRACT_MAX)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    needs = models.TextField(_("needs (room setup, equipment)"), blank=True, max_length=NEEDS_MAX)
    language = models.CharField(
        _("language"), max_length=2, choices=ContentLanguage, default=ContentLanguage.BOKMAL
    )
    format = models.CharField(_("format"), max_length=20, choices=SessionFormat)
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_sessions",
    )
    co_owners = models.ManyToManyField(
        Organisation,
        verbose_name=_("co-owner organisations"),
        related_name="co_owned_sessions",
        blank=True,
    )
    speakers = models.ManyToManyField(
        Speaker, verbose_name=_("speakers"), related_name="sessions", blank=True
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("main goals"), related_name="sessions", blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=SessionState, default=SessionState.DRAFT
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    start = models.DateTimeField(_("start"), null=True, blank=True)
    slot = models.ForeignKey(
        "conferences.TimeSlot",
        verbose_name=_("time slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    network = models.ForeignKey(
        "partners.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text=_("The network (fagnettverk) that runs this item, if any."),
    )
    all_rooms = models.BooleanField(
        _("spans all rooms"),
        default=False,
        help_text=_("A plenary item or a break that takes the whole time slot in every room."),
    )
    capacity = models.PositiveIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    expected_audience = models.PositiveIntegerField(
        _("expected audience"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_sessions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The key of the form that created the item: a second post of the same form (a double click)
    # finds the first item instead of creating another.
    creation_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["conference", "start", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(duration__gt=0), name="session_duration_positive"),
            models.CheckConstraint(
                condition=Q(format__in=SessionFormat.values), name="session_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=SessionState.values), name="session_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(room__isnull=True) | Q(start__isnull=False),
                name="session_room_needs_time",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(room__isnull=False),
                name="session_slot_needs_room",
            ),
            models.CheckConstraint(
                condition=Q(owner__isnull=False)
                | Q(format__in=sorted(SessionFormat.without_content())),
                name="session_content_has_owner",
            ),
            models.CheckConstraint(
                condition=Q(language__in=ContentLanguage.values), name="session_language_valid"
            ),
        ]
        # the review list's filters (state, format, owning partner) within a conference
        indexes = [
            models.Index(fields=["conference", "state"], name="session_state_idx"),
            models.Index(fields=["conference", "format"], name="session_format_idx"),
            models.Index(fields=["conference", "owner"], name="session_owner_idx"),
        ]
        rules_permissions = {
            "view": conference_rules.can_view_conference_settings,
            "change": conference_rules.can_change_conference,
        }

    def __str__(self):
        return self.title

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration) if self.start else None

    def clean(self):
        super().clean()
        errors = {}
        if self.room_id and self.conference_id and self.room.conference_id != self.conference_id:
            errors["room"] = _("The room belongs to another conference.")
        if self.slot_id and self.conference_id and self.slot.conference_id != self.conference_id:
            errors["slot"] = _("The time slot belongs to another conference.")
        if self.start and self.conference_id:
            day = timezone.localdate(self.start)
            if not self.conference.start_date <= day <= self.conference.end_date:
                errors["start"] = _("The start must be on one of the conference's days.")
        if errors:
            raise ValidationError(errors)
