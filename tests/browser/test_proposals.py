"""A partner editor and an adviser co-create a programme item in the browser, in bokmål and in
nynorsk: propose with two main goals → the adviser asks for a change → the partner changes and
resubmits → the adviser accepts → the goal coverage shows the item. axe-core on every page."""

import datetime as dt

import pytest
from django.utils import timezone

from conferences.models import OutboxMessage, Session
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    county,
)

pytestmark = BROWSER

TEXTS = {
    "nb": {"changes": "Kort ned til 45 minutter, takk.", "submitted": "Sendt inn"},
    "nn": {"changes": "Kort ned til 45 minutt, takk.", "submitted": "Sendt inn"},
}


def press(locator, key="Enter"):
    """Operate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_partner_proposes_adviser_asks_for_a_change_then_accepts(
    page, browser, live_server, language
):
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
    ConferencePartnerFactory(
        conference=conference, organisation=OrganisationFactory(name="Vinje kommune")
    )
    editor = UserFactory(email="redaktor@example.no", first_name="Eva", language=language)
    MembershipFactory(user=editor, organisation=nho, role=MembershipRole.EDITOR)
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", language=language)
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    dashboard = f"/partner/{conference.slug}/"

    # The partner editor proposes an item tied to two main goals, from the keyboard.
    log_in(page, editor.email)
    assert page.locator("html").get_attribute("lang") == language
    page.goto(dashboard)
    assert_accessible(page)
    press(page.locator(f"main a[href='{dashboard}proposals/new/']").last)
    page.wait_for_url(f"**{dashboard}proposals/new/")
    assert_accessible(page)
    page.locator("#id_title").fill("Grønn industri i Grenland")
    page.locator("#id_abstract").fill("Hvordan <b>hydrogen</b> kan gi nye arbeidsplasser.")
    page.locator("#id_format").select_option("workshop")
    page.locator("#id_duration").fill("90")
    press(page.locator("input[name='goals'][value='S1']"), "Space")
    press(page.locator("input[name='goals'][value='N1']"), "Space")
    page.locator("#id_speakers-0-name").fill("Kari Nordmann")
    page.locator("#id_speakers-0-email").fill("kari@example.no")
    press(page.locator("main form button[name='submit']"))
    page.wait_for_url(f"**{dashboard}proposals/*/")
    proposal = Session.objects.get(title="Grønn industri i Grenland")
    assert proposal.state == "submitted"
    assert sorted(proposal.goals.values_list("code", flat=True)) == ["N1", "S1"]
    assert [s.name for s in proposal.speakers.all()] == ["Kari Nordmann"]
    # the HTML in the abstract is shown as text, not markup
    assert "<b>hydrogen</b>" in page.locator("main").inner_text()
    assert_accessible(page)

    # The adviser reviews it in a browser of their own and asks for a change.
    context, review = new_page(browser, live_server)
    try:
        log_in(review, adviser.email)
        review_list = f"/adviser/conferences/{conference.slug}/proposals/"
        review.goto(review_list)
        assert_accessible(review)
        detail = f"{review_list}{proposal.pk}/"
        press(review.locator(f"main a[href='{detail}']").first)
        review.wait_for_url(f"**{detail}")
        assert_accessible(review)
        press(review.locator("input[name='state'][value='changes_requested']"), "Space")
        review.locator("textarea[name='note']").fill(TEXTS[language]["changes"])
        press(review.locator("main form button[type='submit']").first)
        review.wait_for_load_state()
        proposal.refresh_from_db()
        assert proposal.state == "changes_requested"
        assert_accessible(review)

        # The partner changes the item and submits it again.
        page.goto(f"{dashboard}proposals/{proposal.pk}/")
        assert TEXTS[language]["changes"] in page.locator("main").inner_text()
        assert_accessible(page)
        press(page.locator(f"main a[href='{dashboard}proposals/{proposal.pk}/edit/']").first)
        page.wait_for_url("**/edit/")
        assert_accessible(page)
        page.locator("#id_duration").fill("45")
        press(page.locator("main form button[name='submit']"))
        page.wait_for_url(f"**{dashboard}proposals/{proposal.pk}/")
        proposal.refresh_from_db()
        assert (proposal.state, proposal.duration) == ("submitted", 45)

        # The adviser accepts; the goal coverage shows the item under both goals.
        review.goto(detail)
        press(review.locator("input[name='state'][value='accepted']"), "Space")
        press(review.locator("main form button[type='submit']").first)
        review.wait_for_load_state()
        proposal.refresh_from_db()
        assert proposal.state == "accepted"
        review.goto(f"/adviser/conferences/{conference.slug}/coverage/")
        assert_accessible(review)
        for code in ("S1", "N1"):
            cells = review.locator(f"#coverage-{code} td").all_inner_texts()
            assert cells[:3] == ["1", "1", "45"]
        assert review.locator("tr.uncovered").count() == 7
    finally:
        context.close()

    # The partner sees the same coverage; every notice reached them in their language.
    page.goto(f"/adviser/conferences/{conference.slug}/coverage/")
    assert page.locator("#coverage-S1 td").all_inner_texts()[:3] == ["1", "1", "45"]
    assert_accessible(page)
    notices = OutboxMessage.objects.filter(to_email=editor.email).order_by("pk")
    assert [(m.role, m.language) for m in notices] == [
        ("proposal_received", language),
        ("proposal_changes_requested", language),
        ("proposal_received", language),
        ("proposal_accepted", language),
    ]
