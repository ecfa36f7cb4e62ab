"""An adviser builds a timetable with the keyboard alone: places three items, sees a room
conflict, resolves it and publishes; the public programme shows the version. axe-core on every
page and after every htmx swap. A second test drags an item with the mouse."""

import datetime as dt

import pytest

from conferences.domain.schedule import add_slot
from conferences.enums import SessionState
from conferences.models import ProgrammeVersion, Session
from partners.enums import MembershipRole
from tests.browser import keyboard
from tests.browser.conftest import BROWSER, assert_accessible, log_in
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    county,
    goal,
)

pytestmark = BROWSER

DAY = dt.date(2031, 4, 22)


def press(locator, key="Enter"):
    locator.focus()
    locator.press(key)


def settled(page):
    """Wait until htmx has finished its request, swap and settle (polled: the CSP forbids the
    string evaluation of page.wait_for_function)."""
    keyboard.settled(page)


def choose(select, text):
    """Pick an option of a closed <select> by typing its first letters, as a keyboard user does."""
    select.focus()
    select.page.keyboard.type(text)


@pytest.fixture
def timetable():
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    RoomFactory(conference=conference, name="Storsalen", capacity=300, order=0)
    RoomFactory(conference=conference, name="Salong 1", capacity=60, order=1)
    morning = add_slot(conference, day=DAY, start=dt.time(9), end=dt.time(10, 30), by=adviser)
    add_slot(conference, day=DAY, start=dt.time(11), end=dt.time(12), by=adviser)
    items = {
        title: SessionFactory(
            conference=conference,
            title=title,
            state=SessionState.ACCEPTED,
            duration=60,
            goals=[goal("S1")],
        )
        for title in ("Hydrogen i Grenland", "Fagbrev på jobb", "Unge utenfor")
    }
    return conference, items, morning


def log_in_by_keyboard(page):
    log_in(page, "radgiver@example.no")  # the fields are filled and sent with Enter


def place_by_keyboard(page, session, *, slot, room, verb="Plasser"):
    summary = page.locator(f"#item-{session.pk}-move")
    assert summary.inner_text().startswith(verb)
    press(summary)  # opens the form
    choose(page.locator(f"#id_s{session.pk}-slot"), slot)
    choose(page.locator(f"#id_s{session.pk}-room"), room)
    press(page.locator(f"#item-{session.pk} form[data-place-form] button[type='submit']"))


def test_adviser_builds_timetable_by_keyboard_resolves_conflict_and_publishes(page, timetable):
    conference, items, _morning = timetable
    hydrogen, fagbrev, unge = items.values()
    log_in_by_keyboard(page)
    page.goto(f"/adviser/conferences/{conference.slug}/schedule/")
    assert_accessible(page)

    place_by_keyboard(page, hydrogen, slot="09", room="Storsalen")
    status = page.locator("#schedule-status")
    status.get_by_text("«Hydrogen i Grenland» er nå i Storsalen").wait_for()
    settled(page)
    # focus stays on the item that moved, now in the grid
    assert page.evaluate("document.activeElement.id") == f"item-{hydrogen.pk}-move"
    assert page.locator(f"td #item-{hydrogen.pk}").count() == 1

    place_by_keyboard(page, fagbrev, slot="09", room="Storsalen")
    status.get_by_text("«Fagbrev på jobb» er nå i Storsalen").wait_for()
    settled(page)
    conflicts = page.locator("#conflicts-heading")
    assert conflicts.inner_text() == "1 konflikt"
    assert page.locator(".conflict-list").inner_text() == (
        "To poster i samme sal samtidig: «Hydrogen i Grenland» og «Fagbrev på jobb» er begge i "
        "Storsalen kl. 09:00."
    )
    assert_accessible(page)

    place_by_keyboard(page, unge, slot="11", room="Salong")
    status.get_by_text("«Unge utenfor» er nå i Salong 1").wait_for()
    settled(page)

    # resolve: move Fagbrev to Salong 1 in the same slot
    place_by_keyboard(page, fagbrev, slot="09", room="Salong", verb="Flytt")
    status.get_by_text("«Fagbrev på jobb» er nå i Salong 1").wait_for()
    settled(page)
    assert conflicts.inner_text() == "0 konflikter"
    assert_accessible(page)
    assert {s.title: s.room.name for s in Session.objects.select_related("room")} == {
        "Hydrogen i Grenland": "Storsalen",
        "Fagbrev på jobb": "Salong 1",
        "Unge utenfor": "Salong 1",
    }

    press(page.get_by_role("link", name="Publiser programmet"))
    page.wait_for_url("**/schedule/publish/")
    assert_accessible(page)
    note = page.get_by_label("Merknad til leserne (valgfritt)")
    note.focus()
    page.keyboard.type("Første versjon.")
    press(page.get_by_role("button", name="Publiser", exact=True))
    page.get_by_text("Versjon 1 av programmet er publisert.").wait_for()
    assert_accessible(page)
    assert ProgrammeVersion.objects.get().number == 1

    page.goto(f"/programme/{conference.slug}/")
    main = page.locator("main")
    for title in items:
        assert title in main.inner_text()
    assert_accessible(page)


def test_adviser_drags_an_item_onto_a_cell(page, timetable):
    conference, items, morning = timetable
    hydrogen = items["Hydrogen i Grenland"]
    log_in_by_keyboard(page)
    page.goto(f"/adviser/conferences/{conference.slug}/schedule/")

    cell = page.locator(f"td[data-drop-slot='{morning.pk}']").nth(1)  # Salong 1
    page.locator(f"#item-{hydrogen.pk}").drag_to(cell)

    page.locator("#schedule-status").get_by_text(
        "«Hydrogen i Grenland» er nå i Salong 1"
    ).wait_for()
    settled(page)
    hydrogen.refresh_from_db()
    assert (hydrogen.room.name, hydrogen.slot, hydrogen.start) == (
        "Salong 1",
        morning,
        morning.start,
    )
    assert_accessible(page)
