"""axe-core on every page of the adviser area, in bokmål and nynorsk."""

import pytest

from conferences.domain.proposals import add_comment
from conferences.models import ChangeRequest
from partners.enums import MembershipRole
from partners.models import MemberInvitation
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    RoomFactory,
    SessionFactory,
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
    proposal, change_request = proposal_under_review(conference, partner.organisation, adviser)
    member = MembershipFactory(organisation=partner.organisation, role=MembershipRole.COORDINATOR)
    base = f"/adviser/conferences/{conference.slug}"
    people = f"/organisations/{partner.organisation.slug}/members/"
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
        f"{base}/review/",
        f"{base}/proposals/",
        f"{base}/proposals/?state=accepted&q=grenland&format=workshop",
        f"{base}/proposals/{proposal.pk}/",
        f"{base}/change-requests/{change_request.pk}/",
        f"/partner/{conference.slug}/",
        f"/partner/{conference.slug}/proposals/new/",
        f"/partner/{conference.slug}/proposals/{proposal.pk}/",
        f"/partner/{conference.slug}/proposals/{proposal.pk}/edit/",
        people,
        f"{people}{member.pk}/",
        f"{people}{member.pk}/?remove",
    ]


def proposal_under_review(conference, organisation, adviser):
    """An accepted workshop with a comment, an internal note and an open change request."""
    proposal = SessionFactory(
        conference=conference,
        owner=organisation,
        title="Grønn industri i Grenland",
        abstract="Hydrogen og nye arbeidsplasser i prosessindustrien.",
        format="workshop",
        state="accepted",
        goals=[goal("S1"), goal("N1")],
    )
    add_comment(proposal, by=adviser, text="Fint forslag.")
    add_comment(proposal, by=adviser, text="Internt: passer dag 2.", internal=True)
    change_request = ChangeRequest.objects.create(
        session=proposal,
        proposed={
            "title": "Grønn industri i Grenland og Vestfold",
            "abstract": "Hydrogen og mange nye arbeidsplasser i prosessindustrien.",
        },
        original={"title": proposal.title, "abstract": proposal.abstract},
    )
    return proposal, change_request


@pytest.fixture
def partner_pages():
    """The pages a partner editor works in, with their organisation's proposal."""
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    partner = ConferencePartnerFactory(conference=conference)
    editor = UserFactory(email="redaktor@example.no", first_name="Eva", last_name="Eik")
    membership = MembershipFactory(
        user=editor, organisation=partner.organisation, role=MembershipRole.EDITOR
    )
    adviser = UserFactory(email="radgiver@example.no")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    proposal, _change_request = proposal_under_review(conference, partner.organisation, adviser)
    invitation = MemberInvitation.objects.create(
        organisation=partner.organisation, email="ny@example.no", role="editor"
    )
    people = f"/organisations/{partner.organisation.slug}/members/"
    return [
        "/partner/",
        f"/partner/{conference.slug}/",
        f"/partner/{conference.slug}/proposals/new/",
        f"/partner/{conference.slug}/proposals/{proposal.pk}/",
        f"/partner/{conference.slug}/proposals/{proposal.pk}/edit/",
        f"/adviser/conferences/{conference.slug}/coverage/",
        people,
        f"{people}{membership.pk}/",
        f"/join/{invitation.token}/",
        "/accounts/profile/",
    ]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_partner_page_is_accessible(page, partner_pages, language):
    log_in(page, "redaktor@example.no")
    if language == "nn":
        page.locator(".language-switcher button[value='nn']").click()
        page.wait_for_load_state()
    for path in partner_pages:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, path
        assert "Internt: passer dag 2." not in page.content(), path
        assert_accessible(page)


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
