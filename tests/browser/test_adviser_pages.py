"""axe-core on every page of the adviser area, in bokmål and nynorsk."""

import pytest

from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    RoomFactory,
    UserFactory,
    county,
    goal,
)
from tests.factories.mail import invitation_with_draft

pytestmark = BROWSER


@pytest.fixture
def adviser_pages():
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    room = RoomFactory(conference=conference, name="Storsalen", accessibility_nb="Teleslynge")
    partner = ConferencePartnerFactory(conference=conference)
    invitation, message = invitation_with_draft(conference)
    base = f"/adviser/conferences/{conference.slug}"
    return [
        "/adviser/",
        "/adviser/conferences/new/",
        f"{base}/",
        f"{base}/rooms/",
        f"{base}/rooms/{room.pk}/",
        f"{base}/rooms/{room.pk}/delete/",
        f"{base}/coverage/",
        f"{base}/partners/",
        f"{base}/partners/{partner.pk}/remove/",
        f"{base}/invitations/import/",
        f"{base}/invitations/members/",
        f"{base}/invitations/draft/",
        f"{base}/invitations/reminders/",
        "/adviser/goals/",
        f"/adviser/goals/{goal('S1').pk}/",
        f"{base}/mail/",
        f"{base}/mail/invitation/",
        f"{base}/mail/invitation/?preview-language=nn&preview-recipient={invitation.pk}",
        f"{base}/outbox/",
        f"{base}/outbox/{message.pk}/",
        f"{base}/outbox/{message.pk}/discard/",
        f"{base}/invitations/",
        f"{base}/invitations/{invitation.pk}/",
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
    ]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_adviser_page_is_accessible(page, adviser_pages, language):
    log_in(page, "radgiver@example.no")
    if language == "nn":
        page.locator(".language-switcher button[value='nn']").click()
        page.wait_for_load_state()
    for path in adviser_pages:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)


def test_conference_form_error_is_reachable_with_the_keyboard(page, adviser_pages):
    log_in(page, "radgiver@example.no")
    page.goto("/adviser/conferences/new/")
    page.locator("main form.stacked-form button[type='submit']").press("Enter")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("#id_")
    assert_accessible(page)
