"""Generated files (house style rules 10 and 12): one mechanism for every PDF a Celery task makes
into a row of its own — the programme (ProgrammeFile), the name badges (BadgeFile) and the
follow-up report (ReportFile).

A :class:`FileJob` describes one kind of file: its model, the Celery task that makes it, how to
render it, what to call the stored file and what to record in the log. Each kind's module makes
one instance and exposes its methods under its own names (``request_badges``,
``make_programme_pdf`` …). The row owns the job:

- **request** locks the row (one per unique lookup, e.g. conference and language) and queues it,
  unless a job is in flight for it (queued or running, and not stuck); a ready file is made
  again from the current data (``remake_done``) or kept (the programme of a version never
  changes). The job is handed to Celery after the commit.
- **start** hands the job to Celery; with the broker down the row stays queued and the request
  still succeeds.
- **sweep** (Celery beat) hands over again rows queued longer than :data:`QUEUED_GRACE` (the
  broker was down) and rows running so long that their worker must have died.
- **make** (the task) locks the row, moves it queued → running, renders, stores the file and moves
  it to done, or to failed with the error (a render past ``PDF_RENDER_TIME_LIMIT`` gets the
  kind's own message). A row that is not queued is left alone; a row gone or taken over while
  rendering keeps no stray copy of the file.
- **set_state** is the one transition function of a file row: it moves the row only along
  ``transitions`` in one conditional UPDATE (a worker and the sweeper cannot both win) and logs
  a finished or failed file.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from conferences.enums import FileState
from moteplass.audit import log_action
from moteplass.transitions import move

logger = logging.getLogger(__name__)

F = FileState
# A job waits this long for a worker before the sweeper hands it over again.
QUEUED_GRACE = dt.timedelta(minutes=2)

# queued → running → done / failed; asked again: failed → queued, and a stuck job (the sweeper)
# → queued. A file that is made again from current data also goes done → queued.
REMADE = {
    F.QUEUED: {F.RUNNING, F.QUEUED},
    F.RUNNING: {F.DONE, F.FAILED, F.QUEUED},
    F.FAILED: {F.QUEUED},
    F.DONE: {F.QUEUED},
}
# … while a file that can never change (a published programme version) stays done.
FINAL = {**REMADE, F.DONE: set()}

# What a row queued again starts from.
FRESH = {
    "progress": 0,
    "error": "",
    "started_at": None,
    "finished_at": None,
    "file": "",
    "pages": None,
    "size": None,
}


def is_stuck(row: models.Model, now=None) -> bool:
    """The row's job has taken so long (twice the render limit and a minute) that its worker must
    have died."""
    limit = getattr(settings, "PDF_RENDER_TIME_LIMIT", 60)
    started = row.started_at or row.requested_at
    return (now or timezone.now()) - started > dt.timedelta(seconds=2 * limit + 60)


@dataclass(frozen=True)
class Rendered:
    """What a render gives back: the PDF, and fields of the row to write with it (e.g. the
    number of badges)."""

    pdf: bytes
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class FileJob:
    model: type[models.Model]
    #: dotted path of the Celery task (looked up at each hand-over)
    task: str
    #: the log action: ``action`` when asked for, ``action.done`` / ``action.failed`` after
    action: str
    #: ``render(row) -> Rendered``; the row's parent objects (``related``) are loaded
    render: Callable[[models.Model], Rendered]
    #: the stored file's name (under the field's upload_to)
    file_name: Callable[[models.Model], str]
    #: the conference a row belongs to (its log goes there)
    conference: Callable[[models.Model], models.Model]
    #: what the log records about a row (e.g. its layout or language)
    describe: Callable[[models.Model], dict]
    #: the error recorded when the render took too long (a lazy translation)
    timeout_message: str
    #: select_related for the task's row
    related: tuple[str, ...] = ("conference",)
    #: a done file is made again when asked for (else it is kept, and final)
    remake_done: bool = True
    #: further fields reset when the row is queued again
    fresh: dict = field(default_factory=dict)
    #: fields written with done that the log records too
    logged_fields: tuple[str, ...] = ()

    @property
    def transitions(self) -> dict:
        return REMADE if self.remake_done else FINAL

    @property
    def label(self) -> str:
        return self.model._meta.model_name

    # --- the one transition function ------------------------------------------------------------

    def set_state(self, row: models.Model, state: str, *, by=None, **fields) -> bool:
        """Move ``row`` to ``state`` only from a state that allows it (checked in the UPDATE),
        writing ``fields`` with it; a finished or failed file is logged. False if the row had
        moved on (or is gone)."""
        if not move(row, self.transitions, state, **fields):
            return False
        if state in {F.DONE, F.FAILED}:
            data = dict(self.describe(row))
            if state == F.FAILED:
                data["error"] = fields.get("error", "")
            else:
                data.update({name: fields.get(name) for name in self.logged_fields})
            log_action(self.conference(row), f"{self.action}.{state}", user=by, data=data)
        return True

    # --- asking for a file ----------------------------------------------------------------------

    def request(self, *, by, **lookup) -> models.Model:
        """The row for ``lookup`` (created if need be), queued unless its job is in flight (or it
        is done and final); the job is handed to Celery after the commit. Call inside
        ``transaction.atomic()``."""
        user = by if by is not None and by.is_authenticated else None
        row, created = self.model.objects.select_for_update().get_or_create(
            **lookup, defaults={"requested_by": user}
        )
        if not created:
            in_flight = row.state in {F.QUEUED, F.RUNNING} and not is_stuck(row)
            if in_flight and row.state == F.RUNNING and self.remade:
                # asked again while it is being made from older data: made again once this
                # render is done (see make)
                self.model.objects.filter(pk=row.pk).update(
                    requested_at=timezone.now(), requested_by=user
                )
                return row
            if in_flight or F.QUEUED not in self.transitions.get(row.state, set()):
                return row
            self._requeue(row, user)
        log_action(self.conference(row), self.action, user=by, data=self.describe(row))
        transaction.on_commit(lambda: self.start(row.pk))
        return row

    @property
    def remade(self) -> bool:
        """Whether a finished file is made again when asked (its data changes over time)."""
        return F.QUEUED in self.transitions.get(F.DONE, set())

    def _requeue(self, row: models.Model, user) -> None:
        """Queue a finished, failed or stuck row again, the old file deleted after the commit."""
        old_file = row.file.name
        self.set_state(
            row,
            F.QUEUED,
            requested_at=timezone.now(),
            requested_by=user,
            **{**FRESH, **self.fresh},
        )
        if old_file:
            transaction.on_commit(lambda: delete_stored(old_file))

    def _asked_again(self, row: models.Model) -> bool:
        """After a render: asked for again while it was being made, so made again now."""
        asked = self.model.objects.filter(pk=row.pk, state=F.DONE, requested_at__gt=row.started_at)
        if not asked.exists():
            return False
        with transaction.atomic():
            fresh = (
                self.model.objects.select_for_update()
                .filter(pk=row.pk, state=F.DONE, requested_at__gt=row.started_at)
                .first()
            )
            if fresh is None:
                return False
            self._requeue(fresh, fresh.requested_by)
            transaction.on_commit(lambda: self.start(fresh.pk))
        return True

    def start(self, file_id: int) -> bool:
        """Hand the job to Celery. If the broker cannot be reached the row stays queued and the
        sweeper hands it over later; the request still succeeds."""
        from kombu.exceptions import OperationalError

        task = import_string(self.task)
        try:
            task.apply_async(kwargs={"file_id": file_id}, retry=False)
        except OperationalError as error:
            logger.warning("%s %s waits for the sweeper: %s", self.label, file_id, error)
            return False
        return True

    def sweep(self, now=None) -> int:
        """Hand over again the jobs that never reached a worker (broker down) or whose worker
        died. Stops at the first hand-over that fails (the broker is still down)."""
        now = now or timezone.now()
        waiting = self.model.objects.filter(
            state__in=[F.QUEUED, F.RUNNING], requested_at__lt=now - QUEUED_GRACE
        ).order_by("pk")
        handed = 0
        for row in waiting:
            if row.state == F.RUNNING:
                if not is_stuck(row, now):
                    continue
                self.set_state(row, F.QUEUED, progress=0, started_at=None)
            if not self.start(row.pk):
                break
            handed += 1
        return handed

    # --- making it (the task) -------------------------------------------------------------------

    def progress(self, row: models.Model, percent: int) -> None:
        """Record how far a running job has come (shown on the page while it waits)."""
        self.model.objects.filter(pk=row.pk, state=F.RUNNING).update(progress=percent)

    def make(self, file_id: int) -> str:
        """The work of the task: owns the row while it renders (queued → running →
        done/failed); the file is stored only if the row is still there to hold it. Returns the
        outcome (the row's state, or "gone")."""
        from moteplass.pdf import PdfRenderTimeout, page_count

        with transaction.atomic():
            row = (
                self.model.objects.select_for_update()
                .select_related(*self.related)
                .filter(pk=file_id)
                .first()
            )
            if row is None or row.state != F.QUEUED:
                return row.state if row else "gone"
            self.set_state(row, F.RUNNING, progress=10, started_at=timezone.now())
        try:
            rendered = self.render(row)
        except PdfRenderTimeout:
            self.fail(row, str(self.timeout_message))
            return F.FAILED
        except Exception as error:  # a render error or Celery's soft limit: never left running
            logger.exception("%s %s failed", self.label, row.pk)
            self.fail(row, f"{type(error).__name__}: {error}")
            return F.FAILED
        self.progress(row, 90)
        row.file.save(self.file_name(row), ContentFile(rendered.pdf), save=False)
        stored = row.file.name
        done = self.set_state(
            row,
            F.DONE,
            file=stored,
            size=len(rendered.pdf),
            pages=page_count(rendered.pdf),
            progress=100,
            finished_at=timezone.now(),
            **rendered.fields,
        )
        if not done:  # deleted or taken over meanwhile: keep no stray copy
            delete_stored(stored)
            return "gone"
        if self.remade and self._asked_again(row):
            return F.QUEUED
        return F.DONE

    def fail(self, row: models.Model, error: str) -> None:
        self.set_state(row, F.FAILED, error=error[:2000], finished_at=timezone.now())


def delete_stored(name: str) -> None:
    """Delete a stored file; a failure is logged (the row no longer points at it either way)."""
    from django.core.files.storage import default_storage

    try:
        default_storage.delete(name)
    except OSError as error:
        logger.warning("generated file %s could not be deleted: %s", name, error)
