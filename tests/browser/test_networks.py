"""The networks' public pages in a real browser, in bokmål and nynorsk: axe-core clean and no
sideways scrolling at 320 px; and the adviser's page that creates next year's edition."""

import datetime as dt

import pytest
from django.utils import timezone

from conferences.domain.schedule import add_slot, place_session, publish_programme
from conferences.enums import CommitmentState, SessionState
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    county,
    goal,
)

pytestmark = BROWSER


def adviser():
    user = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=user, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    return user


def network_with_a_year_behind_it():
    """A network with goals, members and a lead, a session in a published programme and a
    commitment in a published follow-up report."""
    by = adviser()
    conference = ConferenceFactory(
        title="Møteplass Telemark 2031",
        slug="mt-2031",
        year=2031,
        report_published_at=timezone.now(),
    )
    lead = OrganisationFactory(name="Telemark Næringsråd med eit svært langt organisasjonsnamn")
    ConferencePartnerFactory(conference=conference, organisation=lead)
    network = NetworkFactory(
        name="Hydrogennettverket i Grenland",
        slug="hydrogen",
        description_nb="Bedrifter og kommuner som satser på hydrogen.",
        description_nn="Verksemder og kommunar som satsar på hydrogen.",
        goals=[goal("N1"), goal("S2")],
        lead=lead,
    )
    network.organisations.set([lead, OrganisationFactory(name="Yara Porsgrunn")])
    NetworkFactory(name="Arbeidslivsnettverket", slug="arbeid", goals=[goal("I1")])
    session = SessionFactory(
        conference=conference,
        owner=lead,
        network=network,
        title="Hydrogen i Grenland: fra pilot til industri",
        state=SessionState.ACCEPTED,
        goals=[goal("N1")],
    )
    slot = add_slot(conference, day=conference.start_date, start=dt.time(9), end=dt.time(10), by=by)
    place_session(session, room=RoomFactory(conference=conference), slot=slot, by=by)
    publish_programme(conference, by=by)
    CommitmentFactory(
        priority=PriorityFactory(conference=conference, goals=[goal("N1")]),
        responsible_network=network,
        title_nb="Felles hydrogenstrategi for Grenland innen utgangen av året",
        title_nn="Felles hydrogenstrategi for Grenland innan utgangen av året",
        state=CommitmentState.IN_PROGRESS,
        due_date=dt.date(2031, 12, 1),
    )
    return conference, network


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_network_pages_are_accessible_and_fit_a_phone(page, language):
    network_with_a_year_behind_it()
    page.goto("/networks/")
    if language == "nn":
        page.locator(".language-switcher button[value='nn']").click()
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == "Fagnettverk"
    assert_accessible(page)

    page.locator("main a[href='/networks/hydrogen/']").click()
    page.wait_for_url("**/networks/hydrogen/")
    assert page.locator("h1").inner_text() == "Hydrogennettverket i Grenland"
    description = {
        "nb": "Bedrifter og kommuner som satser på hydrogen.",
        "nn": "Verksemder og kommunar som satsar på hydrogen.",
    }[language]
    assert description in page.locator("main").inner_text()
    assert page.locator("#network-sessions ~ ul a").inner_text() == (
        "Hydrogen i Grenland: fra pilot til industri"
    )
    assert page.locator("#network-commitments ~ .table-wrapper tbody tr").count() == 1
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/networks/", "/networks/hydrogen/"):
        page.goto(path)
        assert fits(page), f"{path} scrolls sideways at 320 px"
        assert_accessible(page)


def test_the_next_edition_page_is_accessible(page):
    conference, _network = network_with_a_year_behind_it()
    log_in(page, "radgiver@example.no")
    page.goto(f"/adviser/conferences/{conference.slug}/next-edition/")
    assert page.locator("input[name='title']").input_value() == "Møteplass Telemark 2032"
    assert_accessible(page)
    # a bad short name: the error summary and the message at the field pass axe-core too
    page.locator("input[name='slug']").fill(conference.slug)
    page.locator("main form button[type='submit']").click()
    page.wait_for_load_state()
    assert page.locator(".ds-error-summary").count() == 1
    assert_accessible(page)
    page.locator("input[name='slug']").fill("mt-2032")
    page.locator("main form button[type='submit']").click()
    page.wait_for_url("**/adviser/conferences/mt-2032/")
    assert_accessible(page)
