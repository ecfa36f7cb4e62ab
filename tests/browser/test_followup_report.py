"""The follow-up report in a real browser: a visitor reads the published report in bokmål and in
nynorsk, on a wide screen and on a phone (320 px, no sideways scrolling); an adviser publishes it
from the report page, whose PDF files are made and linked. axe-core on every page."""

import datetime as dt

from django.utils import timezone

from conferences.enums import CommitmentState
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.test_adviser import log_in
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
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


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def adviser():
    user = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=user, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    return user


def recorded(*, published_by=None):
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    nho = OrganisationFactory(name="NHO Vestfold og Telemark med et svært langt organisasjonsnavn")
    network = NetworkFactory(name="Reiselivsnettverket")
    session = SessionFactory(conference=conference, title="Lærlinger i distriktet")
    skills = PriorityFactory(
        conference=conference,
        title_nb="Flere lærlinger",
        title_nn="Fleire lærlingar",
        description_nb="Flere læreplasser i hele fylket.",
        description_nn="Fleire læreplassar i heile fylket.",
        goals=[goal("I1"), goal("S2")],
        sessions=[session],
    )
    CommitmentFactory(
        priority=skills,
        title_nb="Lærlingkampanje",
        title_nn="Lærlingkampanje",
        responsible_organisation=nho,
        contributors=[OrganisationFactory(name="Vinje kommune")],
        due_date=dt.date(2031, 9, 1),
        state=CommitmentState.IN_PROGRESS,
        status_note="Kampanjen er i gang i alle kommunene.",
    )
    CommitmentFactory(
        priority=skills,
        title_nb="Felles rekrutteringsdag",
        title_nn="Felles rekrutteringsdag",
        responsible_organisation=None,
        responsible_network=network,
    )
    PriorityFactory(
        conference=conference,
        title_nb="Klimatilpasning i kommunene",
        title_nn="Klimatilpassing i kommunane",
        goals=[goal("N3")],
    )
    if published_by is not None:
        conference.report_published_at = timezone.now()
        conference.report_published_by = published_by
        conference.save(update_fields=["report_published_at", "report_published_by"])
    return conference


def test_visitor_reads_the_published_report_in_nb_and_nn_on_a_wide_screen_and_a_phone(
    page, live_server
):
    conference = recorded(published_by=adviser())
    report = f"/followup/{conference.slug}/report/"

    for language, goal_heading, title, responsible in [
        ("nb", "Hovedmål I1:", "Flere lærlinger", "Ansvarlig"),
        ("nn", "Hovudmål I1:", "Fleire lærlingar", "Ansvarleg"),
    ]:
        if language == "nn":
            page.context.add_cookies(
                [{"name": "moteplass_language", "value": "nn", "url": live_server.url}]
            )
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(report)
        assert page.locator("html").get_attribute("lang") == language
        main = page.locator("main").inner_text()
        assert goal_heading in main and title in main and responsible in main
        # the priority with two goals is under both
        assert page.locator("main h4", has_text=title).count() == 2
        assert page.locator("main .report-preview").count() == 0
        assert page.locator("main a[href$='report.json']").count() == 1
        assert_accessible(page)

        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(report)
        assert fits(page), f"the report scrolls sideways at 320 px ({language})"
        assert_accessible(page)


def test_adviser_publishes_the_report_and_its_pdfs_are_linked(page):
    user = adviser()
    empty = ConferenceFactory(title="Møteplass Telemark 2032", slug="mt-2032", year=2032)
    conference = recorded()
    log_in(page, user.email)

    # nothing recorded: the page says so and offers no publish button
    page.goto(f"/adviser/conferences/{empty.slug}/followup/report/")
    assert "Registrer minst én prioritering før du publiserer rapporten." in (
        page.locator("main").inner_text()
    )
    assert page.locator("main button", has_text="Publiser rapporten").count() == 0
    assert_accessible(page)

    manage = f"/adviser/conferences/{conference.slug}/followup/report/"
    page.goto(manage)
    assert page.locator("dd[data-report-state]").inner_text() == "Ikke publisert"
    assert_accessible(page)
    page.goto(f"/followup/{conference.slug}/report/")
    assert "Ikke publisert – forhåndsvisning." in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(manage)
    page.locator("main input[name='confirm']").check()
    page.locator("main button", has_text="Publiser rapporten").click()
    page.wait_for_url(f"**{manage}")

    assert page.locator("dd[data-report-state]").get_attribute("data-report-state") == "published"
    assert page.locator("#report-announcer").get_attribute("aria-live") == "polite"
    for language in ("nb", "nn"):
        status = page.locator(f"#report-file-{language}")
        assert status.get_attribute("data-state") == "done"
        assert status.locator(f"a[href$='report-{language}.pdf']").count() == 1
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(manage)
    assert fits(page), "the report page scrolls sideways at 320 px"
    assert_accessible(page)

    response = page.request.get(f"/followup/{conference.slug}/report-nn.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
