import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from conferences.enums import InvitationAnswer
from conferences.models.core import Conference
from partners.enums import Language
from partners.models import Municipality, Organisation


def new_token() -> str:
    """An unguessable answer-link token (256 bits)."""
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A person invited to a conference, with a personal answer link. No account needed."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    language = models.CharField(_("written standard"), max_length=2, choices=Language, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answer = models.CharField(
        _("answer"), max_length=10, choices=InvitationAnswer, default=InvitationAnswer.PENDING
    )
    answer_reason = models.TextField(_("reason"), blank=True, max_length=1000)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "conference", Lower("email"), name="invitation_email_unique_per_conference"
            ),
            models.CheckConstraint(
                condition=Q(answer__in=InvitationAnswer.values), name="invitation_answer_valid"
            ),
            models.CheckConstraint(
                condition=Q(answer=InvitationAnswer.PENDING) | Q(answered_at__isnull=False),
                name="invitation_answer_has_time",
            ),
        ]
        # the invitation list's filter on the answer
        indexes = [models.Index(fields=["conference", "answer"], name="invitation_answer_idx")]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
