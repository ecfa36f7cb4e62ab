"""What a conference decided and how it is followed up through the year: priorities
(prioriteringer) tied to hovedmål and sessions, and under each the commitments
(oppfølgingspunkter) of a responsible organisation or network, with a status history.

The state of a commitment changes only through
:func:`conferences.domain.followup.set_commitment_state`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from conferences import rules as conference_rules
from conferences.enums import CommitmentState, ContentLanguage
from conferences.models.core import Conference, Session
from conferences.models.files import GeneratedFile
from moteplass.i18n import LocalizedFieldsMixin
from partners.models import Network, Organisation, User
from telemarksplanen.models import Goal

TITLE_MAX = 300
DESCRIPTION_MAX = 4000
NOTE_MAX = 1000


class RecordedText(models.Model):
    """What a priority and a commitment both have: a title and a description in bokmål, nynorsk
    and English (a title in at least one written standard), and who recorded it when."""

    title_nb = models.CharField(_("title (bokmål)"), max_length=TITLE_MAX, blank=True)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=TITLE_MAX, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX, blank=True)
    description_nb = models.TextField(
        _("description (bokmål)"), blank=True, max_length=DESCRIPTION_MAX
    )
    description_nn = models.TextField(
        _("description (nynorsk)"), blank=True, max_length=DESCRIPTION_MAX
    )
    description_en = models.TextField(
        _("description (English)"), blank=True, max_length=DESCRIPTION_MAX
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    title_missing = ""  # the message for a missing title, set by each subclass

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_nb="") | ~Q(title_nn=""), name="%(class)s_has_title"
            ),
        ]

    def __str__(self):
        return self.title

    def title_errors(self) -> dict:
        if not (self.title_nb or "").strip() and not (self.title_nn or "").strip():
            return {"title_nb": self.title_missing}
        return {}


class Priority(LocalizedFieldsMixin, RulesModelMixin, RecordedText, metaclass=RulesModelBase):
    """A prioritering agreed at the conference for the coming year."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="priorities",
    )
    goals = models.ManyToManyField(Goal, verbose_name=_("main goals"), related_name="priorities")
    sessions = models.ManyToManyField(
        Session,
        verbose_name=_("discussed in the sessions"),
        related_name="priorities",
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

    title_missing = _("Give the priority a title in bokmål or nynorsk.")

    class Meta(RecordedText.Meta):
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["conference", "order", "pk"]
        rules_permissions = {
            "view": conference_rules.can_view_followup,
            "change": conference_rules.can_change_conference,
        }

    def clean(self):
        super().clean()
        if errors := self.title_errors():
            raise ValidationError(errors)


class Commitment(LocalizedFieldsMixin, RulesModelMixin, RecordedText, metaclass=RulesModelBase):
    """An oppfølgingspunkt: what one organisation or network will do for a priority, by when."""

    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    responsible_network = models.ForeignKey(
        Network,
        verbose_name=_("responsible network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    contributors = models.ManyToManyField(
        Organisation,
        verbose_name=_("contributing organisations"),
        related_name="contributing_to",
        blank=True,
    )
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("status"), max_length=20, choices=CommitmentState, default=CommitmentState.PLANNED
    )
    status_note = models.CharField(_("status note"), max_length=NOTE_MAX, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    status_changed_by = models.ForeignKey(
        User,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # reminders: each is sent once (for the due date it was about, or once per interval)
    due_soon_reminded_for = models.DateField(null=True, blank=True, editable=False)
    overdue_reminded_for = models.DateField(null=True, blank=True, editable=False)
    update_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

    title_missing = _("Give the commitment a title in bokmål or nynorsk.")

    class Meta(RecordedText.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["priority", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=CommitmentState.values), name="commitment_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(responsible_organisation__isnull=True)
                ^ Q(responsible_network__isnull=True),
                name="commitment_one_responsible",
            ),
            *RecordedText.Meta.constraints,
        ]
        indexes = [
            models.Index(fields=["state", "due_date"], name="commitment_due_idx"),
        ]
        rules_permissions = {
            "view": conference_rules.can_view_commitment,
            "change": conference_rules.can_update_commitment,
        }

    @property
    def conference(self):
        return self.priority.conference

    @property
    def responsible(self):
        """The responsible organisation or network."""
        return self.responsible_organisation or self.responsible_network

    @property
    def is_open(self) -> bool:
        return self.state in CommitmentState.open()

    def clean(self):
        super().clean()
        errors = self.title_errors()
        if self.responsible_organisation_id and self.responsible_network_id:
            errors["responsible_network"] = _(
                "Choose either a responsible organisation or a responsible network, not both."
            )
        elif not self.responsible_organisation_id and not self.responsible_network_id:
            errors["responsible_organisation"] = _(
                "Choose the organisation or the network that is responsible."
            )
        if errors:
            raise ValidationError(errors)


class StatusUpdate(models.Model):
    """One change of a commitment's status, with the short note that explains it."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    from_state = models.CharField(_("from"), max_length=20, choices=CommitmentState, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=CommitmentState)
    note = models.CharField(_("status note"), max_length=NOTE_MAX)
    by = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(_("on behalf of"), max_length=200, blank=True)
    at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["commitment", "-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_state__in=CommitmentState.values), name="statusupdate_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.commitment} → {self.get_to_state_display()}"


class ReportFile(GeneratedFile):
    """The follow-up report of a conference as a PDF in one language, made by a Celery task that
    owns the row (house style rules 10 and 12). Asked for again, it is made again from the
    priorities and commitments as they are then."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="report_files",
    )
    language = models.CharField(_("language"), max_length=2, choices=ContentLanguage)
    file = models.FileField(_("file"), upload_to="reports/", blank=True)

    class Meta(GeneratedFile.Meta):
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["conference", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "language"], name="reportfile_one_per_language"
            ),
            *GeneratedFile.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.conference} ({self.language})"
