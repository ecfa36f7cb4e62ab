"""What every generated file has in common (house style rules 10 and 12): a row owned by the
Celery task that makes the file, moved through its states only by conferences.domain.files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.enums import FileState


class GeneratedFile(models.Model):
    """A file made in the background: its state and progress, what came out (pages, size) or
    why it failed, who asked for it and when it was made. Subclasses add what the file is of and
    the ``file`` field itself (each kind has its own folder)."""

    state = models.CharField(_("state"), max_length=20, choices=FileState, default=FileState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=FileState.values), name="%(class)s_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(class)s_progress_percent"
            ),
        ]
