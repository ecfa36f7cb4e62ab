"""The public programme (conferences/views/programme.py): only published versions, by day and
time, filters, item pages, the changelog, the exports and the PDF links, caching and query
counts."""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import etree, html

from conferences.domain.schedule import (
    add_slot,
    place_session,
    publish_programme,
    unplace_session,
)
from conferences.enums import FileState
from conferences.models import ProgrammeFile, Session
from conferences.queries.programme import (
    latest_version_for,
    ready_languages,
    version_files,
)
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    goal,
)

DAY1 = dt.date(2031, 4, 22)
DAY2 = dt.date(2031, 4, 23)


def at(hour, minute=0, day=DAY1):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class Programme:
    """A conference with two rooms, three partners and four placed items over two days,
    published as version 1."""

    def __init__(self, conference, adviser, room, partner_org, rival_org):
        self.conference, self.adviser = conference, adviser
        self.storsalen = room
        self.lille_sal = RoomFactory(conference=conference, name="Lille sal", capacity=80, order=1)
        self.nho, self.skien = partner_org, rival_org
        self.vinje = OrganisationFactory(name="Vinje kommune", slug="vinje")
        ConferencePartnerFactory(conference=conference, organisation=self.vinje)
        self.morning = self.slot(DAY1, 9, 0, 10, 30)
        self.noon = self.slot(DAY1, 11, 0, 12, 0)
        self.day2 = self.slot(DAY2, 9, 0, 12, 0)

        self.green = SessionFactory(
            conference=conference,
            title="Grønn omstilling i Grenland",
            abstract="Hydrogen, havvind & nye jobber.\n\nHva trenger <industrien>?",
            language="nb",
            format="panel",
            duration=90,
            owner=self.nho,
            goals=[goal("N1"), goal("S1")],
        )
        self.green.co_owners.add(self.vinje)
        self.green.speakers.add(
            SpeakerFactory(
                conference=conference,
                name="Kari Nordmann",
                title="ordførar",
                organisation="Vinje kommune",
            ),
            SpeakerFactory(conference=conference, name="Ola Hansen", organisation="NHO"),
        )
        self.inclusive = SessionFactory(
            conference=conference,
            title="Inkluderande arbeidsliv i Vest-Telemark",
            abstract="Korleis fleire kjem i arbeid.",
            language="nn",
            format="workshop",
            duration=60,
            owner=self.skien,
            goals=[goal("I1")],
        )
        self.lunch = SessionFactory(
            conference=conference,
            title="Lunsj",
            abstract="",
            format="break",
            duration=60,
            owner=self.nho,
        )
        self.hydrogen = SessionFactory(
            conference=conference,
            title="Hydrogen for industry",
            abstract="What hydrogen means for the process industry.",
            language="en",
            format="plenary",
            duration=60,
            owner=self.vinje,
            goals=[goal("N2")],
        )
        self.place(self.green, self.storsalen, self.morning)
        self.place(self.inclusive, self.lille_sal, self.morning)
        self.place(self.lunch, self.storsalen, self.noon, all_rooms=True)
        self.place(self.hydrogen, self.storsalen, self.day2)
        self.v1 = self.publish()

    def slot(self, day, h1, m1, h2, m2):
        return add_slot(
            self.conference,
            day=day,
            start=dt.time(h1, m1),
            end=dt.time(h2, m2),
            by=self.adviser,
        )

    def place(self, session, room, slot, **kwargs):
        return place_session(session, room=room, slot=slot, by=self.adviser, **kwargs)

    def publish(self, **kwargs):
        return publish_programme(self.conference, by=self.adviser, **kwargs)

    def url(self, name, *args):
        return reverse(name, args=[self.conference.slug, *args])


@pytest.fixture
def programme(conference, adviser, room, partner_org, rival_org):
    return Programme(conference, adviser, room, partner_org, rival_org)


def page(response):
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def texts(tree, xpath):
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def shown_items(tree):
    return [int(n) for n in tree.xpath(".//li[contains(@class, 'programme-item')]/@data-item")]


# --- the programme page ---------------------------------------------------------------------------


