"""The four main flows with the keyboard alone: a participant registers, a partner proposes a
programme item, an adviser places an item in the timetable and publishes, a helper checks a person
in after searching by name. Only page.keyboard drives the page (Tab, Shift+Tab, Enter, Space,
arrow keys, typing): no clicks, no focusing by script. Every stop of the focus must be visible
(tests/browser/keyboard.py); after each htmx swap focus is on a sensible element, never <body>;
outcomes are announced by a live region. axe-core on every page the flows reach."""

import datetime as dt
import re

from django.utils import timezone

from conferences.enums import RegistrationState, SignupState
from conferences.models import ProgrammeVersion, Registration, Session
from partners.enums import MembershipRole
from partners.models import User
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.crawl_support import log_in
from tests.browser.keyboard import (
    arrow_to,
    assert_focus_visible,
    focused_matches,
    live_region_text,
    settled,
    tab_to,
    wait_until,
)
from tests.browser.test_checkin import day  # noqa: F401 - the check-in fixture
from tests.browser.test_schedule import timetable  # noqa: F401 - the timetable fixture
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    open_registration,
    parallel_slot,
)

pytestmark = BROWSER


def skip_to_main(page) -> None:
    """The first Tab reaches the skip link; Enter moves the reading position to <main>."""
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.ds-skip-link")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert focused_matches(page, "main#main")


def test_participant_registers_with_the_keyboard_alone(page):
    conference = open_registration(
        ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031),
        capacity=100,
    )
    slot, (hydrogen, tourism) = parallel_slot(
        conference, hour=10, capacities=(20, 20), titles=["Hydrogen i Grenland", "Reiseliv"]
    )
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/register/{conference.slug}/")
    assert_accessible(page)

    # Sent empty: the error summary has the focus, and its first link leads to the field.
    skip_to_main(page)
    tab_to(page, "form.registration-form button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused_matches(page, "[data-error-summary]")
    assert_focus_visible(page)
    assert "Skriv fornavnet ditt." in page.locator("[data-error-summary]").inner_text()
    assert_accessible(page)
    page.keyboard.press("Tab")
    assert focused_matches(page, "[data-error-summary] a[href='#id_first_name']")
    page.keyboard.press("Enter")
    assert focused_matches(page, "#id_first_name")
    assert_focus_visible(page)

    page.keyboard.type("Áile")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#id_last_name")
    page.keyboard.type("Ŋuolja")
    page.keyboard.press("Tab")
    page.keyboard.type("aile@example.no")
    # the parallel sessions: Tab into the group lands on its choice ("none"); the arrow key
    # moves on to the first workshop and then the second
    tab_to(page, f"input[name='session_{slot.pk}']")
    assert focused_matches(page, f"input[name='session_{slot.pk}'][value='']:checked")
    page.keyboard.press("ArrowDown")
    assert focused_matches(page, f"input[name='session_{slot.pk}'][value='{hydrogen.pk}']")
    page.keyboard.press("ArrowDown")
    assert focused_matches(page, f"input[name='session_{slot.pk}'][value='{tourism.pk}']")
    assert_focus_visible(page)
    tab_to(page, "input[name='diets'][value='vegetarian']")
    page.keyboard.press("Space")
    tab_to(page, "form.registration-form button[type='submit']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/registration/[^/]+/$"))

    registration = Registration.objects.get(email="aile@example.no")
    assert (registration.first_name, registration.last_name, registration.state) == (
        "Áile",
        "Ŋuolja",
        RegistrationState.CONFIRMED,
    )
    assert registration.diets == ["vegetarian"]
    assert [(s.session.title, s.state) for s in registration.signups.all()] == [
        ("Reiseliv", SignupState.CONFIRMED)
    ]
    assert live_region_text(page, ".messages") == (
        "Du er påmeldt. Vi har sendt en bekreftelse til aile@example.no."
    )
    assert_accessible(page)


def test_error_summary_keeps_the_focus_on_an_address_with_a_fragment(page):
    """A form on an address ending in "#main" posts to that address, and the browser moves focus
    to the fragment's target once the answer has loaded: the error summary still gets it."""
    conference = open_registration(ConferenceFactory(slug="mt-2031", year=2031))
    page.goto(f"/register/{conference.slug}/#main")
    tab_to(page, "form.registration-form button[type='submit']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/register/{conference.slug}/#main")
    assert focused_matches(page, "[data-error-summary]")
    assert_focus_visible(page)


