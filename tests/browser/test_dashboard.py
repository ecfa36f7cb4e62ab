"""An adviser reads the conference's dashboard and the cross-edition view per hovedmål in bokmål
and nynorsk, on a wide screen and on a phone (320 px, no sideways scrolling). axe-core on every
page."""

import datetime as dt

import pytest
from django.utils import timezone

from conferences.enums import CommitmentState, RegistrationState, SessionState
from partners.enums import MembershipRole
from partners.models import Municipality
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
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    county,
    goal,
)

pytestmark = BROWSER
R = RegistrationState


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def adviser(reference_data):
    user = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=user, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    return user


@pytest.fixture
def conference(reference_data):
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    earlier = ConferenceFactory(title="Møteplass Telemark 2030", slug="mt-2030", year=2030)
    nho = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho")
    ConferencePartnerFactory(conference=conference, organisation=nho)
    for days, state, municipality in [
        (9, R.CONFIRMED, "Skien"),
        (9, R.WAITLISTED, "Vinje"),
        (2, R.CANCELLED, "Skien"),
    ]:
        RegistrationFactory(
            conference=conference,
            state=state,
            organisation=nho,
            sector="naeringsliv",
            municipality=Municipality.objects.get(name=municipality),
            created_at=days_ago(days),
            state_changed_at=days_ago(days),
        )
    for edition in (earlier, conference):
        session = SessionFactory(
            conference=edition, owner=nho, state=SessionState.ACCEPTED, goals=[goal("I1")]
        )
        priority = PriorityFactory(conference=edition, goals=[goal("I1")], sessions=[session])
        CommitmentFactory(priority=priority, responsible_organisation=nho)
        CommitmentFactory(
            priority=priority,
            responsible_network=NetworkFactory(name=f"Hydrogennettverket {edition.year}"),
            state=CommitmentState.DONE,
        )
    return conference


def test_adviser_reads_the_dashboard_and_the_editions_in_nb_and_nn(page, adviser, conference):
    log_in(page, "radgiver@example.no")
    dashboard = f"/adviser/conferences/{conference.slug}/dashboard/"

    for language, heading, nobody, editions_heading in [
        ("nb", "Nøkkeltall", "Ingen ennå", "Hovedmål gjennom årene"),
        ("nn", "Nøkkeltal", "Ingen enno", "Hovudmål gjennom åra"),
    ]:
        if language == "nn":
            adviser.language = "nn"
            adviser.save(update_fields=["language"])
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(dashboard)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("main h2").first.inner_text() == heading
        assert (
            page.locator("#municipalities tr[data-municipality='Vinje'] [data-count]").inner_text()
            == "1"
        )
        assert nobody in page.locator("#municipalities tr[data-municipality='Bamble']").inner_text()
        assert page.locator("#partners tr[data-partner='nho'] td").all_inner_texts() == [
            "1", "1", "1", "0", "2",
        ]  # fmt: skip
        first_day = page.locator("#timeline tbody tr").first.locator("td").all_inner_texts()
        assert [text.strip() for text in first_day] == ["2", "0", "2"]
        assert page.locator("main meter").count() > 0
        assert_accessible(page)

        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(dashboard)
        assert fits(page), "the dashboard scrolls sideways at 320 px"
        assert_accessible(page)

        page.goto("/adviser/editions/")
        assert page.locator("h1").inner_text() == editions_heading
        rows = page.locator("tbody[data-goal='I1'] tr")
        assert rows.count() == 2
        assert rows.nth(0).locator("td").all_inner_texts() == ["1", "45", "0", "1", "2", "1"]
        assert fits(page), "the editions overview scrolls sideways at 320 px"
        assert_accessible(page)

        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto("/adviser/editions/?plan=finnes-ikke")
        assert page.locator("#id_plan_error").is_visible()
        assert page.locator("tbody[data-goal='I1'] tr").count() == 2
        assert_accessible(page)