def test_programme_page_shows_days_times_and_parallel_items(client, programme):
    tree = page(client.get(programme.url("programme")))

    assert texts(tree, "//h1") == ["Program for Møteplass Telemark 2031"]
    assert texts(tree, "//section[@class='programme-day']/h2") == [
        "Tirsdag 22. april 2031",
        "Onsdag 23. april 2031",
    ]
    days = tree.xpath("//section[@class='programme-day']")
    assert texts(days[0], ".//h3") == ["09:00", "11:00"]
    assert texts(days[1], ".//h3") == ["09:00"]
    assert days[0].xpath(".//h3/time/@datetime") == [
        "2031-04-22T09:00:00+02:00",
        "2031-04-22T11:00:00+02:00",
    ]
    first_time = days[0].xpath(".//div[@class='programme-time']")[0]
    assert shown_items(first_time) == [programme.green.pk, programme.inclusive.pk]
    assert texts(first_time, ".//p[contains(@class, 'programme-item__meta')]") == [
        "09:00–10:30, Storsalen, Paneldebatt",
        "09:00–10:00, Lille sal, Verksted",
    ]
    assert texts(tree, "//li[contains(@class, 'programme-item--all-rooms')]//h4") == ["Lunsj"]
    assert "Alle saler" in texts(tree, "//li[contains(@class, 'programme-item--all-rooms')]")[0]
    assert texts(tree, "//p[@role='status']") == ["Programmet har 4 programposter."]


def test_programme_page_shows_goals_with_focus_area_colour_and_text(client, programme):
    tree = page(client.get(programme.url("programme")))

    card = tree.xpath(f"//li[@data-item='{programme.green.pk}']")[0]
    n1, s1 = goal("N1"), goal("S1")
    assert texts(card, ".//ul[@class='programme-goals']/li") == [
        f"S1 {s1.title_nb}",
        f"N1 {n1.title_nb}",
    ]
    assert card.xpath(".//ul[@class='programme-goals']/li/span[1]/@class") == [
        f"focus-area__swatch area-colour-{s1.focus_area_id}",
        f"focus-area__swatch area-colour-{n1.focus_area_id}",
    ]
    assert card.xpath(".//span[contains(@class, 'focus-area__swatch')]/@aria-hidden") == [
        "true",
        "true",
    ]
    assert texts(card, ".//p[contains(@class, 'muted')]") == [
        "Arrangert av NHO Vestfold og Telemark, Vinje kommune"
    ]


def test_item_titles_carry_the_language_they_are_written_in(client, programme):
    tree = page(client.get(programme.url("programme")))

    links = {
        link.text_content(): link.get("lang")
        for link in tree.xpath("//li[contains(@class, 'programme-item')]//h4/a")
    }
    assert links == {
        "Grønn omstilling i Grenland": "nb",
        "Inkluderande arbeidsliv i Vest-Telemark": "nn",
        "Lunsj": "nb",
        "Hydrogen for industry": "en",
    }
    assert tree.xpath("/html/@lang") == ["nb"]


def test_draft_changes_do_not_show_until_the_next_publish(client, programme):
    Session.objects.filter(pk=programme.green.pk).update(title="Ny tittel i utkastet")
    programme.place(programme.green, programme.lille_sal, programme.day2)
    extra = SessionFactory(conference=programme.conference, title="Fagbrev på jobb", format="break")
    programme.place(extra, programme.storsalen, programme.day2, start=at(11, day=DAY2))

    before = client.get(programme.url("programme")).content.decode()
    assert "Grønn omstilling i Grenland" in before
    assert "Ny tittel i utkastet" not in before
    assert "Fagbrev på jobb" not in before
    assert client.get(programme.url("programme_item", extra.pk)).status_code == 404

    programme.publish()

    after = page(client.get(programme.url("programme")))
    titles = texts(after, "//li[contains(@class, 'programme-item')]//h4")
    assert "Ny tittel i utkastet" in titles
    assert "Fagbrev på jobb" in titles
    assert "Grønn omstilling i Grenland" not in titles
    assert texts(after, "//dl[contains(@class, 'programme-about')]/dd")[2].startswith(
        "Versjon 2, publisert"
    )
    assert client.get(programme.url("programme_item", extra.pk)).status_code == 200