def test_partner_proposes_an_item_with_the_keyboard_alone(page, live_server):
    now = timezone.now()
    conference = ConferenceFactory(
        title="Møteplass Telemark 2031",
        slug="mt-2031",
        year=2031,
        call_opens=now - dt.timedelta(days=1),
        call_closes=now + dt.timedelta(days=14),
    )
    nho = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho")
    ConferencePartnerFactory(conference=conference, organisation=nho)
    editor = UserFactory(email="redaktor@example.no", first_name="Eva")
    MembershipFactory(user=editor, organisation=nho, role=MembershipRole.EDITOR)
    log_in(page.context, live_server.url, editor)
    dashboard = f"/partner/{conference.slug}/"

    page.goto(dashboard)
    skip_to_main(page)
    tab_to(page, f"main a[href='{dashboard}proposals/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{dashboard}proposals/new/")
    assert_accessible(page)

    skip_to_main(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Grønn industri i Grenland")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#id_abstract")
    page.keyboard.type("Hvordan hydrogen kan gi nye arbeidsplasser.")
    tab_to(page, "#id_format")
    arrow_to(page, "Verksted")
    tab_to(page, "#id_duration")
    page.keyboard.press("Control+A")
    page.keyboard.type("90")
    for code in ("S1", "N1"):
        tab_to(page, f"input[name='goals'][value='{code}']")
        page.keyboard.press("Space")
    tab_to(page, "#id_speakers-0-name")
    page.keyboard.type("Kari Nordmann")
    tab_to(page, "main form button[name='submit']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{dashboard}proposals/\d+/$"))

    proposal = Session.objects.get(title="Grønn industri i Grenland")
    assert (proposal.state, proposal.format, proposal.duration) == ("submitted", "workshop", 90)
    assert sorted(proposal.goals.values_list("code", flat=True)) == ["N1", "S1"]
    assert [s.name for s in proposal.speakers.all()] == ["Kari Nordmann"]
    assert live_region_text(page, ".messages") == (
        "Forslaget er sendt inn. Rådgiverne vil vurdere det."
    )
    assert_accessible(page)


def test_adviser_places_an_item_and_publishes_with_the_keyboard_alone(
    page,
    live_server,
    timetable,  # noqa: F811 - the fixture imported above
):
    conference, items, morning = timetable
    hydrogen = items["Hydrogen i Grenland"]
    log_in(page.context, live_server.url, User.objects.get(email="radgiver@example.no"))
    page.goto(f"/adviser/conferences/{conference.slug}/schedule/")
    assert_accessible(page)

    skip_to_main(page)
    tab_to(page, f"#item-{hydrogen.pk}-move")
    page.keyboard.press("Enter")  # opens the item's form
    # sent without a time slot: the swapped-in form's error summary has the focus
    tab_to(page, f"#item-{hydrogen.pk} form[data-place-form] button[type='submit']")
    page.keyboard.press("Enter")
    page.locator("#schedule-status").get_by_text("ble ikke flyttet").wait_for()
    settled(page)
    assert focused_matches(
        page, f"#item-{hydrogen.pk} [data-error-summary] #s{hydrogen.pk}-error-summary"
    )
    assert_focus_visible(page)
    assert live_region_text(page, "#schedule-status") == (
        "«Hydrogen i Grenland» ble ikke flyttet: se skjemaet."
    )
    assert_accessible(page)

    tab_to(page, f"#id_s{hydrogen.pk}-slot")
    arrow_to(page, "09:00–10:30")
    tab_to(page, f"#id_s{hydrogen.pk}-room")
    arrow_to(page, "Salong 1")
    tab_to(page, f"#item-{hydrogen.pk} form[data-place-form] button[type='submit']")
    page.keyboard.press("Enter")
    page.locator("#schedule-status").get_by_text(
        "«Hydrogen i Grenland» er nå i Salong 1"
    ).wait_for()
    settled(page)

    # htmx swapped the editor: focus is on the item that moved, now in the grid, and shows
    assert focused_matches(page, f"td #item-{hydrogen.pk}-move")
    assert_focus_visible(page)
    assert live_region_text(page, "#schedule-status") == (
        "«Hydrogen i Grenland» er nå i Salong 1, tirsdag 22. april 09:00–10:00."
    )
    hydrogen.refresh_from_db()
    assert (hydrogen.room.name, hydrogen.slot) == ("Salong 1", morning)
    assert_accessible(page)

    # taken out again: focus follows the item back to the list of items to place
    page.keyboard.press("Enter")  # opens the item's form again
    tab_to(page, f"#item-{hydrogen.pk} form[data-unplace-form] button[type='submit']")
    page.keyboard.press("Enter")
    page.locator("#schedule-status").get_by_text("er tatt ut av timeplanen").wait_for()
    settled(page)
    assert focused_matches(page, f".schedule-unplaced #item-{hydrogen.pk}-move")
    assert_focus_visible(page)
    assert live_region_text(page, "#schedule-status") == (
        "«Hydrogen i Grenland» er tatt ut av timeplanen."
    )

    # and placed once more, to publish
    page.keyboard.press("Enter")
    tab_to(page, f"#id_s{hydrogen.pk}-slot")
    arrow_to(page, "09:00–10:30")
    tab_to(page, f"#id_s{hydrogen.pk}-room")
    arrow_to(page, "Salong 1")
    tab_to(page, f"#item-{hydrogen.pk} form[data-place-form] button[type='submit']")
    page.keyboard.press("Enter")
    page.locator("#schedule-status").get_by_text("er nå i Salong 1").wait_for()
    settled(page)
    assert focused_matches(page, f"td #item-{hydrogen.pk}-move")

    # on from the item to the publishing page, and publish
    tab_to(page, "main a[href$='/schedule/publish/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/schedule/publish/")
    assert_accessible(page)
    skip_to_main(page)
    tab_to(page, "main textarea[name='note']")
    page.keyboard.type("Første versjon.")
    tab_to(page, "main form button[type='submit']")
    page.keyboard.press("Enter")
    page.get_by_text("Versjon 1 av programmet er publisert.").wait_for()
    assert live_region_text(page, ".messages").startswith("Versjon 1 av programmet er publisert.")
    assert ProgrammeVersion.objects.get().note == "Første versjon."
    assert_accessible(page)


