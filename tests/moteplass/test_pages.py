"""The accessibility statement and the privacy notice, each written out in nb, nn and en."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

LANGUAGES = ["nb", "nn", "en"]

# One exact sentence per page and language that only that language's version contains.
SENTENCES = {
    "accessibility": {
        "nb": "Erklæringen ble sist gjennomgått og oppdatert 27. november 2026.",
        "nn": "Erklæringa vart sist gjennomgått og oppdatert 27. november 2026.",
        "en": "This statement was last reviewed and updated on 27 November 2026.",
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
    assert "Korleis vi har testa" in html
    assert "Slik har vi testet" not in html


def test_nynorsk_privacy_notice_is_nynorsk(client):
    _response, html = _get(client, "privacy", "nn")

    assert "Kva opplysningar vi behandlar" in html
    assert "Hvilke opplysninger vi behandler" not in html
    assert "Kven som får sjå opplysningane" in html
    assert "Hvem som får se opplysningene" not in html


class _Section(HTMLParser):
    """The texts of the list items (or the paragraph) marked with ``attribute``, and the links in
    them."""

    def __init__(self, attribute):
        super().__init__()
        self.attribute = attribute
        self.items, self.links = [], []
        self._depth = 0  # inside the marked element: its nesting depth
        self._item = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._depth:
            self._depth += 1
            if tag == "li":
                self._item = ""
            if tag == "a":
                self.links.append(attributes["href"])
        elif self.attribute in attributes:
            self._depth = 1
            self._item = "" if tag == "p" else None

    def handle_endtag(self, tag):
        if not self._depth:
            return
        self._depth -= 1
        if (tag == "li" or not self._depth) and self._item is not None:
            self.items.append(" ".join(self._item.split()))
            self._item = None

    def handle_data(self, data):
        if self._item is not None:
            self._item += data


def _section(html, attribute):
    section = _Section(attribute)
    section.feed(html)
    return section


def test_accessibility_statement_says_how_the_service_was_tested(client):
    _response, html = _get(client, "accessibility", "nb")

    tested = _section(html, "data-tested").items
    assert [item.split(":")[0] for item in tested] == [
        "Alle sidene, for alle roller",
        "Omflyt",
        "Tastatur",
    ]
    assert "axe-core mot suksesskriteriene i WCAG 2.1 på nivå A og AA" in tested[0]
    assert "både på bokmål og på nynorsk" in tested[0]
    assert "320 CSS-piksler" in tested[1]
    assert (
        "å melde seg på, å foreslå en programpost, å sette en programpost inn i timeplanen og "
        "publisere programmet, og å sjekke inn en deltaker" in tested[2]
    )
    # what was not done is said plainly, and not claimed anywhere as done
    not_tested = _section(html, "data-not-tested").items
    assert not_tested[0] == (
        "Vi har ikke testet tjenesten manuelt med skjermleser (for eksempel NVDA, JAWS, "
        "VoiceOver eller TalkBack)."
    )
    assert len(not_tested) == 4
    assert "planlagt" not in html
    assert "Derfor tester vi også manuelt" not in html


@pytest.mark.parametrize(
    ("language", "without_address"),
    [
        ("nb", "via kontaktsiden på fylkeskommunens nettsted."),
        ("nn", "gjennom kontaktsida på nettsida til fylkeskommunen."),
        ("en", "through the contact page on the county's website."),
    ],
)
def test_accessibility_statement_says_how_to_report_a_problem(
    client, settings, language, without_address
):
    _response, html = _get(client, "accessibility", language)
    report = _section(html, "data-report")
    assert report.items[0].endswith(without_address)
    assert report.links == []

    settings.ACCESSIBILITY_CONTACT_EMAIL = "uu@example.no"
    _response, html = _get(client, "accessibility", language)
    report = _section(html, "data-report")
    assert report.links == ["mailto:uu@example.no"]
    assert report.items[0].endswith("uu@example.no.")
    assert without_address not in html
