"""Browser test harness: Playwright drives Debian's Chromium; axe-core checks every page.

Every browser test module sets ``pytestmark = BROWSER``: a live server needs a transactional
database, which is emptied after each test, so ``reference_data`` lays down again what the data
migrations create (the plan, the municipalities, the county). Django's serialized_rollback is not
used: Playwright's event loop gives the test a different connection object, which lacks the
serialized copy.

Locally the browser tests skip with a reason when Chromium is missing; with
MOTEPLASS_REQUIRE_BROWSER=1 (set by .ci/run) or CI=true a missing browser is an error.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.factories.partners import PASSWORD
from tests.support.reference import restore_reference_data
from tests.support.two_factor import code_for, secret_of

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    configured = os.environ.get("MOTEPLASS_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_required() -> bool:
    return os.environ.get("MOTEPLASS_REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """What the data migrations create, laid down again in the emptied test database."""
    restore_reference_data()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = (
            "Chromium was not found (install Debian's 'chromium' package or set MOTEPLASS_CHROMIUM)"
        )
        if browser_required():
            pytest.fail(message + "; MOTEPLASS_REQUIRE_BROWSER=1 makes this an error.")
        pytest.skip(message + ".")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.console_errors = errors
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or failed loads in the browser: {errors}"


def axe_violations(page) -> list[dict]:
    # evaluated through the DevTools protocol: an injected <script> element would be (rightly)
    # refused by the Content-Security-Policy, which allows no inline script
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page) -> None:
    """Zero WCAG 2.1 A/AA violations on the page as it is now."""
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url}:\n{json.dumps(violations, indent=2)}"


def log_in(page, email: str, password: str = PASSWORD) -> None:
    """Log in through the log-in page, as a person does; advisers then type the code of their
    authenticator app on the second page (computed here from their secret)."""
    from partners.models import User

    page.goto("/accounts/login/")
    page.locator("main input[name='login']").fill(email)
    field = page.locator("main input[name='password']")
    field.fill(password)
    with page.expect_navigation():  # wait for the answer to the post, not the page before it
        field.press("Enter")
    if page.url.split("?")[0].endswith("/accounts/2fa/authenticate/"):
        user = User.objects.get(email__iexact=email)
        code = page.locator("main input[name='code']")
        code.fill(code_for(secret_of(user)))
        with page.expect_navigation():
            code.press("Enter")
