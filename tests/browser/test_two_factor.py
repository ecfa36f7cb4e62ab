"""An adviser sets up two-factor log-in in the browser, with the keyboard, in nynorsk, and logs in
with a code the next time. Every page is axe-clean; the strict Content-Security-Policy allows the
QR code (a data: image) and nothing breaks under it (the page fixture fails on any refused
resource)."""

from partners.enums import MembershipRole
from tests.browser.conftest import BROWSER, assert_accessible, log_in
from tests.factories import MembershipFactory, UserFactory, county
from tests.support.two_factor import code_for

pytestmark = BROWSER


def test_adviser_sets_up_an_authenticator_app_and_logs_in_with_it(page):
    adviser = UserFactory(email="ny.radgiver@example.no", language="nn")
    MembershipFactory(
        user=adviser,
        organisation=county(),
        role=MembershipRole.COORDINATOR,
        is_adviser=True,
        two_factor=False,
    )
    log_in(page, adviser.email)
    # straight to the set-up: the password was typed just now, so no second password prompt
    page.wait_for_load_state()
    assert page.url.endswith("/accounts/2fa/totp/activate/"), page.url
    assert "Rådgivarar må logge inn med to faktorar" in page.locator(".messages").inner_text()
    assert page.locator("main h1").inner_text() == "Slå på autentiseringsapp"
    qr = page.locator("main img.allauth-img--qr")
    assert qr.get_attribute("alt") == "QR-kode som du skannar med autentiseringsappen"
    assert page.evaluate("document.querySelector('main img').naturalWidth") > 0
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()

    code = page.locator("main input[name='code']")
    code.focus()
    page.keyboard.type(code_for(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert "Ubrukte kodar" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto("/adviser/")
    assert page.locator("main h1").count() == 1
    assert "/adviser/" in page.url

    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "moteplass_language", "value": "nn", "url": page.url.split("/adviser")[0]}]
    )
    page.goto("/accounts/login/")
    page.locator("main input[name='login']").fill(adviser.email)
    password = page.locator("main input[name='password']")
    password.fill("correct-horse-battery")
    password.press("Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert "Skriv inn koden frå autentiseringsappen" in page.locator("main").inner_text()
    assert_accessible(page)
    page.locator("main input[name='code']").fill(code_for(secret))
    with page.expect_navigation():  # the log-in completes before the next page is asked for
        page.keyboard.press("Enter")
    assert "/2fa/authenticate/" not in page.url
    page.goto("/adviser/")
    assert "/adviser/" in page.url
    assert_accessible(page)
