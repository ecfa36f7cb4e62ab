"""An adviser reads a conference's activity log, filters it from the keyboard, in bokmål and in
nynorsk, and on a phone-sized screen; axe-core finds nothing on any of its pages."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.test import Client

from moteplass.audit import log_action
from moteplass.models import ActivityLog
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    county,
)

pytestmark = BROWSER
OSLO = ZoneInfo("Europe/Oslo")


def log_in_by_cookie(page, live_server, user) -> None:
    """A session made by Django's test client, handed to the browser (no log-in form and no
    second factor to type)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def a_conference_with_a_log(language: str = "nb"):
    adviser = UserFactory(
        email="radgiver@example.no", first_name="Rita", last_name="Rådgiver", language=language
    )
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    editor = UserFactory(email="redaktor@example.no", first_name="Eli", last_name="Redaktør")
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    session = SessionFactory(
        conference=conference, title="Grønn omstilling", owner=OrganisationFactory()
    )
    registration = RegistrationFactory(conference=conference, first_name="Kari", last_name="Ås")
    entries = [
        log_action(
            conference,
            "conferences.conference.update",
            user=adviser,
            changes=[{"field": "venue", "label": "venue", "before": "Skien", "after": "Bø"}],
        ),
        log_action(
            session,
            "conferences.session.update",
            user=editor,
            changes=[
                {
                    "field": "abstract",
                    "label": "abstract",
                    "before": "Ein lang tekst " * 20,
                    "after": "Eit langt samandrag med ordet " + "fylkeskommunalt" * 6,
                }
            ],
        ),
        log_action(registration, "conferences.registration.confirmed", data={"reason": "Ekstra"}),
    ]
    for day, entry in enumerate(entries, start=1):
        ActivityLog.objects.filter(pk=entry.pk).update(
            timestamp=dt.datetime(2031, 3, day, 9, 15, tzinfo=OSLO)
        )
    return adviser, conference


def rows(page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("tr[data-entry]").all_inner_texts()]


def test_adviser_filters_the_log_from_the_keyboard_in_bokmal(page, live_server):
    adviser, conference = a_conference_with_a_log()
    log_in_by_cookie(page, live_server, adviser)

    page.goto(f"/adviser/conferences/{conference.slug}/")
    link = page.locator("nav.sub-nav a", has_text="Aktivitetslogg")
    link.focus()
    link.press("Enter")
    page.wait_for_url(f"**/adviser/conferences/{conference.slug}/log/")
    assert page.locator("h2").first.inner_text() == "Aktivitetslogg"
    assert len(rows(page)) == 3
    assert rows(page)[0].startswith("03.03.2031 09:15")
    assert_accessible(page)

    # the person: the first choice after "all" is "nobody logged in"; then Tab on to the button
    person = page.locator("#id_person")
    person.focus()
    person.press("ArrowDown")
    assert person.input_value() == "system"
    page.keyboard.press("Tab")  # kind
    page.keyboard.press("Tab")  # object
    page.keyboard.type("kari")
    page.keyboard.press("Enter")
    page.wait_for_url("**/log/?person=system&kind=&object=kari&from=&to=")
    assert rows(page) == [
        "03.03.2031 09:15 Ingen innlogget Fikk bekreftet plass Påmelding Kari Ås Årsak: Ekstra"
    ]
    assert page.locator("#id_object").input_value() == "kari"
    assert_accessible(page)

    show_all = page.locator("main a", has_text="Vis alle oppføringer")
    show_all.focus()
    show_all.press("Enter")
    page.wait_for_url(f"**/adviser/conferences/{conference.slug}/log/")
    assert len(rows(page)) == 3


def test_nynorsk_log_explains_a_bad_date_and_stays_accessible(page, live_server):
    adviser, conference = a_conference_with_a_log(language="nn")
    log_in_by_cookie(page, live_server, adviser)

    page.goto(f"/adviser/conferences/{conference.slug}/log/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator("#id_kind option").all_inner_texts() == [
        "Alle",
        "Konferanse",
        "Programpost",
        "Påmelding",
    ]
    assert_accessible(page)

    page.goto(f"/adviser/conferences/{conference.slug}/log/?from=2031-03-02&to=2031-03-01")
    assert page.locator("#id_to_error").inner_text() == "Til-datoen kan ikkje vere før frå-datoen."
    assert page.locator("[data-error-summary]").is_visible()
    assert len(rows(page)) == 2  # from 2 March on: the "to" date is left out
    assert_accessible(page)

    page.goto("/adviser/log/")
    assert page.locator("h1").inner_text() == "Aktivitetslogg"
    assert len(rows(page)) == 3
    assert_accessible(page)


def test_the_log_fits_a_phone_screen(page, live_server):
    adviser, conference = a_conference_with_a_log()
    log_in_by_cookie(page, live_server, adviser)
    page.set_viewport_size({"width": 320, "height": 800})

    for path in (f"/adviser/conferences/{conference.slug}/log/", "/adviser/log/"):
        page.goto(path)
        assert len(rows(page)) == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert_accessible(page)