def test_item_text_is_escaped_everywhere(client, programme):
    Session.objects.filter(pk=programme.green.pk).update(title="Vind & <b>sol</b>")
    programme.publish()

    pages = [
        client.get(programme.url("programme")).content.decode(),
        client.get(programme.url("programme_item", programme.green.pk)).content.decode(),
        client.get(programme.url("programme_changes")).content.decode(),
    ]

    for content in pages:
        assert "<b>sol</b>" not in content
        assert "Vind &amp; &lt;b&gt;sol&lt;/b&gt;" in content
    assert "<title>Vind &amp; &lt;b&gt;sol&lt;/b&gt; – Møteplass Telemark 2031" in pages[1]


# --- filters --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("focus=N", ["green", "hydrogen"]),
        ("goal=I1", ["inclusive"]),
        ("goal=S1", ["green"]),
        ("format=workshop", ["inclusive"]),
        ("format=break", ["lunch"]),
        ("room={lille_sal}", ["inclusive", "lunch"]),
        ("partner={vinje}", ["green", "hydrogen"]),
        ("partner={skien}", ["inclusive"]),
        ("focus=N&room={storsalen}&partner={nho}", ["green"]),
        ("focus=I&format=panel", []),
    ],
)
def test_programme_filters(client, programme, query, expected):
    ids = {
        "lille_sal": programme.lille_sal.pk,
        "storsalen": programme.storsalen.pk,
        "vinje": programme.vinje.pk,
        "skien": programme.skien.pk,
        "nho": programme.nho.pk,
    }

    tree = page(client.get(programme.url("programme") + "?" + query.format(**ids)))

    assert shown_items(tree) == [getattr(programme, name).pk for name in expected]
    assert tree.xpath("//*[@aria-invalid]") == []


def test_filter_form_offers_only_what_the_programme_has(client, programme):
    tree = page(client.get(programme.url("programme")))

    def options(name):
        return texts(tree, f"//select[@name='{name}']//option")

    assert options("focus") == [
        "Alle",
        goal("I1").focus_area.title_nb,
        goal("S1").focus_area.title_nb,
        goal("N1").focus_area.title_nb,
    ]
    assert tree.xpath("//select[@name='goal']/optgroup/@label") == options("focus")[1:]
    assert tree.xpath("//select[@name='goal']//option/@value") == ["", "I1", "S1", "N1", "N2"]
    assert options("format") == ["Alle", "Plenum", "Verksted", "Paneldebatt", "Pause"]
    assert options("room") == ["Alle", "Storsalen", "Lille sal"]
    assert options("partner") == [
        "Alle",
        "NHO Vestfold og Telemark",
        "Skien kommune",
        "Vinje kommune",
    ]
    assert texts(tree, "//form[contains(@class, 'programme-filters')]//label") == [
        "Satsingsområde",
        "Hovedmål",
        "Format",
        "Sal",
        "Samarbeidspartner",
    ]


def test_invalid_filters_are_shown_as_errors_and_ignored(client, programme):
    query = "?goal=X9&format=nonsense&room=abc&partner=999999&focus=%3Cscript%3E"

    tree = page(client.get(programme.url("programme") + query))

    assert len(shown_items(tree)) == 4
    assert sorted(tree.xpath("//select[@aria-invalid='true']/@name")) == [
        "focus",
        "format",
        "goal",
        "partner",
        "room",
    ]
    assert "<script>" not in client.get(programme.url("programme") + query).content.decode()


def test_an_invalid_filter_leaves_the_valid_ones_working(client, programme):
    tree = page(client.get(programme.url("programme") + "?format=workshop&room=abc"))

    assert shown_items(tree) == [programme.inclusive.pk]
    assert tree.xpath("//select[@aria-invalid='true']/@name") == ["room"]
    assert texts(tree, "//p[@role='status']") == ["1 av 4 programposter passer til filtrene."]


def test_a_very_long_filter_value_is_no_error_page(client, programme):
    response = client.get(programme.url("programme") + "?goal=" + "x" * 5000 + "&room=0&room=abc")

    assert len(shown_items(page(response))) == 4


# --- the item page --------------------------------------------------------------------------------


