"""moteplass.pdf: only static files are read, nothing goes to the network, the PDF is tagged and
describes itself, and a render that takes too long stops with PdfRenderTimeout."""

import io
import logging
import signal
import socket
import threading
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from pypdf.generic import BooleanObject

from moteplass.pdf import (
    PdfRenderTimeout,
    StaticResourceRefused,
    make_url_fetcher,
    page_count,
    render_pdf,
    static_base_url,
    static_file_for_url,
)

STATIC = Path(settings.BASE_DIR) / "static"
CSS = STATIC / "css" / "programme-pdf.css"
PAGE = """<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Ikke denne</title>
<link rel="stylesheet" href="/static/vendor/inter-static/inter.css">
<link rel="stylesheet" href="/static/css/programme-pdf.css"></head>
<body><h1>Møteplass Telemark</h1><p>Grønn omstilling i Grenland.</p>{extra}</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection is recorded and refused."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def read(response) -> bytes:
    try:
        return response.read()
    finally:
        response.close()


def test_fetcher_serves_a_static_file_by_its_static_url():
    response = make_url_fetcher().fetch(static_base_url() + "css/programme-pdf.css")

    assert read(response) == CSS.read_bytes()
    assert response.content_type == "text/css"


def test_fetcher_serves_a_file_url_inside_the_static_files():
    path = STATIC / "vendor" / "inter-static" / "inter-latin-400-normal.ttf"

    response = make_url_fetcher().fetch(path.as_uri())

    assert read(response) == path.read_bytes()
    assert response.content_type == "font/ttf"


def test_static_url_is_made_from_site_url_and_static_url(settings):
    settings.SITE_URL = "https://moteplass.example.no"

    assert static_base_url() == "https://moteplass.example.no/static/"
    assert static_file_for_url("https://moteplass.example.no/static/css/programme-pdf.css") == (
        CSS.resolve()
    )


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "http://example.org/x.png",
        "https://example.org/static/css/programme-pdf.css",
        "ftp://example.org/x.png",
        "data:text/css,body{color:red}",
        "/static/css/programme-pdf.css",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url, no_network):
    with pytest.raises(StaticResourceRefused):
        make_url_fetcher().fetch(url)
    assert no_network == []


@pytest.mark.parametrize(
    "tail",
    [
        "../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "css/../../../../../etc/passwd",
        "css/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "..%2f..%2f..%2f..%2fetc/passwd",
        "css\\..\\..\\settings.py",
        "/etc/passwd",
        "",
        "css/no-such-file.css",
    ],
)
def test_fetcher_refuses_names_that_leave_the_static_files(tail):
    with pytest.raises(StaticResourceRefused):
        make_url_fetcher().fetch(static_base_url() + tail)


def test_fetcher_refuses_a_file_url_that_climbs_out_of_the_static_files():
    url = (STATIC / "css").as_uri() + "/../../moteplass/settings.py"

    with pytest.raises(StaticResourceRefused):
        make_url_fetcher().fetch(url)


def test_render_skips_resources_outside_static_without_network(no_network, caplog):
    extra = (
        '<img src="file:///etc/passwd" alt="passwd">'
        '<img src="https://example.org/x.png" alt="remote">'
        '<link rel="stylesheet" href="https://example.org/evil.css">'
    )

    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        pdf = render_pdf(PAGE.format(extra=extra), language="nb", title="Prøve")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert list(reader.pages[0].images) == []
    assert "root:" not in reader.pages[0].extract_text()
    assert no_network == []
    refused = [r.getMessage() for r in caplog.records if "static files" in r.getMessage()]
    assert len(refused) == 3


def test_render_sets_title_language_and_tags():
    pdf = render_pdf(PAGE.format(extra=""), language="nn", title="Møteplass – program")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Møteplass – program"
    assert root["/Lang"] == "nn"
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert "/StructTreeRoot" in root
    assert " ".join(reader.pages[0].extract_text().split()) == (
        "Møteplass Telemark Grønn omstilling i Grenland."
    )


def test_render_embeds_the_shipped_font():
    pdf = render_pdf(PAGE.format(extra=""), language="nb", title="Prøve")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = sorted(str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values())
    assert names == ["Inter", "Inter-Bold"]


def test_sami_and_other_latin_extended_letters_come_from_their_own_font_file():
    """Both subsets of Inter have the same internal name; in one CSS family WeasyPrint mixed up
    their glyphs (Ŋ printed as ā). As two families, each letter comes from its own file."""
    extra = "<p>Ŋuolga Čáhppes Đavvi Ŧ ž š</p>"

    pdf = render_pdf(PAGE.format(extra=extra), language="se", title="Prøve")

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = sorted(str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values())
    assert names == ["Inter", "Inter-Bold", "Inter-Latin-Ext"]
    assert "Ŋuolga Čáhppes Đavvi Ŧ ž š" in reader.pages[0].extract_text()


def test_page_count_reads_the_compressed_page_tree():
    extra = "<h2>To</h2><h2>Tre</h2>"  # the programme stylesheet starts a page at each h2

    pdf = render_pdf(PAGE.format(extra=extra), language="nb", title="Tre sider")

    assert page_count(pdf) == len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 3


def test_render_is_the_same_every_time():
    """Same input, same bytes: no dates, random font tags or unpacking times in the PDF."""
    first = render_pdf(PAGE.format(extra=""), language="nb", title="Prøve")
    second = render_pdf(PAGE.format(extra=""), language="nb", title="Prøve")

    assert first == second


def test_render_stops_at_the_time_limit_on_the_main_thread(settings):
    render_pdf(PAGE.format(extra=""), language="nb", title="Oppvarming")  # imports done
    settings.PDF_RENDER_TIME_LIMIT = 0.000001

    with pytest.raises(PdfRenderTimeout, match="PDF_RENDER_TIME_LIMIT"):
        render_pdf(PAGE.format(extra=""), language="nb", title="For sent")
    # The alarm is cleared and the previous handler is back.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


def test_render_stops_at_the_time_limit_off_the_main_thread(settings):
    """No SIGALRM there: the deadline is checked at each fetch and each rendering step."""
    render_pdf(PAGE.format(extra=""), language="nb", title="Oppvarming")
    settings.PDF_RENDER_TIME_LIMIT = 0.000001
    outcome = []

    def work():
        try:
            render_pdf(PAGE.format(extra=""), language="nb", title="For sent")
        except BaseException as error:  # whatever it is, the test compares its type
            outcome.append(type(error))
        else:
            outcome.append(None)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=60)

    assert outcome == [PdfRenderTimeout]


def test_render_without_time_limit_finishes(settings):
    settings.PDF_RENDER_TIME_LIMIT = 0

    pdf = render_pdf(PAGE.format(extra=""), language="nb", title="Uten grense")

    assert pdf.startswith(b"%PDF-1.7")


def test_progress_steps_are_logged_only_as_configured(caplog):
    """The deadline checkpoint enables WeasyPrint's progress logger; what it lets through is
    still what the logging configuration asks for."""
    with caplog.at_level(logging.WARNING):
        render_pdf(PAGE.format(extra=""), language="nb", title="Stille")

    assert [r.getMessage() for r in caplog.records if r.name == "weasyprint.progress"] == []
