"""Issue 6, done when: on the demo conference a participant registers from her invitation in
nynorsk, picks sessions, gets the confirmation with calendar and ticket, changes a session; a
helper checks her in by scanning the ticket's QR code with the camera; the adviser exports the
catering list. Keyboard only where a person acts; axe-core on every page.

(The rush benchmark's zero oversold and zero lost are `make bench` figures, in the README.)"""

import csv
import datetime as dt
import io
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from conferences import demo_data as data
from conferences.enums import MailRole, RegistrationState, SignupState
from conferences.models import Conference, Invitation, OutboxMessage, Registration, Session
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.conftest import log_in as browser_log_in
from tests.browser.keyboard import wait_until
from tests.support.camera import camera_context, y4m_with_qr

pytestmark = BROWSER

SLUG = "moteplass-telemark-2026"
CULTURE = "Verkstad: Kulturarv som drivkraft for lokalsamfunn"


def press(locator, key="Enter"):
    locator.focus()
    locator.press(key)


def log_in(page, email):
    browser_log_in(page, email, data.PASSWORD)


def demo_with_registration_open():
    """The demo at the stage "programme"; registration open now, whatever today's date."""
    call_command("seed_demo", stage="programme", force=True, stdout=StringIO())
    now = timezone.now()
    Conference.objects.filter(slug=SLUG).update(
        registration_opens=now - dt.timedelta(days=30),
        registration_closes=now + dt.timedelta(days=7),
        registration_changes_until=now + dt.timedelta(days=7),
    )
    return Conference.objects.get(slug=SLUG)


def radio(page, session):
    return page.locator(f"input[name='session_{session.slot_id}'][value='{session.pk}']")


def test_invited_participant_registers_in_nynorsk_and_is_checked_in_by_camera(
    page, browser, live_server, tmp_path
):
    conference = demo_with_registration_open()
    guro = Invitation.objects.get(conference=conference, email="guro.kleppe@demo.example.no")
    sessions = {s.title: s for s in Session.objects.filter(conference=conference)}
    full, nearly_full = sessions[data.FULL_WORKSHOP], sessions[data.NEARLY_FULL_WORKSHOP]
    culture = sessions[CULTURE]
    assert full.signups.filter(state=SignupState.CONFIRMED).count() == full.capacity == 40

    # Her invitation's answer link speaks nynorsk and leads to the form with her details in it.
    page.goto(reverse("invitation_answer", args=[guro.token]))
    assert page.locator("html").get_attribute("lang") == "nn"
    assert_accessible(page)
    press(page.locator("[data-register] a.ds-button"))
    page.wait_for_url(f"**/register/{SLUG}/invitation/{guro.token}/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator("#id_first_name").input_value() == "Guro"
    assert page.locator("#id_email").input_value() == "guro.kleppe@demo.example.no"
    assert_accessible(page)

    press(radio(page, full), "Space")  # full: her place goes on its waiting list
    press(radio(page, nearly_full), "Space")
    press(page.locator("input[name='diets'][value='vegetarian']"), "Space")
    press(page.locator("input[name='allergens'][value='nuts']"), "Space")
    press(page.locator("form.registration-form button[type='submit']"))
    page.wait_for_url(re.compile(r"/registration/[^/]+/$"))
    registration = Registration.objects.get(conference=conference, email=guro.email)
    assert (registration.state, registration.language) == (RegistrationState.CONFIRMED, "nn")
    assert registration.invitation == guro
    assert sorted((s.session.title, s.state) for s in registration.signups.all()) == sorted(
        [(full.title, SignupState.WAITLISTED), (nearly_full.title, SignupState.CONFIRMED)]
    )
    assert "Plassen din på konferansen er stadfesta." in page.locator("main").inner_text()
    assert_accessible(page)

    # The confirmation: in nynorsk, with her management link and the calendar file.
    [confirmation] = OutboxMessage.objects.filter(
        to_email=guro.email, role=MailRole.REGISTRATION_CONFIRMATION
    )
    assert confirmation.subject == "Du er påmeld Møteplass Telemark 2026"
    assert f"/registration/{registration.manage_token}/" in confirmation.body
    events = Calendar.from_ical(confirmation.attachment).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [
        "Møteplass Telemark 2026",
        nearly_full.title,
    ]

    # The ticket: the QR code of her ticket code.
    press(page.locator(f"a[href$='/registration/{registration.manage_token}/ticket/']"))
    page.wait_for_url("**/ticket/")
    assert registration.ticket_code in page.locator("figcaption").inner_text()
    assert page.locator("svg[role='img']").count() == 1
    assert_accessible(page)

    # She changes a session: the culture workshop instead of waiting for the full one.
    page.goto(reverse("registration_sessions", args=[registration.manage_token]))
    assert_accessible(page)
    press(radio(page, culture), "Space")
    press(page.locator("main form button[type='submit']"))
    page.wait_for_url(re.compile(r"/registration/[^/]+/$"))
    assert sorted(
        (s.session.title, s.state) for s in registration.signups.exclude(state="cancelled")
    ) == sorted([(culture.title, SignupState.CONFIRMED), (nearly_full.title, "confirmed")])
    assert not full.signups.filter(registration=registration, state="waitlisted").exists()

    # On the day a helper scans her ticket with the phone's camera and checks her in.
    video = tmp_path / "guro.y4m"
    y4m_with_qr(video, registration.ticket_code)
    with camera_context(browser, live_server.url, video) as context:
        helper = context.new_page()
        log_in(helper, "radgiver@demo.moteplass.no")
        helper.goto(reverse("checkin", args=[SLUG]))
        assert_accessible(helper)
        press(helper.get_by_role("button", name="Skann med kameraet"))
        helper.wait_for_url(f"**/checkin/code/{registration.ticket_code}/", timeout=20_000)
        assert helper.locator(".checkin-person__name").inner_text() == "Guro Kleppe"
        assert "Nøtter" in helper.locator("main").inner_text()  # needs flagged for attention
        assert_accessible(helper)
        press(helper.locator("[data-checkin-button]"))
        wait_until(helper, "!document.querySelector('[data-checkin-button]')")
        registration.refresh_from_db()
        assert registration.state == RegistrationState.CHECKED_IN

        # The adviser exports the catering list: Guro with her diet and allergy, and totals.
        response = helper.request.get(reverse("registrations_catering_csv", args=[SLUG]))
        assert response.status == 200
        rows = list(csv.reader(io.StringIO(response.text().lstrip("\ufeff")), delimiter=";"))
        guro_rows = [row for row in rows if "Guro Kleppe" in row]
        assert len(guro_rows) == 1
        assert "Vegetar" in guro_rows[0] and "Nøtter" in guro_rows[0]