def test_item_page_shows_everything_about_the_item(client, programme):
    tree = page(client.get(programme.url("programme_item", programme.green.pk)))

    assert texts(tree, "//h1") == ["Grønn omstilling i Grenland"]
    assert tree.xpath("//h1/@lang") == ["nb"]
    facts = tree.xpath("//dl[contains(@class, 'programme-item-facts')]")[0]
    assert list(zip(texts(facts, "dt"), texts(facts, "dd"), strict=True)) == [
        ("Tid", "Tirsdag 22. april 2031, 09:00–10:30"),
        ("Sal", "Storsalen"),
        ("Format", "Paneldebatt"),
        ("Samarbeidspartnere", "NHO Vestfold og Telemark, Vinje kommune"),
    ]
    assert texts(tree, "//div[@class='programme-abstract']/p") == [
        "Hydrogen, havvind & nye jobber.",
        "Hva trenger <industrien>?",
    ]
    assert texts(tree, "//ul[contains(@class, 'programme-speakers')]/li") == [
        "Kari Nordmann, ordførar, Vinje kommune",
        "Ola Hansen, NHO",
    ]
    n1, s1 = goal("N1"), goal("S1")
    goals = tree.xpath("//section[@aria-labelledby='item-goals']")[0]
    assert texts(goals, "h3") == [s1.focus_area.title_nb, n1.focus_area.title_nb]
    assert texts(goals, "ul/li") == [f"S1 {s1.title_nb}", f"N1 {n1.title_nb}"]
    assert goals.xpath("h3/span/@class") == [
        f"focus-area__swatch area-colour-{s1.focus_area_id}",
        f"focus-area__swatch area-colour-{n1.focus_area_id}",
    ]
    assert tree.xpath("//a[@type='text/calendar']/@href") == [
        programme.url("programme_item_ics", programme.green.pk)
    ]
    assert tree.xpath("//p[@class='ds-paragraph programme-back']/a/@href") == [
        programme.url("programme") + "#t-20310422-0900"
    ]


def test_item_page_of_an_all_rooms_item_says_so(client, programme):
    tree = page(client.get(programme.url("programme_item", programme.lunch.pk)))

    facts = tree.xpath("//dl[contains(@class, 'programme-item-facts')]")[0]
    assert texts(facts, "dd")[:3] == [
        "Tirsdag 22. april 2031, 11:00–12:00",
        "Alle saler",
        "Pause",
    ]
    assert tree.xpath("//section[@aria-labelledby='item-goals']") == []


def test_item_written_in_nynorsk_has_lang_nn(client, programme):
    tree = page(client.get(programme.url("programme_item", programme.inclusive.pk)))

    assert tree.xpath("//h1/@lang") == ["nn"]
    assert tree.xpath("//div[@class='programme-abstract']/@lang") == ["nn"]
    assert tree.xpath("/html/@lang") == ["nb"]


def test_nynorsk_interface_shows_nynorsk_labels(client, programme):
    client.cookies["moteplass_language"] = "nn"

    index = page(client.get(programme.url("programme")))
    item = page(client.get(programme.url("programme_item", programme.green.pk)))
    changes = page(client.get(programme.url("programme_changes")))

    assert index.xpath("/html/@lang") == ["nn"]
    assert texts(index, "//form[contains(@class, 'programme-filters')]//label") == [
        "Satsingsområde",
        "Hovudmål",
        "Format",
        "Sal",
        "Samarbeidspartnar",
    ]
    assert texts(index, "//section[@class='programme-day']/h2") == [
        "Tysdag 22. april 2031",
        "Onsdag 23. april 2031",
    ]
    assert texts(index, "//p[@role='status']") == ["Programmet har 4 programpostar."]
    assert "Alle salar" in texts(index, "//li[contains(@class, 'programme-item--all-rooms')]")[0]
    facts = item.xpath("//dl[contains(@class, 'programme-item-facts')]")[0]
    assert texts(facts, "dt") == ["Tid", "Sal", "Format", "Samarbeidspartnarar"]
    assert texts(item, "//h2") == ["Samandrag", "Innleiarar", "Hovudmål"]
    assert texts(item, "//section[@aria-labelledby='item-goals']/h3") == [
        goal("S1").focus_area.title_nn,
        goal("N1").focus_area.title_nn,
    ]
    assert texts(changes, "//h1") == ["Endringar i programmet for Møteplass Telemark 2031"]
    assert texts(changes, "//h2") == ["Versjon 1"]


def test_english_interface_keeps_item_text_as_written(client, programme):
    client.cookies["moteplass_language"] = "en"

    tree = page(client.get(programme.url("programme_item", programme.inclusive.pk)))

    assert tree.xpath("/html/@lang") == ["en"]
    assert texts(tree, "//h1") == ["Inkluderande arbeidsliv i Vest-Telemark"]
    facts = tree.xpath("//dl[contains(@class, 'programme-item-facts')]")[0]
    assert list(zip(texts(facts, "dt"), texts(facts, "dd"), strict=True))[:3] == [
        ("Time", "Tuesday April 22, 2031, 09:00–10:00"),
        ("Room", "Lille sal"),
        ("Format", "Workshop"),
    ]


