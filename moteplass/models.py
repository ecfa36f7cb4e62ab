import contextlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

OBJECT_REPR_MAX = 200


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
    # The conference the object belongs to (None: the object belongs to no conference, e.g. an
    # organisation or a goal of the plan). Its log stays when a conference is deleted.
    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What the object was called when the entry was written, so the entry still reads well after
    # the object has been changed or deleted.
    object_repr = models.CharField(_("object"), max_length=OBJECT_REPR_MAX, blank=True)

    class Meta:
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-timestamp"]),
            # a conference's log, newest first, and narrowed to a person or a kind of object
            models.Index(fields=["conference", "-timestamp"], name="activitylog_conference_time"),
            models.Index(
                fields=["conference", "user", "-timestamp"], name="activitylog_conference_user"
            ),
            models.Index(
                fields=["conference", "content_type", "-timestamp"],
                name="activitylog_conference_kind",
            ),
        ]

    def __str__(self):
        return (
            f"{self.action} {self.content_type_id}:{self.object_id} {self.timestamp:%Y-%m-%d %H:%M}"
        )

    @property
    def object_model(self):
        """The model class of the object (None when the model no longer exists), without a query
        when the content type was loaded with the entry or is in ContentType's cache."""
        if ActivityLog.content_type.is_cached(self):
            return self.content_type.model_class()
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    @property
    def changes(self) -> list[dict]:
        """[{"field": name, "label": verbose name, "before": …, "after": …}, …], the labels in
        the reader's language (the stored label is a fallback for fields that no longer exist)."""
        from django.core.exceptions import FieldDoesNotExist

        model = self.object_model
        rows = []
        for row in self.data.get("changes", []):
            label = row.get("label", row.get("field", ""))
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist, KeyError):
                    label = model._meta.get_field(row["field"]).verbose_name
            rows.append({**row, "label": label})
        return rows


class TaskFailure(models.Model):
    """A background job (Celery task) that failed for good: after its retries, or with an error
    it does not retry. Recorded by moteplass.celery's ``task_failure`` handler; advisers see the
    recent ones on their dashboard, and the log line goes to the log collector."""

    task_name = models.CharField(_("job"), max_length=200)
    task_id = models.CharField(max_length=255, blank=True)
    failed_at = models.DateTimeField(_("failed at"), default=timezone.now, db_index=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("failed background job")
        verbose_name_plural = _("failed background jobs")
        ordering = ["-failed_at", "-pk"]

    def __str__(self):
        return f"{self.task_name} {self.failed_at:%Y-%m-%d %H:%M}"
