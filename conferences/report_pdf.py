"""The follow-up report of a conference as a PDF, in bokmål or nynorsk (or English).

Made like the PDF programme (conferences.programme_pdf): HTML from a template, rendered by
moteplass.pdf.render_pdf (PDF/UA, offline, with a time limit), the Inter font, "Side X av Y" at
the foot. The first page is a one-page summary; then one section per focus area and main goal
with its priorities, their commitments, who is responsible, the status and the latest note.

Everything is in the requested language: the labels through ``translation.override``, the
content (priorities, commitments, goals) through its nb/nn/en fields, falling back to the other
written standard where an adviser left one empty (marked with its ``lang``).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from conferences.programme_pdf import colour_css, date_range
from conferences.queries.report import Report, report_for
from moteplass.pdf import page_label_context, render_pdf

TEMPLATE = "conferences/report/pdf.html"


def render_report_pdf(conference, *, language: str, now=None) -> bytes:
    """The PDF of the follow-up report of ``conference`` in ``language``, from the priorities
    and commitments as they are now."""
    report = report_for(conference, language, now=now)
    html = report_pdf_html(report)
    with translation.override(language):
        title = document_title(conference)
    goals = [section.goal for area in report.areas for section in area.goals]
    return render_pdf(html, language=language, title=title, stylesheets=[colour_css(goals)])


def document_title(conference) -> str:
    return gettext("%(conference)s – follow-up report") % {"conference": conference.title}


def report_pdf_html(report: Report) -> str:
    """The HTML the PDF is made from, with labels in the report's language."""
    language = report.language
    conference = report.conference
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        published = report.published_at
        return render_to_string(
            TEMPLATE,
            {
                "language": language,
                "document_title": document_title(conference),
                "conference": conference,
                "dates": date_range(conference.start_date, conference.end_date),
                "published": date_format(timezone.localtime(published), "DATE_FORMAT")
                if published
                else "",
                "generated": date_format(timezone.localtime(report.generated_at), "DATE_FORMAT"),
                "report": report,
                "summary": report.summary,
                **page_label_context(),
            },
        )
