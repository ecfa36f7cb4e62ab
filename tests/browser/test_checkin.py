"""Check-in on the day in a real browser: the pages pass axe-core on a phone (320 px) and on a
desktop (1280 px); a helper checks a person in with the keyboard alone (code → person → Check in)
and hears the outcome from the live region; the camera reads the QR code of a ticket (Chromium's
fake camera shows one) and finds the person."""

import pytest
from django.utils import timezone

from conferences.enums import AccessNeed, Allergen, RegistrationState
from conferences.models import Registration
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.conftest import log_in as browser_log_in
from tests.browser.test_schedule import settled
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
    county,
)
from tests.support.camera import camera_context, y4m_with_qr

pytestmark = BROWSER

CODE = "Kq3xT9mZ_a7LbV2nW-c8dE"


@pytest.fixture
def day():
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    organisation = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    kari = RegistrationFactory(
        conference=conference,
        first_name="Kari",
        last_name="Nordmann",
        ticket_code=CODE,
        organisation=organisation,
        job_title="Ordfører",
        allergens=[Allergen.PEANUTS],
        access_needs=[AccessNeed.WHEELCHAIR],
    )
    RegistrationFactory(
        conference=conference,
        first_name="Per",
        last_name="Nordmann",
        state=RegistrationState.CHECKED_IN,
        checked_in_at=timezone.now(),
    )
    return conference, kari


def log_in(page):
    browser_log_in(page, "radgiver@example.no")


def active(page, expression: str):
    return page.evaluate(f"document.activeElement.{expression}")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [320, 1280])
def test_checkin_pages_pass_axe_and_fit_the_screen(page, day, width):
    conference, kari = day
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page)

    page.goto(f"/adviser/conferences/{conference.slug}/checkin/")
    assert_accessible(page)
    assert fits(page)
    page.locator("#id_q").fill("nordmann")
    page.locator("#checkin-search-status").get_by_text("2 funnet").wait_for()
    settled(page)
    assert page.locator(".checkin-result__name").all_inner_texts() == [
        "Kari Nordmann",
        "Per Nordmann",
    ]
    assert_accessible(page)
    assert fits(page)

    page.goto(f"/adviser/conferences/{conference.slug}/checkin/code/{CODE}/")
    assert_accessible(page)
    assert fits(page)
    assert page.locator(".checkin-needs").inner_text().split("\n") == [
        "Trenger oppmerksomhet",
        "Allergier",
        "Peanøtter",
        "Tilretteleggingsbehov",
        "Rullestolbruker",
    ]

    response = page.goto(f"/adviser/conferences/{conference.slug}/checkin/code/ukjent-kode-123/")
    assert response.status == 404
    assert_accessible(page)
    page.console_errors.clear()  # Chromium reports the page's own 404 status on the console
    page.goto(f"/adviser/conferences/{conference.slug}/badges/")
    assert_accessible(page)
    assert fits(page)


def test_helper_checks_in_by_keyboard_and_hears_the_outcome(page, day):
    conference, kari = day
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page)
    page.goto(f"/adviser/conferences/{conference.slug}/checkin/")

    # the code box has focus: a scanner (or a person) types the code and Enter
    assert active(page, "name") == "code"
    page.keyboard.type(f"  {CODE} ")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/checkin/code/{CODE}/")
    assert active(page, "id") == "checkin-person-name"

    for _tab in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-checkin-button')"):
            break
    assert active(page, "textContent") == "Sjekk inn"
    page.evaluate("document.getElementById('checkin-status').dataset.seen = 'before'")
    page.keyboard.press("Enter")

    status = page.locator("#checkin-status")
    status.get_by_text("Sjekket inn: Kari Nordmann").wait_for()
    settled(page)
    # the same live region, announced politely; focus is back in the code box for the next one
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("data-seen") == "before"
    assert active(page, "name") == "code"
    assert page.locator("[data-checkin-state]").inner_text().startswith("Sjekket inn – sjekket")
    assert_accessible(page)
    kari.refresh_from_db()
    assert kari.state == RegistrationState.CHECKED_IN

    # the same code again: the second helper is told when, and by whom
    page.keyboard.type(CODE)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/checkin/code/{CODE}/")
    page.locator(".checkin-person__name").wait_for()
    assert page.locator("[data-checkin-button]").count() == 0
    assert page.locator("text=Angre innsjekking").count() == 1


def test_camera_reads_the_ticket_qr_code_and_finds_the_person(browser, live_server, day, tmp_path):
    conference, kari = day
    video = tmp_path / "ticket.y4m"
    y4m_with_qr(video, CODE)
    with camera_context(browser, live_server.url, video) as context:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in(page)
        page.goto(f"/adviser/conferences/{conference.slug}/checkin/")

        start = page.get_by_role("button", name="Skann med kameraet")
        start.focus()
        page.keyboard.press("Enter")

        page.wait_for_url(f"**/checkin/code/{CODE}/", timeout=20_000)
        assert page.locator(".checkin-person__name").inner_text() == "Kari Nordmann"
        assert errors == []
    assert Registration.objects.get(pk=kari.pk).state == RegistrationState.CONFIRMED
