"""The name badges of a conference as a PDF (conferences.domain.badges makes the file).

Each badge: the name (large), job title, organisation, the conference's title and a QR code of
the ticket code, which the check-in page reads. ``sheet``: A4 pages with eight badges each (two
columns, four rows, thin cutting lines); ``single``: one badge per A6 page, for badge printers.
The QR code is an inline SVG made by segno; everything else is text in the vendored Inter font.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from conferences.enums import BadgeLayout
from moteplass.pdf import render_pdf

TEMPLATE = "conferences/badges/pdf.html"
PER_SHEET = 8
# names longer than these (in characters, the longest of first and last name) get smaller type
LONG_NAME = 14
VERY_LONG_NAME = 22


@dataclass
class Badge:
    first_name: str
    last_name: str
    job_title: str
    organisation: str
    qr: SafeString
    size: str  # "", "long" or "very-long": the name's type size


def render_badges_pdf(conference, registrations, *, layout: str, language: str = "") -> bytes:
    """The PDF of the badges of ``registrations`` (in that order) in ``layout``."""
    language = language or settings.LANGUAGE_CODE
    html = badges_html(conference, registrations, layout=layout, language=language)
    with translation.override(language):
        title = document_title(conference)
    return render_pdf(html, language=language, title=title)


def badges_html(conference, registrations, *, layout: str, language: str = "") -> str:
    """The HTML the badge PDF is made from."""
    if layout not in BadgeLayout.values:
        raise ValueError(f"Unknown badge layout {layout!r}")
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        badges = [badge_for(registration) for registration in registrations]
        per_page = PER_SHEET if layout == BadgeLayout.SHEET else 1
        pages = [badges[start : start + per_page] for start in range(0, len(badges), per_page)]
        return render_to_string(
            TEMPLATE,
            {
                "language": language,
                "layout": layout,
                "conference": conference,
                "document_title": document_title(conference),
                "pages": pages,
            },
        )


def document_title(conference) -> str:
    return gettext("Name badges – %(conference)s") % {"conference": conference.title}


def badge_for(registration) -> Badge:
    longest = max(len(registration.first_name), len(registration.last_name))
    size = "very-long" if longest > VERY_LONG_NAME else "long" if longest > LONG_NAME else ""
    return Badge(
        first_name=registration.first_name,
        last_name=registration.last_name,
        job_title=registration.job_title,
        organisation=registration.organisation_label,
        qr=qr_svg(registration.ticket_code),
        size=size,
    )


def qr_svg(code: str) -> SafeString:
    """The QR code of a ticket code as inline SVG (sized by the stylesheet)."""
    import segno

    svg = segno.make(code, error="m", micro=False).svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        svgclass="badge__qr-code",
        lineclass="badge__qr-modules",
        title=gettext("QR code of the ticket"),
    )
    # segno escapes the title; the rest is numbers and the fixed class names
    return mark_safe(svg)
