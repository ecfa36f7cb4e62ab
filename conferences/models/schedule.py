"""The timetable and what is published of it: time slots, numbered programme versions and the
generated PDF files of each version."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from conferences.enums import ContentLanguage
from conferences.models.core import Conference
from conferences.models.files import GeneratedFile
from partners.models import User

VERSION_NOTE_MAX = 2000


class TimeSlot(models.Model):
    """A block of time on one conference day. Items in the same slot in different rooms are
    parallel sessions; a participant chooses one of them."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="slots"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["conference", "start", "end"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="timeslot_ordered"),
            models.UniqueConstraint(
                fields=["conference", "start", "end"],
                name="timeslot_unique",
                violation_error_message=_("This conference already has a time slot at that time."),
            ),
        ]

    def __str__(self):
        from django.utils import timezone

        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


class ProgrammeVersion(models.Model):
    """A published, numbered and frozen copy of the programme. The public sees only these."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="programme_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        User,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note to readers"), blank=True, max_length=VERSION_NOTE_MAX)
    snapshot = models.JSONField(_("programme"), default=dict)
    changes = models.JSONField(_("changes"), default=list)
    conflicts_confirmed = models.PositiveIntegerField(
        _("conflicts confirmed when publishing"), default=0
    )

    class Meta:
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        ordering = ["conference", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"], name="programmeversion_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gt=0), name="programmeversion_positive"),
        ]

    def __str__(self):
        return f"{self.conference} – {self.number}"


class ProgrammeFile(GeneratedFile):
    """A generated file of a programme version (the PDF programme in one language). Produced by
    a Celery task that owns the row (house style rules 10 and 12)."""

    version = models.ForeignKey(
        ProgrammeVersion,
        verbose_name=_("programme version"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    language = models.CharField(_("language"), max_length=2, choices=ContentLanguage)
    file = models.FileField(_("file"), upload_to="programmes/", blank=True)

    class Meta(GeneratedFile.Meta):
        verbose_name = _("programme file")
        verbose_name_plural = _("programme files")
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"], name="programmefile_one_per_language"
            ),
            *GeneratedFile.Meta.constraints,
        ]

    def __str__(self):
        return f"{self.version} ({self.language})"
