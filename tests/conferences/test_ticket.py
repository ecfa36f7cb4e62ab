"""The participant's ticket: the QR code (inline SVG) and the one-page PDF."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from conferences.ticket import conference_dates, qr_svg, ticket_pdf
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

A6_POINTS = (297.64, 419.53)


@pytest.fixture
def registration(conference):
    return RegistrationFactory(
        conference=conference,
        first_name="Áile",
        last_name="Ŋuolja-Čáhppes",
        organisation_name="Sámi allaskuvla",
        language="nn",
    )


def test_qr_svg_is_accessible_and_has_no_style():
    svg = str(qr_svg("AbC-123_xyz", label="QR-kode for billett AbC-123_xyz"))

    assert svg.startswith('<svg role="img" aria-label="QR-kode for billett AbC-123_xyz"')
    assert 'viewBox="0 0 ' in svg
    assert "style" not in svg
    assert "<script" not in svg
    assert svg.endswith("</svg>")


def test_qr_svg_encodes_exactly_the_code():
    import segno

    svg = str(qr_svg("AbC-123_xyz", label="x"))
    expected = segno.make("AbC-123_xyz", error="m", micro=False).svg_inline(
        border=4, omitsize=True, lineclass=None
    )

    [path] = re.findall(r'<path stroke="#000" d="([^"]+)"', svg)
    assert path in expected


def test_qr_svg_escapes_the_label():
    svg = str(qr_svg("x", label='Billett "<b>'))

    assert 'aria-label="Billett &quot;&lt;b&gt;"' in svg


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2031, 4, 22), (2031, 4, 22), "22. april 2031"),
        ((2031, 4, 22), (2031, 4, 23), "22.–23. april 2031"),
        ((2031, 4, 30), (2031, 5, 1), "30. april–1. mai 2031"),
    ],
)
def test_conference_dates_in_words(start, end, expected):
    import datetime as dt

    conference = ConferenceFactory.build(start_date=dt.date(*start), end_date=dt.date(*end))

    with translation.override("nb"):
        assert conference_dates(conference) == expected


def test_ticket_pdf_is_one_a6_page_with_name_and_code(registration):
    pdf = ticket_pdf(registration, language="nn")

    reader = PdfReader(io.BytesIO(pdf))
    [page] = reader.pages
    text = page.extract_text()
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (
        A6_POINTS
    )
    assert "Áile Ŋuolja-Čáhppes" in text
    assert "Sámi allaskuvla" in text
    assert f"Billettkode: {registration.ticket_code}" in text
    assert "Møteplass Telemark 2031" in text
    assert reader.metadata.title == "Billett til Møteplass Telemark 2031"


def test_ticket_pdf_view_serves_the_pdf(client, registration):
    response = client.get(reverse("registration_ticket_pdf", args=[registration.manage_token]))

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        'inline; filename="moteplass-2031-ticket.pdf"'
    )
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "Áile Ŋuolja-Čáhppes" in text
    assert registration.ticket_code in text
    assert "Billett" in text  # the participant's nynorsk
