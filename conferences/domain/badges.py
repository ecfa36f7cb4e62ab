"""Name badges (house style rules 2, 10 and 12): a PDF of everyone with a confirmed place, in one
of the layouts (BadgeLayout), made by a Celery task that owns the file's row.

One row per conference and layout. Each request makes the file again from the registrations as
they are then (people register and cancel until the day), unless it is being made right now. The
row moves only through :func:`set_badge_state`, which checks the allowed moves in the UPDATE itself,
so a worker and the sweeper cannot both win. The files hold personal data: they are deleted with
:func:`delete_badge_files` (the retention job), and a new request deletes the previous file.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext

from conferences.domain.schedule import QUEUED_GRACE, pdf_is_stuck
from conferences.enums import BadgeLayout, FileState
from conferences.models import BadgeFile, Conference
from moteplass.audit import log_action
from moteplass.transitions import move

logger = logging.getLogger(__name__)

F = FileState
# queued → running → done / failed; asked again: done or failed → queued; the sweeper: a stuck
# running job → queued
BADGE_TRANSITIONS = {
    F.QUEUED: {F.RUNNING, F.QUEUED},
    F.RUNNING: {F.DONE, F.FAILED, F.QUEUED},
    F.FAILED: {F.QUEUED},
    F.DONE: {F.QUEUED},
}
FRESH = {
    "progress": 0,
    "error": "",
    "started_at": None,
    "finished_at": None,
    "file": "",
    "badges": None,
    "pages": None,
    "size": None,
}


def set_badge_state(row: BadgeFile, state: str, *, by=None, **fields) -> bool:
    """The one transition function of a badge file's row: moves it to ``state`` only from a state
    that allows it (checked in the UPDATE), writes ``fields`` with it and records a finished or
    failed file. False if the row had moved on (or is gone)."""
    if not move(row, BADGE_TRANSITIONS, state, **fields):
        return False
    if state in {F.DONE, F.FAILED}:
        log_action(
            row.conference,
            f"conferences.badges.{state}",
            user=by,
            data={
                "layout": row.layout,
                **({"error": fields.get("error", "")} if state == F.FAILED else {}),
                **({"badges": fields.get("badges")} if state == F.DONE else {}),
            },
        )
    return True


@transaction.atomic
def request_badges(conference: Conference, *, layout: str, by) -> BadgeFile:
    """Ask for the badges of ``conference`` in ``layout``: made again from the registrations as
    they are now, unless the file is being made (or waits for a worker) at this moment. The job
    is handed to Celery after the commit."""
    if layout not in BadgeLayout.values:
        raise ValueError(f"Unknown badge layout {layout!r}")
    user = by if by is not None and by.is_authenticated else None
    row, created = BadgeFile.objects.select_for_update().get_or_create(
        conference=conference, layout=layout, defaults={"requested_by": user}
    )
    in_flight = row.state in {F.QUEUED, F.RUNNING} and not pdf_is_stuck(row)
    if not created and in_flight:
        return row
    if not created:
        old_file = row.file.name
        set_badge_state(row, F.QUEUED, requested_at=timezone.now(), requested_by=user, **FRESH)
        if old_file:
            transaction.on_commit(lambda: _delete_stored(old_file))
    log_action(conference, "conferences.badges", user=by, data={"layout": layout})
    transaction.on_commit(lambda: start_badges(row.pk))
    return row


def start_badges(file_id: int) -> bool:
    """Hand the job to Celery. If the broker cannot be reached the row stays queued and the
    sweeper hands it over later; the adviser's request still succeeds."""
    from kombu.exceptions import OperationalError

    from conferences.tasks import make_badges

    try:
        make_badges.apply_async(kwargs={"file_id": file_id}, retry=False)
    except OperationalError as error:
        logger.warning("badge file %s waits for the sweeper: %s", file_id, error)
        return False
    return True


def sweep_badge_files(now=None) -> int:
    """Hand over again the jobs that never reached a worker (broker down) or whose worker died."""
    now = now or timezone.now()
    waiting = BadgeFile.objects.filter(
        state__in=[F.QUEUED, F.RUNNING], requested_at__lt=now - QUEUED_GRACE
    ).order_by("pk")
    handed = 0
    for row in waiting:
        if row.state == F.RUNNING:
            if not pdf_is_stuck(row, now):
                continue
            set_badge_state(row, F.QUEUED, progress=0, started_at=None)
        if not start_badges(row.pk):
            break
        handed += 1
    return handed


def make_badges(file_id: int) -> str:
    """The work of the badge task: owns the row while it renders (queued → running →
    done/failed); the file is stored only if the row is still there to hold it."""
    from conferences.badges_pdf import render_badges_pdf
    from conferences.queries.checkin import badge_registrations
    from moteplass.pdf import PdfRenderTimeout, page_count

    with transaction.atomic():
        row = (
            BadgeFile.objects.select_for_update()
            .select_related("conference")
            .filter(pk=file_id)
            .first()
        )
        if row is None or row.state != F.QUEUED:
            return row.state if row else "gone"
        set_badge_state(row, F.RUNNING, progress=10, started_at=timezone.now())
    conference = row.conference
    people = list(badge_registrations(conference))
    BadgeFile.objects.filter(pk=row.pk, state=F.RUNNING).update(progress=30)
    try:
        pdf = render_badges_pdf(conference, people, layout=row.layout)
    except PdfRenderTimeout:
        _fail(row, gettext("The badges took too long to make."))
        return F.FAILED
    except Exception as error:  # a render error must not leave the row running
        logger.exception("badge file %s failed", row.pk)
        _fail(row, f"{type(error).__name__}: {error}")
        return F.FAILED
    BadgeFile.objects.filter(pk=row.pk, state=F.RUNNING).update(progress=90)
    name = f"{conference.slug}-{row.layout}-{get_random_string(12)}.pdf"
    row.file.save(name, ContentFile(pdf), save=False)
    stored = row.file.name
    done = set_badge_state(
        row,
        F.DONE,
        file=stored,
        badges=len(people),
        size=len(pdf),
        pages=page_count(pdf),
        progress=100,
        finished_at=timezone.now(),
    )
    if not done:  # deleted or taken over meanwhile: keep no stray copy of the personal data
        _delete_stored(stored)
        return "gone"
    return F.DONE


def _fail(row: BadgeFile, error: str) -> None:
    set_badge_state(row, F.FAILED, error=error[:2000], finished_at=timezone.now())


def delete_badge_files(conference: Conference, *, by=None) -> int:
    """Delete the badge files of ``conference`` and their rows (personal data: the retention job
    calls this). A job still running finds its row gone and keeps nothing. Returns the number of
    rows deleted."""
    rows = list(BadgeFile.objects.filter(conference=conference))
    if not rows:
        return 0
    names = [row.file.name for row in rows if row.file]
    BadgeFile.objects.filter(pk__in=[row.pk for row in rows]).delete()
    for name in names:
        _delete_stored(name)
    log_action(conference, "conferences.badges.deleted", user=by, data={"files": len(rows)})
    return len(rows)


def _delete_stored(name: str) -> None:
    from django.core.files.storage import default_storage

    try:
        default_storage.delete(name)
    except OSError as error:  # the row is gone either way; the file is logged for cleaning up
        logger.warning("badge file %s could not be deleted: %s", name, error)
