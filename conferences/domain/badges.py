"""Name badges (house style rules 2, 10 and 12): a PDF of everyone with a confirmed place, in one
of the layouts (BadgeLayout), made by a Celery task that owns the file's row.

One row per conference and layout. Each request makes the file again from the registrations as
they are then (people register and cancel until the day), unless it is being made right now. The
row moves only through :func:`set_badge_state`, which checks the allowed moves in the UPDATE itself,
so a worker and the sweeper cannot both win. The files hold personal data: they are deleted with
:func:`delete_badge_files` (the retention job), and a new request deletes the previous file.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy

from conferences.domain.files import FileJob, Rendered, delete_stored
from conferences.enums import BadgeLayout
from conferences.models import BadgeFile, Conference
from moteplass.audit import log_action


def _render(row: BadgeFile) -> Rendered:
    from conferences.badges_pdf import render_badges_pdf
    from conferences.queries.checkin import badge_registrations

    people = list(badge_registrations(row.conference))
    BADGE_FILES.progress(row, 30)
    pdf = render_badges_pdf(row.conference, people, layout=row.layout)
    return Rendered(pdf, {"badges": len(people)})


BADGE_FILES = FileJob(
    model=BadgeFile,
    task="conferences.tasks.make_badges",
    action="conferences.badges",
    render=_render,
    # a random part: the file holds personal data and its name must not be guessed
    file_name=lambda row: f"{row.conference.slug}-{row.layout}-{get_random_string(12)}.pdf",
    conference=lambda row: row.conference,
    describe=lambda row: {"layout": row.layout},
    timeout_message=gettext_lazy("The badges took too long to make."),
    fresh={"badges": None},
    logged_fields=("badges",),
)
BADGE_TRANSITIONS = BADGE_FILES.transitions


def set_badge_state(row: BadgeFile, state: str, *, by=None, **fields) -> bool:
    """The one transition function of a badge file's row (see FileJob.set_state)."""
    return BADGE_FILES.set_state(row, state, by=by, **fields)


@transaction.atomic
def request_badges(conference: Conference, *, layout: str, by) -> BadgeFile:
    """Ask for the badges of ``conference`` in ``layout``: made again from the registrations as
    they are now, unless the file is being made (or waits for a worker) at this moment. The job
    is handed to Celery after the commit; the previous file is deleted."""
    if layout not in BadgeLayout.values:
        raise ValueError(f"Unknown badge layout {layout!r}")
    return BADGE_FILES.request(conference=conference, layout=layout, by=by)


def start_badges(file_id: int) -> bool:
    return BADGE_FILES.start(file_id)


def sweep_badge_files(now=None) -> int:
    """Hand over again the jobs that never reached a worker (broker down) or whose worker died."""
    return BADGE_FILES.sweep(now)


def make_badges(file_id: int) -> str:
    """The work of the badge task (see FileJob.make)."""
    return BADGE_FILES.make(file_id)


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
        delete_stored(name)
    log_action(conference, "conferences.badges.deleted", user=by, data={"files": len(rows)})
    return len(rows)