# --- the changelog --------------------------------------------------------------------------------


def test_changes_page_lists_every_version_with_its_changes_in_words(client, programme):
    extra = SessionFactory(
        conference=programme.conference,
        title="Fagbrev på jobb",
        format="workshop",
        duration=45,
        goals=[goal("I2")],
    )
    programme.place(programme.hydrogen, programme.lille_sal, programme.day2)
    programme.place(extra, programme.storsalen, programme.day2)
    programme.place(
        programme.lunch, programme.storsalen, programme.noon, start=at(11, 30), duration=30
    )
    Session.objects.filter(pk=programme.green.pk).update(
        title="Grønn omstilling i Grenland og Vestfold"
    )
    unplace_session(programme.inclusive, by=programme.adviser)
    programme.publish(note="Lunsjen er flyttet.\nSjekk salene.")

    tree = page(client.get(programme.url("programme_changes")))

    assert texts(tree, "//h1") == ["Endringer i programmet for Møteplass Telemark 2031"]
    assert texts(tree, "//section[@class='programme-version']/h2") == ["Versjon 2", "Versjon 1"]
    v2, v1 = tree.xpath("//section[@class='programme-version']")
    assert texts(v2, "div[@class='programme-note']/p") == ["Lunsjen er flyttet.Sjekk salene."]
    assert len(v2.xpath("div[@class='programme-note']/p/br")) == 1
    assert texts(v2, "ul/li") == [
        "Lagt til: «Fagbrev på jobb», onsdag 23. april, 09:00–09:45, Storsalen.",
        "Fjernet: «Inkluderande arbeidsliv i Vest-Telemark» "
        "(var tirsdag 22. april, 09:00–10:00, Lille sal).",
        "Flyttet: «Hydrogen for industry» fra Storsalen til Lille sal.",
        "Ny tid for «Lunsj»: tirsdag 22. april, 11:30–12:00 (var tirsdag 22. april, 11:00–12:00).",
        "Nytt navn: «Grønn omstilling i Grenland» heter nå «Grønn omstilling i Grenland og "
        "Vestfold».",
    ]
    assert v2.xpath("ul/li/@data-kind") == ["added", "removed", "moved", "retimed", "renamed"]
    assert v2.xpath("ul/li//*[@lang]/@lang") == ["nb", "nn", "en", "nb", "nb", "nb"]
    assert v2.xpath("ul/li[@data-kind='added']/a/@href") == [
        programme.url("programme_item", extra.pk)
    ]
    assert v2.xpath("ul/li[@data-kind='removed']/a") == []
    assert texts(v1, "p")[1] == "Det første publiserte programmet, med 4 programposter."


def test_changes_page_moved_into_all_rooms(client, programme):
    programme.place(programme.green, programme.storsalen, programme.morning, all_rooms=True)
    programme.publish(confirm_conflicts=True)
    client.cookies["moteplass_language"] = "en"

    tree = page(client.get(programme.url("programme_changes")))

    assert texts(tree, "//section[@id='v2']/ul/li") == [
        "Moved: “Grønn omstilling i Grenland” from Storsalen to all rooms."
    ]


# --- not found ------------------------------------------------------------------------------------


def test_conference_without_a_published_version_is_404(client, conference, adviser):
    other = ConferenceFactory(slug="uten-program")
    for name in ["programme", "programme_changes", "programme_ics", "programme_json"]:
        assert client.get(reverse(name, args=[other.slug])).status_code == 404
        assert client.get(reverse(name, args=["finnes-ikke"])).status_code == 404
    assert client.get(reverse("programme_item", args=[other.slug, 1])).status_code == 404
    assert client.get(reverse("programme_pdf", args=[other.slug, "nb"])).status_code == 404


def test_unknown_item_and_item_not_in_the_published_version_are_404(client, programme):
    unpublished = SessionFactory(conference=programme.conference, title="Ikke publisert")
    programme.place(unpublished, programme.lille_sal, programme.day2)
    elsewhere = SessionFactory(title="Annen konferanse")

    for pk in [999999, unpublished.pk, elsewhere.pk]:
        assert client.get(programme.url("programme_item", pk)).status_code == 404
        assert client.get(programme.url("programme_item_ics", pk)).status_code == 404


