"""The follow-up report of a conference (house style rules 2, 10 and 12): advisers publish it (the
public sees only a published report) and its PDF is made in bokmål and nynorsk (English on
request) by a Celery task that owns the file's row (conferences.domain.files).

Nothing is published, and no file is made, before at least one priority is recorded: the adviser
is told so and nothing changes. Each request for a PDF makes it again from the priorities and
commitments as they are then, unless it is being made at that moment.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from conferences.domain.files import FileJob, Rendered
from conferences.domain.followup import FollowUpError
from conferences.enums import ContentLanguage
from conferences.models import Conference, ReportFile
from conferences.queries.report import PDF_LANGUAGES, has_priorities
from moteplass.audit import log_action

NOTHING_RECORDED = _("Record at least one priority before publishing the report.")


def _render(row: ReportFile) -> Rendered:
    from conferences.report_pdf import render_report_pdf

    return Rendered(render_report_pdf(row.conference, language=row.language))


REPORT_FILES = FileJob(
    model=ReportFile,
    task="conferences.tasks.make_report_pdf",
    action="conferences.report.pdf",
    render=_render,
    # a random part: before it is published, the file must not be found by guessing its name
    file_name=lambda row: (
        f"{row.conference.slug}-report-{row.language}-{get_random_string(12)}.pdf"
    ),
    conference=lambda row: row.conference,
    describe=lambda row: {"language": row.language},
    timeout_message=_("The report took too long to make."),
)
REPORT_TRANSITIONS = REPORT_FILES.transitions


def set_report_file_state(row: ReportFile, state: str, *, by=None, **fields) -> bool:
    """The one transition function of a report file's row (see FileJob.set_state)."""
    return REPORT_FILES.set_state(row, state, by=by, **fields)


def _locked(conference: Conference) -> Conference:
    return Conference.objects.select_for_update().get(pk=conference.pk)


@transaction.atomic
def publish_report(conference: Conference, *, by) -> Conference:
    """Publish the follow-up report: the public sees it from now on, and after the commit its PDF
    is made (again) in bokmål and nynorsk, and in any other language it was made in. Refused
    (nothing changes) before any priority is recorded, and when it is published already."""
    current = _locked(conference)
    if not has_priorities(current):
        raise FollowUpError(NOTHING_RECORDED)
    if current.report_published_at is not None:
        raise FollowUpError(_("The report is published already."))
    now = timezone.now()
    user = by if by is not None and by.is_authenticated else None
    Conference.objects.filter(pk=current.pk).update(
        report_published_at=now, report_published_by=user
    )
    conference.report_published_at = now
    conference.report_published_by = user
    log_action(conference, "conferences.report.publish", user=by)
    # bokmål and nynorsk, and any other language a preview was made in (it said "not published")
    _remake_files(conference, by=by)
    return conference


def _remake_files(conference: Conference, *, by) -> None:
    made = ReportFile.objects.filter(conference=conference).values_list("language", flat=True)
    for language in dict.fromkeys([*PDF_LANGUAGES, *sorted(made)]):
        REPORT_FILES.request(conference=conference, language=language, by=by)


def report_changed(conference: Conference, *, by) -> None:
    """The follow-up of ``conference`` changed (a priority, a commitment or a status): a
    published report's PDFs are made again from the new data, so the files never lag behind the
    web page (several changes in a row make them once more, not once each). Call inside the
    transaction of the change."""
    if Conference.objects.filter(pk=conference.pk, report_published_at__isnull=False).exists():
        _remake_files(conference, by=by)


@transaction.atomic
def unpublish_report(conference: Conference, *, by) -> Conference:
    """Take the report back from the public (its advisers still see it and its files)."""
    current = _locked(conference)
    if current.report_published_at is None:
        raise FollowUpError(_("The report is not published."))
    Conference.objects.filter(pk=current.pk).update(
        report_published_at=None, report_published_by=None
    )
    log_action(
        conference,
        "conferences.report.unpublish",
        user=by,
        data={"published_at": current.report_published_at.isoformat()},
    )
    conference.report_published_at = None
    conference.report_published_by = None
    return conference


@transaction.atomic
def request_report_pdf(conference: Conference, *, language: str, by) -> ReportFile:
    """Ask for the report's PDF in ``language``: made again from the data as it is now, unless it
    is being made (or waits for a worker) at this moment. Refused before any priority is
    recorded."""
    if language not in ContentLanguage.values:
        raise ValueError(f"Unknown report language {language!r}")
    if not has_priorities(conference):
        raise FollowUpError(NOTHING_RECORDED)
    return REPORT_FILES.request(conference=conference, language=language, by=by)


def make_report_pdf(file_id: int) -> str:
    """The work of the report task (see FileJob.make)."""
    return REPORT_FILES.make(file_id)


def sweep_report_files(now=None) -> int:
    """Hand over again the jobs that never reached a worker (broker down) or whose worker died."""
    return REPORT_FILES.sweep(now)
