"""The follow-up in a real browser: a partner editor logs in, finds the organisation's
commitments, opens one and changes its status to "in progress" with a note using the keyboard
alone, and hears the outcome; the advisers' follow-up page and forms in bokmål and nynorsk.
axe-core on every page, and every page fits a 320 px screen without sideways scrolling."""

import datetime as dt

import pytest

from conferences.enums import CommitmentState, SessionState
from conferences.models import Commitment
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
    SessionFactory,
    UserFactory,
    county,
    goal,
)

pytestmark = BROWSER


def press(locator, key="Enter"):
    """Operate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def check(page) -> None:
    """axe-core clean, and no sideways scrolling on a phone."""
    assert_accessible(page)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 800})
    assert fits(page), f"{page.url} does not fit 320 px"
    page.set_viewport_size({"width": width, "height": 800})


@pytest.fixture
def followup():
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    nho = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho")
    skien = OrganisationFactory(name="Skien kommune", slug="skien")
    for organisation in (nho, skien):
        ConferencePartnerFactory(conference=conference, organisation=organisation)
    editor = UserFactory(email="redaktor@example.no", first_name="Eva", last_name="Redaktør")
    MembershipFactory(user=editor, organisation=nho, role=MembershipRole.EDITOR)
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    session = SessionFactory(
        conference=conference,
        owner=nho,
        title="Lærlinger i industrien",
        goals=[goal("S2")],
        state=SessionState.ACCEPTED,
    )
    priority = PriorityFactory(
        conference=conference,
        title_nb="Flere lærlingplasser",
        title_nn="Fleire lærlingplassar",
        goals=[goal("S2"), goal("I1")],
        sessions=[session],
        order=1,
    )
    commitment = CommitmentFactory(
        priority=priority,
        title_nb="Ti nye lærlingplasser i industrien",
        title_nn="Ti nye lærlingplassar i industrien",
        responsible_organisation=nho,
        contributors=[skien],
        due_date=dt.date(2031, 12, 1),
        status_note="Avtalt på konferansen.",
    )
    network = NetworkFactory(name="Fagnettverk for fagbrev", lead=skien, goals=[goal("S2")])
    CommitmentFactory(
        priority=priority,
        title_nb="Felles kampanje for fagbrev",
        responsible_network=network,
        due_date=dt.date(2032, 3, 1),
    )
    return conference, priority, commitment


def test_partner_editor_updates_a_commitment_with_the_keyboard(page, followup):
    conference, _priority, commitment = followup
    log_in(page, "redaktor@example.no")

    page.goto("/partner/followup/commitments/")
    assert page.locator("h1").inner_text() == "Våre oppfølgingspunkter"
    assert "1 oppfølgingspunkt er fortsatt åpent." in page.locator("main").inner_text()
    assert page.locator("main table tbody th[scope='row']").all_inner_texts() == [
        "Ti nye lærlingplasser i industrien"
    ]
    check(page)

    press(page.locator("main table a", has_text="Ti nye lærlingplasser i industrien"))
    page.wait_for_url(f"**/followup/{conference.slug}/commitments/{commitment.pk}/")
    assert page.locator("h1").inner_text() == "Ti nye lærlingplasser i industrien"
    check(page)

    # the status radios: the current status is chosen; the arrow key moves to the next one
    planned = page.locator("#id_state_0")
    assert planned.is_checked()
    press(planned, "ArrowDown")
    assert page.locator("#id_state_1").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_note"
    page.keyboard.type("Fire lærlinger har begynt, seks til i august.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    status = page.locator(".messages[role='status']")
    assert status.inner_text().strip() == "Statusen er endret til «I gang»."
    first = page.locator("tr.status-update").first.inner_text()
    assert "Planlagt → I gang" in first
    assert "Fire lærlinger har begynt, seks til i august." in first
    assert "Eva Redaktør (NHO Vestfold og Telemark)" in first
    assert page.locator("[data-state]").first.inner_text() == "I gang"
    commitment.refresh_from_db()
    assert commitment.state == CommitmentState.IN_PROGRESS
    check(page)

    # sent without a note: the message is next to the field, the error summary has the focus
    press(page.locator("main button[type='submit']"))
    page.wait_for_load_state()
    assert page.locator("#id_note_error").inner_text() == (
        "Skriv en kort merknad om hva som har skjedd."
    )
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert Commitment.objects.get(pk=commitment.pk).updates.count() == 1
    check(page)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_adviser_followup_pages_pass_axe_and_fit_a_phone(page, followup, language):
    conference, priority, commitment = followup
    log_in(page, "radgiver@example.no")
    if language == "nn":
        page.goto("/")
        press(page.locator(".language-switcher button[value='nn']"))
        page.wait_for_load_state()
    base = f"/adviser/conferences/{conference.slug}/followup/"

    page.goto(base)
    assert page.locator("html").get_attribute("lang") == language
    expected = {"nb": "Oppfølging", "nn": "Oppfølging"}[language]
    assert page.locator("main h2").first.inner_text() == expected
    check(page)

    for path in (
        "priorities/new/",
        f"priorities/{priority.pk}/",
        f"priorities/{priority.pk}/commitments/new/",
        f"commitments/{commitment.pk}/edit/",
    ):
        response = page.goto(base + path)
        assert response.status == 200, path
        check(page)

    # a commitment without a responsible party: the messages, and the page still passes
    page.goto(base + f"priorities/{priority.pk}/commitments/new/")
    page.locator("#id_title_nb").fill("Nytt punkt")
    page.locator("#id_due_date").fill("2031-12-01")
    press(page.locator("main form button[type='submit']"))
    page.wait_for_load_state()
    message = {
        "nb": "Velg organisasjonen eller fagnettverket som har ansvaret.",
        "nn": "Vel organisasjonen eller fagnettverket som har ansvaret.",
    }[language]
    assert page.locator("#id_responsible_organisation_error").inner_text() == message
    check(page)

    # a priority without a main goal
    page.goto(base + "priorities/new/")
    page.locator("#id_title_nb").fill("Ny prioritering")
    press(page.locator("main form button[type='submit']"))
    page.wait_for_load_state()
    assert page.locator("#id_goals_error").is_visible()
    check(page)

    page.goto(f"/followup/{conference.slug}/commitments/{commitment.pk}/")
    check(page)
