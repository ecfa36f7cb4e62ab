"""A participant registers in nynorsk with the keyboard alone, picks two sessions (one of them
full, so that one goes on its waiting list), sees the management page, the ticket, and cancels.
axe-core checks every page on the way."""

import re

import pytest

from conferences.domain.registration import register
from conferences.enums import RegistrationState, SignupState
from conferences.models import Invitation, Registration
from tests.browser.conftest import BROWSER, assert_accessible
from tests.factories import ConferenceFactory, open_registration, parallel_slot

pytestmark = BROWSER


def press(locator, key="Enter"):
    """Operate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def type_into(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_participant_registers_in_nynorsk_with_the_keyboard_and_cancels(page):
    conference = open_registration(
        ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031),
        capacity=100,
    )
    morning, (hydrogen, _tourism) = parallel_slot(
        conference, hour=10, capacities=(1, 20), titles=["Hydrogen i Grenland", "Reiseliv"]
    )
    afternoon, (culture, _roads) = parallel_slot(
        conference, hour=13, capacities=(30, 30), titles=["Kultur og frivilligheit", "Vegar"]
    )
    register(
        conference,
        values={"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"},
        sessions=[hydrogen],
    )

    page.set_viewport_size({"width": 320, "height": 800})  # reflow: a phone, no sideways scroll
    page.goto(f"/register/{conference.slug}/")
    press(page.locator(".language-switcher button[value='nn']"))
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator("h1").inner_text() == "Meld deg på Møteplass Telemark 2031"
    assert_accessible(page)
    assert fits(page)

    # Sent empty: the error summary lists what is missing, and has the focus.
    press(page.locator("form.registration-form button[type='submit']"))
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert "Skriv førenamnet ditt." in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert Registration.objects.count() == 1
    assert_accessible(page)
    assert fits(page)

    type_into(page, page.locator("#id_first_name"), "Áile")
    page.keyboard.press("Tab")
    page.keyboard.type("Ŋuolja")
    page.keyboard.press("Tab")
    page.keyboard.type("aile@example.no")
    page.keyboard.press("Tab")
    page.keyboard.type("912 34 567")
    assert page.evaluate("document.activeElement.id") == "id_phone"
    type_into(page, page.locator("#id_job_title"), "Dagleg leiar")

    full = page.locator(f"input[name='session_{morning.pk}'][value='{hydrogen.pk}']")
    press(full, "Space")
    open_session = page.locator(f"input[name='session_{afternoon.pk}'][value='{culture.pk}']")
    press(open_session, "Space")
    press(page.locator("input[name='diets'][value='vegetarian']"), "Space")
    assert full.is_checked() and open_session.is_checked()
    assert (
        "Fullt – set deg på ventelista"
        in page.locator(f"label[for='{full.get_attribute('id')}']").inner_text()
    )

    press(page.locator("form.registration-form button[type='submit']"))
    page.wait_for_url(re.compile(r"/registration/[^/]+/$"))
    registration = Registration.objects.get(email="aile@example.no")
    assert registration.state == RegistrationState.CONFIRMED
    assert (registration.language, registration.phone, registration.diets) == (
        "nn",
        "+4791234567",
        ["vegetarian"],
    )
    assert sorted(
        (signup.session.title, signup.state) for signup in registration.signups.all()
    ) == [
        ("Hydrogen i Grenland", SignupState.WAITLISTED),
        ("Kultur og frivilligheit", SignupState.CONFIRMED),
    ]
    assert "Du er påmeld." in page.locator(".messages").inner_text()
    assert "Plassen din på konferansen er stadfesta." in page.locator("main").inner_text()
    assert (
        page.locator("li[data-signup-state='waitlisted']")
        .inner_text()
        .startswith("Hydrogen i Grenland")
    )
    assert_accessible(page)
    assert fits(page)

    press(page.locator("a", has_text="Vis billetten din"))
    page.wait_for_url("**/ticket/")
    assert registration.ticket_code in page.locator("figcaption").inner_text()
    assert page.locator("svg[role='img']").count() == 1
    assert_accessible(page)
    assert fits(page)

    press(page.locator("main a", has_text="Tilbake til påmeldinga di"))
    page.wait_for_url(re.compile(r"/registration/[^/]+/$"))
    press(page.locator("a", has_text="Meld deg av"))
    page.wait_for_url("**/cancel/")
    assert_accessible(page)
    assert fits(page)

    press(page.locator("main form button[type='submit']"))
    page.wait_for_url(re.compile(r"/registration/[^/]+/$"))
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED
    assert "Påmeldinga di er avmeld." in page.locator(".messages").inner_text()
    assert page.locator("section[data-state='cancelled']").count() == 1
    assert_accessible(page)
    assert fits(page)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_registration_page_is_accessible(page, language):
    conference = open_registration(
        ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031), capacity=1
    )
    _slot, (hydrogen, _tourism) = parallel_slot(conference, hour=10, capacities=(1, 20))
    invitation = Invitation.objects.create(
        conference=conference, first_name="Åse", last_name="Ødegård", email="ase@example.no"
    )
    confirmed = register(
        conference,
        values={"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"},
        sessions=[hydrogen],
    )
    waiting = register(
        conference,
        values={"first_name": "Ola", "last_name": "Bø", "email": "ola@example.no"},
        sessions=[hydrogen],
    )
    closed = ConferenceFactory(title="Møteplass Telemark 2032", slug="mt-2032", year=2032)
    page.goto("/")
    if language == "nn":
        press(page.locator(".language-switcher button[value='nn']"))
        page.wait_for_load_state()
    token = confirmed.manage_token
    paths = [
        f"/register/{conference.slug}/invitation/{invitation.token}/",
        f"/register/{closed.slug}/",
        f"/registration/{token}/sessions/",
        f"/registration/{token}/details/",
        f"/registration/{token}/erase/",
        f"/registration/{waiting.manage_token}/",
        f"/register/{conference.slug}/deleted/",
    ]
    for path in paths:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language, path
        assert_accessible(page)
        assert fits(page), path
