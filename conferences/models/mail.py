from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.enums import ContentLanguage, MailRole, MessageState
from conferences.models.core import Conference
from moteplass.i18n import localized


class MailTemplate(models.Model):
    """A conference's text for one kind of message, in bokmål, nynorsk and English."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="mail_templates",
    )
    role = models.CharField(_("kind of message"), max_length=40, choices=MailRole)
    subject_nb = models.CharField(_("subject (bokmål)"), max_length=200)
    subject_nn = models.CharField(_("subject (nynorsk)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_nb = models.TextField(_("text (bokmål)"))
    body_nn = models.TextField(_("text (nynorsk)"))
    body_en = models.TextField(_("text (English)"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        ordering = ["conference", "role"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "role"], name="mailtemplate_role_unique"),
            models.CheckConstraint(
                condition=Q(role__in=MailRole.values), name="mailtemplate_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} – {self.conference}"

    def subject_in(self, language: str) -> str:
        return localized(self, "subject", language)

    def body_in(self, language: str) -> str:
        return localized(self, "body", language)


class OutboxMessage(models.Model):
    """Every message the application sends. Written only by conferences.domain.mail."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox",
    )
    role = models.CharField(_("kind of message"), max_length=40, blank=True, choices=MailRole)
    to_email = models.EmailField(_("recipient's email address"))
    to_name = models.CharField(_("recipient's name"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    language = models.CharField(_("language"), max_length=2, choices=ContentLanguage)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    # one text attachment, frozen when the message is queued (a calendar file, for instance)
    attachment_name = models.CharField(_("attachment"), max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = models.TextField(blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=MessageState, default=MessageState.DRAFT
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("state changed"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=MessageState.values), name="outboxmessage_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state=MessageState.SENT) | Q(sent_at__isnull=False),
                name="outboxmessage_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "state_changed_at"], name="outbox_sweep_idx"),
            models.Index(fields=["about_type", "about_id"], name="outbox_about_idx"),
            models.Index(fields=["conference", "state"], name="outbox_conference_idx"),
            models.Index(fields=["conference", "role"], name="outbox_role_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email} ({self.get_state_display()})"

    @property
    def is_draft(self) -> bool:
        return self.state == MessageState.DRAFT


class FlaggedAddress(models.Model):
    """An address a mail server refused permanently. Nothing more is sent to it until cleared."""

    email = models.EmailField(_("email address"), unique=True)
    reason = models.TextField(_("reason"))
    flagged_at = models.DateTimeField(_("flagged"), default=timezone.now)

    class Meta:
        verbose_name = _("flagged address")
        verbose_name_plural = _("flagged addresses")
        ordering = ["-flagged_at"]

    def __str__(self):
        return self.email
