"""The accessibility statement and the privacy notice, each written out in nb, nn and en."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

LANGUAGES = ["nb", "nn", "en"]

# One exact sentence per page and language that only that language's version contains.
SENTENCES = {
    "accessibility": {
        "nb": "Erklæringen ble sist oppdatert 26. november 2026.",
        "nn": "Erklæringa vart sist oppdatert 26. november 2026.",
        "en": "This statement was last updated on 26 November 2026.",
    },
    "privacy": {
        "nb": "Telemark fylkeskommune er behandlingsansvarlig for personopplysningene i Møteplass.",
        "nn": "Telemark fylkeskommune er behandlingsansvarleg for personopplysningane i Møteplass.",
        "en": "Telemark fylkeskommune is the controller for the personal data in Møteplass.",
    },
}

HEADINGS = {
    "accessibility": {
        "nb": "Tilgjengelighetserklæring for Møteplass Telemark",
        "nn": "Tilgjengeerklæring for Møteplass Telemark",
        "en": "Accessibility statement for Møteplass Telemark",
    },
    "privacy": {
        "nb": "Personvernerklæring for Møteplass Telemark",
        "nn": "Personvernerklæring for Møteplass Telemark",
        "en": "Privacy notice for Møteplass Telemark",
    },
}

PAGES = list(SENTENCES)


class _Outline(HTMLParser):
    """Collects the heading levels and texts, and any inline style or script."""

    def __init__(self):
        super().__init__()
        self.headings = []  # [level, text]
        self.inline_styles = 0
        self.inline_scripts = 0
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes or tag == "style":
            self.inline_styles += 1
        if tag == "script" and "src" not in attributes:
            self.inline_scripts += 1
        if any(name.startswith("on") for name in attributes):
            self.inline_scripts += 1
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append([int(tag[1]), ""])
            self._in_heading = True

    def handle_endtag(self, tag):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._in_heading = False

    def handle_data(self, data):
        if self._in_heading:
            self.headings[-1][1] += data


def _get(client, page, language=None):
    if language is not None:
        client.cookies["moteplass_language"] = language
    response = client.get(reverse(page))
    return response, response.content.decode()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_shows_its_own_language_version(client, page, language):
    response, html = _get(client, page, language)

    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert SENTENCES[page][language] in html
    for other in LANGUAGES:
        if other != language:
            assert SENTENCES[page][other] not in html


@pytest.mark.parametrize("page", PAGES)
def test_page_defaults_to_bokmal_without_a_language_choice(client, page):
    response, html = _get(client, page)

    assert response.status_code == 200
    assert SENTENCES[page]["nb"] in html
    assert SENTENCES[page]["nn"] not in html


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_has_one_h1_and_headings_in_order(client, page, language):
    _response, html = _get(client, page, language)
    outline = _Outline()
    outline.feed(html)

    levels = [level for level, _text in outline.headings]
    h1_texts = [text.strip() for level, text in outline.headings if level == 1]
    assert h1_texts == [HEADINGS[page][language]]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert outline.inline_styles == 0
    assert outline.inline_scripts == 0


def test_nynorsk_accessibility_statement_is_nynorsk(client):
    _response, html = _get(client, "accessibility", "nn")

    assert "Tilgjengeerklæring for Møteplass Telemark" in html
    assert "Tilgjengelighetserklæring for Møteplass Telemark" not in html
    assert "Korleis vi testar" in html
    assert "Slik tester vi" not in html


def test_nynorsk_privacy_notice_is_nynorsk(client):
    _response, html = _get(client, "privacy", "nn")

    assert "Kva opplysningar vi behandlar" in html
    assert "Hvilke opplysninger vi behandler" not in html
    assert "Kven som får sjå opplysningane" in html
    assert "Hvem som får se opplysningene" not in html
