"""Pages that appear only when something went wrong, checked with axe like every other page: the
429 page of a rate limit, the 400 page of a form over the size limit and the advisers' warning
about failed background jobs."""

from django.conf import settings as django_settings

from moteplass.models import TaskFailure
from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible, log_in
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory, county
from tests.factories.registration import open_registration

pytestmark = BROWSER


def test_the_rate_limit_page_is_accessible_in_nynorsk(page, settings):
    settings.ACCOUNT_RATE_LIMITS = {"moteplass_register": "1/m/ip"}
    conference = open_registration(ConferenceFactory(slug="mt-2031", year=2031))
    page.goto(f"/register/{conference.slug}/")
    page.context.add_cookies(
        [{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": "nn", "url": page.url}]
    )
    page.goto(f"/register/{conference.slug}/")
    for _ in range(2):
        with page.expect_navigation():
            page.locator("main form button[type='submit']").last.click()
    assert page.locator("main h1").inner_text() == "For mange forsøk"
    assert "Vent eit minutt og prøv igjen." in page.locator("main [role='alert']").inner_text()
    assert_accessible(page)
    # the browser logs the deliberate 429 as a failed load; nothing else may be there
    refused = "the server responded with a status of 429 (Too Many Requests)"
    assert [error for error in page.console_errors if refused in error] != []
    page.console_errors[:] = [error for error in page.console_errors if refused not in error]


def test_the_400_page_of_a_form_over_the_limit_is_accessible_in_nynorsk(page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200  # less than the empty form itself
    conference = open_registration(ConferenceFactory(slug="mt-2032", year=2032))
    page.goto("/")
    page.context.add_cookies(
        [{"name": django_settings.LANGUAGE_COOKIE_NAME, "value": "nn", "url": page.url}]
    )
    page.goto(f"/register/{conference.slug}/")
    page.locator("[name='first_name']").fill("Åse")
    with page.expect_navigation():
        page.locator("main form button[type='submit']").last.click()
    assert page.locator("main h1").inner_text() == "Førespurnaden kunne ikkje handsamast"
    assert_accessible(page)
    refused = "the server responded with a status of 400 (Bad Request)"
    assert [error for error in page.console_errors if refused in error] != []
    page.console_errors[:] = [error for error in page.console_errors if refused not in error]


def test_the_failed_jobs_warning_is_accessible(page):
    adviser = UserFactory(email="radgiver@example.no")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    TaskFailure.objects.create(
        task_name="conferences.make_report_pdf", error="OSError: the disk is full"
    )
    log_in(page, adviser.email)
    page.goto("/adviser/")
    warning = page.locator("main section[aria-labelledby='task-failures-heading']")
    assert "Lage PDF-en av oppfølgingsrapporten" in warning.inner_text()
    assert_accessible(page)
