"""An adviser imports an invitation list; an invitee answers through the personal link."""

from urllib.parse import urlparse

from conferences.models import Invitation
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory, county

pytestmark = BROWSER

CSV = (
    "Fornavn;Etternavn;E-post;Organisasjon;Kommune;Målform\n"
    "Åse;Ødegård;ase@example.no;Vinje kommune;Vinje;\n"
    "Bjørn;Ærø;bjorn@example.no;Bø Sparebank;Skien;nb\n"
)


def press(locator, key="Enter"):
    """Operate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def test_adviser_imports_a_list_and_an_invitee_answers_no(page, browser, live_server, tmp_path):
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    log_in(page, "radgiver@example.no")

    list_path = f"/adviser/conferences/{conference.slug}/invitations/"
    page.goto(list_path)
    assert_accessible(page)

    press(page.locator(f"main a[href='{list_path}import/']"))
    page.wait_for_url(f"**{list_path}import/")
    assert_accessible(page)

    upload = tmp_path / "invitasjoner.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.locator("#id_file").set_input_files(str(upload))
    press(page.locator("main form.stacked-form button[type='submit']"))
    page.wait_for_load_state()
    rows = page.locator("tr.import-row")
    assert rows.count() == 2
    assert "Ødegård" in rows.nth(0).inner_text()
    assert Invitation.objects.count() == 0
    assert_accessible(page)

    press(page.locator("main form button[type='submit']", has_text="Importer 2 personer"))
    page.wait_for_url(f"**{list_path}")
    assert page.locator("dd[data-figure='invited']").inner_text() == "2"
    assert page.locator("dd[data-figure='pending']").inner_text() == "2"
    assert page.locator(".messages").inner_text().strip() != ""
    assert_accessible(page)

    ase = Invitation.objects.get(email="ase@example.no")
    press(page.locator(f"main a[href='{list_path}{ase.pk}/']"))
    page.wait_for_url(f"**{list_path}{ase.pk}/")
    assert_accessible(page)
    link = page.locator("#answer-link").input_value()
    assert link.endswith(f"/invitation/{ase.token}/")

    # The invitee opens the link in a browser of their own, not logged in and without cookies.
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    invitee = context.new_page()
    errors = []
    invitee.on("pageerror", lambda error: errors.append(str(error)))
    try:
        invitee.goto(urlparse(link).path)
        assert invitee.locator("html").get_attribute("lang") == "nn"  # Vinje writes nynorsk
        assert "Åse Ødegård" in invitee.locator("main").inner_text()
        assert_accessible(invitee)

        press(invitee.locator("input[name='answer'][value='no']"), "Space")
        assert invitee.locator("input[name='answer'][value='no']").is_checked()
        invitee.locator("#id_reason").fill("Kommunestyremøte same dag.")
        press(invitee.locator("main form.stacked-form button[type='submit']"))
        invitee.wait_for_load_state()
        assert invitee.locator("[data-answer='no']").is_visible()
        assert invitee.locator("input[name='answer'][value='no']").is_checked()
        assert_accessible(invitee)
    finally:
        context.close()
    assert errors == []

    ase.refresh_from_db()
    assert (ase.answer, ase.answer_reason) == ("no", "Kommunestyremøte same dag.")

    page.reload()
    assert page.locator("main [data-answer='no']").is_visible()
    assert "Kommunestyremøte same dag." in page.locator("main").inner_text()
    page.goto(list_path)
    assert page.locator("dd[data-figure='no']").inner_text() == "1"
    assert_accessible(page)
