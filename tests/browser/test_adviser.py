from partners.enums import MembershipRole
from telemarksplanen.models import Goal
from tests.browser.conftest import BROWSER, assert_accessible
from tests.browser.conftest import log_in as browser_log_in
from tests.factories import MembershipFactory, UserFactory, county

pytestmark = BROWSER


def log_in(page, email):
    page.goto("/accounts/login/")
    assert_accessible(page)
    browser_log_in(page, email)


def test_adviser_edits_nynorsk_goal_title_and_reads_plan_in_nynorsk(page):
    adviser = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    log_in(page, "radgiver@example.no")

    page.locator("nav.site-nav a[href='/adviser/']").click()
    page.wait_for_url("**/adviser/")
    assert_accessible(page)

    page.locator("main a[href='/adviser/goals/']").click()
    page.wait_for_url("**/adviser/goals/")
    assert_accessible(page)

    n1 = Goal.objects.get(code="N1")
    page.locator(f"main a[href='/adviser/goals/{n1.pk}/']").click()
    page.wait_for_url(f"**/adviser/goals/{n1.pk}/")
    assert_accessible(page)

    page.locator("#id_title_nn").fill("Grøn omstilling og lågare klimagassutslepp")
    page.locator("#id_provisional").uncheck()
    page.locator("main form.stacked-form button[type='submit']").click()
    page.wait_for_load_state()
    assert page.locator(".messages").inner_text().strip() != ""
    history = page.locator(".history-list").inner_text()
    assert "Grøn omstilling og lågare klimagassutslepp" in history
    assert "Grøn omstilling og redusert klimagassutslepp" in history
    assert "Rita Rådgiver" in history
    assert_accessible(page)

    page.locator(".language-switcher button[value='nn']").click()
    page.wait_for_load_state()
    page.goto("/plan/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert "Grøn omstilling og lågare klimagassutslepp" in page.locator("#goal-N1 h3").inner_text()
    assert_accessible(page)


def test_goal_form_error_is_announced_next_to_the_field(page):
    adviser = UserFactory(email="radgiver@example.no")
    MembershipFactory(user=adviser, organisation=county(), is_adviser=True)
    log_in(page, "radgiver@example.no")
    i1 = Goal.objects.get(code="I1")
    page.goto(f"/adviser/goals/{i1.pk}/")
    page.locator("#id_title_nb").fill("")
    page.locator("main form.stacked-form button[type='submit']").click()
    page.wait_for_load_state()
    assert page.locator("#id_title_nb").get_attribute("aria-invalid") == "true"
    assert "id_title_nb_error" in page.locator("#id_title_nb").get_attribute("aria-describedby")
    assert page.locator("#id_title_nb_error").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')") is True
    assert_accessible(page)
    assert (
        Goal.objects.get(code="I1").title_nb == "Flere i arbeid og utdanning – færre i utenforskap"
    )
