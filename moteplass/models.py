import contextlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActivityLog(models.Model):
    """One recorded change: who did what to which object, and the values before and after.

    Written only through :func:`moteplass.audit.log_action`.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    timestamp = models.DateTimeField(_("time"), default=timezone.now)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        ordering = ["-timestamp", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-timestamp"])]

    def __str__(self):
        return (
            f"{self.action} {self.content_type_id}:{self.object_id} {self.timestamp:%Y-%m-%d %H:%M}"
        )

    @property
    def changes(self) -> list[dict]:
        """[{"field": name, "label": verbose name, "before": …, "after": …}, …], the labels in
        the reader's language (the stored label is a fallback for fields that no longer exist)."""
        from django.core.exceptions import FieldDoesNotExist

        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        rows = []
        for row in self.data.get("changes", []):
            label = row.get("label", row.get("field", ""))
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist, KeyError):
                    label = model._meta.get_field(row["field"]).verbose_name
            rows.append({**row, "label": label})
        return rows