def test_helper_finds_a_person_by_name_and_checks_in_with_the_keyboard_alone(
    page,
    live_server,
    day,  # noqa: F811 - the fixture imported above
):
    conference, kari = day
    log_in(page.context, live_server.url, User.objects.get(email="radgiver@example.no"))
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/adviser/conferences/{conference.slug}/checkin/")

    # the code box has focus, ready for a scanner; the name search is the next field on
    assert focused_matches(page, "[data-code-field]")
    assert_focus_visible(page)
    tab_to(page, "#id_q")
    page.keyboard.type("nordm")
    page.locator("#checkin-search-status").get_by_text("2 funnet").wait_for()
    settled(page)
    # the results were swapped in below; focus stays in the search box
    assert focused_matches(page, "#id_q")
    assert_focus_visible(page)
    assert live_region_text(page, "#checkin-search-status") == "2 funnet"
    assert_accessible(page)

    tab_to(page, ".checkin-result__name")
    assert page.evaluate("document.activeElement.textContent") == "Kari Nordmann"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/checkin/code/{kari.ticket_code}/")
    assert focused_matches(page, "#checkin-person-name")
    assert_focus_visible(page)
    assert_accessible(page)

    tab_to(page, "[data-checkin-button]")
    page.keyboard.press("Enter")
    page.locator("#checkin-status").get_by_text("Sjekket inn: Kari Nordmann").wait_for()
    settled(page)
    # htmx swapped the person's card: focus is back in the empty code box for the next person
    assert focused_matches(page, "[data-code-field]")
    assert page.evaluate("document.activeElement.value") == ""
    assert_focus_visible(page)
    assert live_region_text(page, "#checkin-status") == "Sjekket inn: Kari Nordmann"
    kari.refresh_from_db()
    assert kari.state == RegistrationState.CHECKED_IN
    assert_accessible(page)

    # Shift+Tab goes back to the undo button, which the swap put in place of "Check in"
    tab_to(page, "#checkin-person button[type='submit']", backwards=True)
    assert page.evaluate("document.activeElement.textContent") == "Angre innsjekking"
    assert tab_to(page, "[data-code-field]") == 1


def test_a_table_too_wide_for_a_phone_scrolls_with_the_keyboard(
    page,
    live_server,
    timetable,  # noqa: F811 - the fixture imported above
):
    conference, _items, _morning = timetable
    log_in(page.context, live_server.url, User.objects.get(email="radgiver@example.no"))
    wrapper = page.locator("main .table-wrapper")

    # on a desktop the table fits: its box is no extra Tab stop
    page.goto(f"/adviser/conferences/{conference.slug}/rooms/")
    assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert wrapper.get_attribute("tabindex") is None

    # on a phone it scrolls inside its box, which is a named region reached with Tab
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/adviser/conferences/{conference.slug}/rooms/")
    skip_to_main(page)
    tab_to(page, "main .table-wrapper")
    assert (wrapper.get_attribute("role"), wrapper.get_attribute("tabindex")) == ("region", "0")
    label = wrapper.get_attribute("aria-labelledby")
    assert page.locator(f"#{label}").inner_text() == "Saler"
    assert wrapper.evaluate("el => el.scrollLeft") == 0
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # (the browser scrolls smoothly)
    wait_until(page, "document.querySelector('main .table-wrapper').scrollLeft > 0")
    assert_focus_visible(page)
    assert_accessible(page)
