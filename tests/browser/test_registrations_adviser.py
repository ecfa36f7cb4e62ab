"""An adviser filters the registration list with the keyboard, opens a registration, gives a
waiting person a place beyond capacity and reads the summary — in bokmål, then in nynorsk.
axe-core on every page."""

from urllib.parse import parse_qs, urlparse

from django.utils import timezone

from conferences.enums import RegistrationState
from conferences.models import Registration, SessionSignup
from partners.enums import MembershipRole
from partners.models import Municipality
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
    county,
    open_registration,
    parallel_slot,
)

pytestmark = BROWSER
R = RegistrationState


def press(locator, key="Enter"):
    """Operate a control from the keyboard: focus it, then press the key."""
    locator.focus()
    locator.press(key)


def row_names(page):
    return page.locator("main table tbody th[scope='row']").all_inner_texts()


def registrations():
    conference = open_registration(
        ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031), capacity=2
    )
    _slot, (hydrogen, _fagbrev) = parallel_slot(
        conference, capacities=(2, 20), titles=["Hydrogen i Grenland", "Fagbrev på jobb"]
    )
    aase = RegistrationFactory(
        conference=conference,
        first_name="Åse",
        last_name="Ødegård",
        municipality=Municipality.objects.get(name="Vinje"),
        diets=["vegetarian"],
        allergens=["peanuts"],
        diet_other="Ingen koriander",
        access_needs=["wheelchair"],
    )
    SessionSignup.objects.create(
        registration=aase, session=hydrogen, slot_id=hydrogen.slot_id, state="confirmed"
    )
    RegistrationFactory(
        conference=conference,
        first_name="Bjørn",
        last_name="Berg",
        state=R.CHECKED_IN,
        checked_in_at=timezone.now(),
    )
    RegistrationFactory(
        conference=conference, first_name="Dag", last_name="Eik", state=R.WAITLISTED
    )
    return conference


def test_adviser_filters_the_list_by_keyboard_and_gives_an_extra_place(page):
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = registrations()
    log_in(page, "radgiver@example.no")
    list_path = f"/adviser/conferences/{conference.slug}/registrations/"

    page.goto(f"/adviser/conferences/{conference.slug}/")
    press(page.locator("nav.sub-nav a", has_text="Påmeldinger"))
    page.wait_for_url(f"**{list_path}")
    assert row_names(page) == ["Bjørn Berg", "Dag Eik", "Åse Ødegård"]
    assert page.locator("dd[data-figure='confirmed']").inner_text() == "2 av 2"
    assert_accessible(page)

    # the state filter, chosen and sent with the keyboard alone
    state = page.locator("#id_state")
    state.focus()
    page.keyboard.type("På")
    assert state.input_value() == "waitlisted"
    press(page.locator("form.filter-form button[type='submit']"))
    page.wait_for_url("**state=waitlisted**")
    assert row_names(page) == ["Dag Eik"]
    csv_link = page.locator("main a", has_text="Last ned denne listen som CSV")
    assert parse_qs(urlparse(csv_link.get_attribute("href")).query) == {"state": ["waitlisted"]}
    assert_accessible(page)

    # free text: Enter in the search field sends the form
    page.goto(list_path)
    search = page.locator("#id_q")
    search.focus()
    page.keyboard.type("berg")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=berg**")
    assert row_names(page) == ["Bjørn Berg"]

    # a tampered filter value is shown as an error next to its field and ignored
    page.goto(list_path + "?state=bogus")
    assert page.locator("#id_state_error").is_visible()
    assert row_names(page) == ["Bjørn Berg", "Dag Eik", "Åse Ødegård"]
    assert_accessible(page)

    # one registration: give the waiting person a place beyond capacity
    page.goto(list_path)
    press(page.locator("main table a", has_text="Dag Eik"))
    dag = Registration.objects.get(first_name="Dag")
    page.wait_for_url(f"**{list_path}{dag.pk}/")
    assert_accessible(page)
    page.locator("#id_extra-reason").focus()
    page.keyboard.type("Innleder i plenum")
    press(page.locator("main button", has_text="Gi plass"))
    page.wait_for_load_state()
    assert page.locator("dd[data-state]").inner_text() == "Bekreftet"
    assert "Begrunnelse: Innleder i plenum" in page.locator("ol.history-list").inner_text()
    assert_accessible(page)

    # the summary, with and without names
    page.goto(list_path + "summary/")
    assert "16 kommuner har ingen påmeldte:" in page.locator("main").inner_text()
    assert "Åse" not in page.locator("main").inner_text()
    assert_accessible(page)
    press(page.locator("main a", has_text="Vis navn ved siden av behovene"))
    page.wait_for_url("**names=1")
    assert "Ingen koriander – Åse Ødegård" in page.locator("#diet-other").inner_text()
    assert_accessible(page)

    # the same pages in nynorsk
    adviser.language = "nn"
    adviser.save(update_fields=["language"])
    page.goto(list_path)
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator("main h2").first.inner_text() == "Påmeldingar"
    assert_accessible(page)
    page.goto(list_path + "summary/")
    assert "16 kommunar har ingen påmelde:" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{list_path}{dag.pk}/")
    assert page.locator("dd[data-state]").inner_text() == "Stadfesta"
    assert_accessible(page)
    page.goto(list_path + "add/")
    assert_accessible(page)


def test_partner_coordinator_sees_their_people_without_health_details_in_nb_and_nn(page):
    from tests.factories import ConferencePartnerFactory, OrganisationFactory

    conference = registrations()
    nho = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho")
    ConferencePartnerFactory(conference=conference, organisation=nho)
    coordinator = UserFactory(email="koordinator@example.no")
    MembershipFactory(user=coordinator, organisation=nho, role=MembershipRole.COORDINATOR)
    RegistrationFactory(
        conference=conference,
        first_name="Nora",
        last_name="Holm",
        organisation=nho,
        allergens=["peanuts"],
        diet_other="Ingen koriander",
    )
    log_in(page, "koordinator@example.no")

    for language in ("nb", "nn"):
        page.goto(f"/partner/conferences/{conference.slug}/registrations/")
        if language == "nn":
            press(page.locator(".language-switcher button[value='nn']"))
            page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        main = page.locator("main").inner_text()
        assert "Nora Holm" in main
        assert "Åse Ødegård" not in main  # not from their organisation
        assert "koriander" not in main and "Peanøtter" not in main
        assert_accessible(page)
