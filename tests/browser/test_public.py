from tests.browser.conftest import BROWSER, assert_accessible

pytestmark = BROWSER


def test_home_plan_and_nynorsk(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator("h1").inner_text() == "Møteplass Telemark"
    assert_accessible(page)

    page.locator("nav.site-nav a[href='/plan/']").click()
    page.wait_for_url("**/plan/")
    assert page.locator("h1").inner_text() == "Telemarksplanen 2024–2028"
    assert page.locator("#area-I").inner_text().strip() == "Inkluderende Telemark"
    assert_accessible(page)

    page.locator(".language-switcher button[value='nn']").click()
    page.wait_for_load_state()
    assert page.url.endswith("/plan/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator("#area-I").inner_text().strip() == "Inkluderande Telemark"
    assert (
        "Grøn omstilling og redusert klimagassutslepp" in page.locator("#goal-N1 h3").inner_text()
    )
    assert_accessible(page)

    page.goto("/accessibility/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert_accessible(page)
    page.goto("/privacy/")
    assert_accessible(page)


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/plan/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_unknown_page_is_a_styled_404(page):
    response = page.goto("/finnes-ikke/")
    assert response.status == 404
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    page.console_errors.remove(
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    )
