"""Review of programme items: comments, internal notes and change requests after acceptance."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conferences.enums import ChangeRequestState
from conferences.models.core import Session
from partners.models import User

COMMENT_MAX = 3000


class Comment(models.Model):
    """A comment on a programme item. Internal notes are for the conference's advisers only."""

    session = models.ForeignKey(
        Session, verbose_name=_("programme item"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        User,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="session_comments",
    )
    text = models.TextField(_("comment"), max_length=COMMENT_MAX)
    internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Only the conference's advisers see internal notes."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["session", "created_at", "pk"]

    def __str__(self):
        return f"{self.session} – {self.created_at:%Y-%m-%d %H:%M}"


class ChangeRequest(models.Model):
    """A partner's change to an accepted programme item, waiting for an adviser's decision.

    ``proposed`` holds the new values of the changed fields (goal codes and speaker rows as plain
    JSON); ``original`` the values when the request was made, for the side-by-side view."""

    session = models.ForeignKey(
        Session,
        verbose_name=_("programme item"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ChangeRequestState, default=ChangeRequestState.OPEN
    )
    proposed = models.JSONField(_("proposed values"), default=dict)
    original = models.JSONField(_("values when asked"), default=dict)
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="change_requests",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decided_change_requests",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=COMMENT_MAX)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(state=ChangeRequestState.OPEN),
                name="changerequest_one_open_per_session",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ChangeRequestState.values), name="changerequest_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.session} ({self.get_state_display()})"