# --- the PDF --------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf_file(version, language, state, content=b""):
    row = ProgrammeFile.objects.create(version=version, language=language, state=state)
    if content:
        row.file.save(f"programme-{language}.pdf", ContentFile(content))
    return row


def test_pdf_link_only_when_the_file_is_done(client, programme, media):
    pdf_file(programme.v1, "nb", FileState.DONE, b"%PDF-1.7 bokmaal")
    pdf_file(programme.v1, "nn", FileState.RUNNING)
    pdf_file(programme.v1, "en", FileState.FAILED)

    tree = page(client.get(programme.url("programme")))

    assert tree.xpath("//a[@data-pdf]/@href") == [programme.url("programme_pdf", "nb")]
    assert texts(tree, "//a[@data-pdf]") == ["PDF på bokmål"]
    response = client.get(programme.url("programme_pdf", "nb"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="moteplass-2031-nb-v1.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 bokmaal"
    assert client.get(programme.url("programme_pdf", "nn")).status_code == 404
    assert client.get(programme.url("programme_pdf", "en")).status_code == 404
    assert client.get(programme.url("programme_pdf", "de")).status_code == 404


def test_no_pdf_yet_says_so(client, programme):
    tree = page(client.get(programme.url("programme")))

    assert tree.xpath("//a[@data-pdf]") == []
    assert "Programmet som PDF er ikke klart ennå." in texts(
        tree, "//section[@class='programme-downloads']//li"
    )


def test_pdf_of_an_older_version_is_not_served(client, programme, media):
    pdf_file(programme.v1, "nb", FileState.DONE, b"%PDF old")
    programme.place(
        programme.lunch, programme.storsalen, programme.noon, start=at(11, 30), duration=30
    )
    programme.publish()

    assert page(client.get(programme.url("programme"))).xpath("//a[@data-pdf]") == []
    assert client.get(programme.url("programme_pdf", "nb")).status_code == 404


def test_pdf_done_but_missing_on_disk_is_404(client, programme, media):
    row = pdf_file(programme.v1, "nb", FileState.DONE, b"%PDF gone")
    (media / row.file.name).unlink()

    assert client.get(programme.url("programme_pdf", "nb")).status_code == 404


def test_read_side_helpers(programme, media):
    other = ConferenceFactory(slug="uten-program")

    assert latest_version_for(other.slug) is None
    Session.objects.filter(pk=programme.green.pk).update(title="Ny tittel")
    v2 = programme.publish(note="Ny tittel.")
    assert latest_version_for(programme.conference.slug) == v2
    pdf_file(v2, "nn", FileState.DONE, b"%PDF nn")
    pdf_file(v2, "nb", FileState.QUEUED)
    assert list(version_files(v2)) == ["nn"]
    assert ready_languages(v2) == ["nn"]


# --- exports --------------------------------------------------------------------------------------


def test_exports_have_their_content_types(client, programme, settings):
    settings.SITE_URL = "https://moteplass.example.no"

    ics = client.get(programme.url("programme_ics"))
    item_ics = client.get(programme.url("programme_item_ics", programme.green.pk))
    schedule_json = client.get(programme.url("programme_json"))
    schedule_xml = client.get(programme.url("programme_xml"))

    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert ics.content.decode().count("BEGIN:VEVENT") == 4
    assert item_ics.content.decode().count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Grønn omstilling i Grenland" in item_ics.content.decode()
    item_url = f"https://moteplass.example.no/programme/moteplass-2031/{programme.green.pk}/"
    assert f"URL:{item_url}" in item_ics.content.decode()
    assert schedule_json["Content-Type"] == "application/json"
    data = json.loads(schedule_json.content)
    assert data["schedule"]["version"].startswith("1 (")
    assert data["schedule"]["base_url"] == (
        "https://moteplass.example.no/programme/moteplass-2031/"
    )
    assert schedule_xml["Content-Type"] == "application/xml"
    assert etree.fromstring(schedule_xml.content).tag == "schedule"


def test_exports_follow_the_published_version(client, programme):
    Session.objects.filter(pk=programme.green.pk).update(title="Nytt navn i utkastet")
    assert "Nytt navn i utkastet" not in client.get(programme.url("programme_ics")).content.decode()

    programme.publish()

    assert "Nytt navn i utkastet" in client.get(programme.url("programme_ics")).content.decode()
    assert json.loads(client.get(programme.url("programme_json")).content)["schedule"][
        "version"
    ].startswith("2 (")


# --- caching and query counts ---------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_second_request_is_served_from_the_cache(client, programme):
    urls = [
        programme.url("programme"),
        programme.url("programme") + f"?room={programme.lille_sal.pk}",
        programme.url("programme_item", programme.green.pk),
        programme.url("programme_changes"),
        programme.url("programme_ics"),
        programme.url("programme_xml"),
    ]
    first = [count_queries(client, url) for url in urls]
    second = [count_queries(client, url) for url in urls]

    # the programme page reads which PDFs are ready once, then every PDF_STATE_TIMEOUT seconds
    assert first == [4, 3, 3, 2, 2, 3]
    assert second == [1, 1, 1, 1, 1, 1]


def test_new_version_is_shown_right_after_publishing(client, programme):
    assert "Grønn omstilling i Grenland" in client.get(programme.url("programme")).content.decode()
    Session.objects.filter(pk=programme.green.pk).update(title="Grønn omstilling i Telemark")
    programme.publish()

    index = client.get(programme.url("programme")).content.decode()
    item = client.get(programme.url("programme_item", programme.green.pk)).content.decode()
    changes = client.get(programme.url("programme_changes")).content.decode()

    assert "Grønn omstilling i Telemark" in index
    assert "Grønn omstilling i Telemark" in item
    assert "Versjon 2" in changes


def build(conference, adviser, count):
    """``count`` items with speakers, goals and co-owners, placed one after another, published
    in two versions (the changelog lists every item)."""
    room = RoomFactory(conference=conference, name="Storsalen")
    slot = add_slot(conference, day=DAY1, start=dt.time(8), end=dt.time(20), by=adviser)
    co_owner = OrganisationFactory()
    for n in range(count):
        session = SessionFactory(
            conference=conference,
            title=f"Programpost {n}",
            duration=30,
            goals=[goal("N1"), goal("I2")],
        )
        session.speakers.add(SpeakerFactory(conference=conference))
        session.co_owners.add(co_owner)
        place_session(
            session, room=room, slot=slot, start=at(8, 0) + n * dt.timedelta(minutes=30), by=adviser
        )
    publish_programme(conference, by=adviser)
    for session in Session.objects.filter(conference=conference):
        Session.objects.filter(pk=session.pk).update(title=session.title + " (ny)")
    publish_programme(conference, by=adviser)
    return Session.objects.filter(conference=conference).first()


@pytest.mark.parametrize("count", [1, 10])
def test_query_counts_do_not_grow_with_the_items(
    client, conference, adviser, count, django_assert_num_queries
):
    first = build(conference, adviser, count)
    slug = conference.slug
    cold = [
        # version; ready PDFs (then cached for PDF_STATE_TIMEOUT); snapshot; goals
        (reverse("programme", args=[slug]), 4),
        (reverse("programme", args=[slug]) + "?focus=N&goal=N1&format=parallel", 3),
        (reverse("programme_item", args=[slug, first.pk]), 3),
        # version; every version
        (reverse("programme_changes", args=[slug]), 2),
        # version; snapshot (+ the plan's goals for the frab tracks)
        (reverse("programme_ics", args=[slug]), 2),
        (reverse("programme_item_ics", args=[slug, first.pk]), 2),
        (reverse("programme_json", args=[slug]), 3),
        (reverse("programme_xml", args=[slug]), 3),
    ]
    for url, queries in cold:
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, url
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200
    tree = page(client.get(reverse("programme", args=[slug])))
    assert len(shown_items(tree)) == count
    changes = page(client.get(reverse("programme_changes", args=[slug])))
    assert len(changes.xpath("//li[@data-kind='renamed']")) == count


def test_a_draft_conference_keeps_its_published_programme_private(client, programme):
    from conferences.models import Conference

    Conference.objects.filter(pk=programme.conference.pk).update(status="draft")

    for name in ("programme", "programme_changes", "programme_ics", "programme_json"):
        assert client.get(programme.url(name)).status_code == 404, name
