"""A participant's ticket: the QR code of the ticket code, as inline SVG for the ticket page and
as a one-page PDF (WeasyPrint, through moteplass.pdf.render_pdf).

The QR code carries only the ticket code (Registration.ticket_code: 128 random bits), never a
name or a link, so a photo of the ticket tells nothing about the person. The SVG has no style
attributes (the Content-Security-Policy allows no inline style): its size comes from
static/css/registration.css, its colours from SVG presentation attributes.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from moteplass.pdf import render_pdf

PDF_TEMPLATE = "conferences/registration/ticket_pdf.html"


def qr_svg(code: str, *, label: str) -> SafeString:
    """The QR code of ``code`` as an inline ``<svg>``: scalable (a viewBox, no fixed size),
    ``role="img"`` with ``label`` as its accessible name."""
    import segno

    qr = segno.make(code, error="m", micro=False)
    svg = qr.svg_inline(
        border=4, omitsize=True, dark="#000", light="#fff", svgclass="ticket-qr", lineclass=None
    )
    attributes = f'role="img" aria-label="{escape(label)}" focusable="false" '
    # segno writes the element's attributes itself, none of them a style
    return mark_safe(svg.replace("<svg ", f"<svg {attributes}", 1))


def conference_dates(conference) -> str:
    start, end = conference.start_date, conference.end_date
    if start == end:
        return formats.date_format(start, "j. F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{formats.date_format(start, 'j.')}–{formats.date_format(end, 'j. F Y')}"
    return f"{formats.date_format(start, 'j. F')}–{formats.date_format(end, 'j. F Y')}"


def ticket_context(registration) -> dict:
    """What the ticket page and the PDF show. Call with the reader's language active."""
    code = registration.ticket_code
    return {
        "registration": registration,
        "conference": registration.conference,
        "dates": conference_dates(registration.conference),
        "code": code,
        "qr": qr_svg(code, label=gettext("QR code of ticket %(code)s") % {"code": code}),
    }


def ticket_pdf(registration, *, language: str) -> bytes:
    """The ticket as one A6 page (PDF/UA), in ``language``."""
    from django.utils import translation

    with translation.override(language):
        context = ticket_context(registration)
        title = gettext("Ticket for %(conference)s") % {"conference": registration.conference.title}
        html = render_to_string(
            PDF_TEMPLATE,
            {
                **context,
                "language": language,
                "document_title": title,
                "made": formats.date_format(timezone.localtime(), "j. F Y H:i"),
            },
        )
    return render_pdf(html, language=language, title=title)
