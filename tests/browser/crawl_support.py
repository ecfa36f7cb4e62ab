"""A breadth-first crawler for the accessibility crawl (tests/browser/test_crawl.py).

From a role's start pages it follows every same-origin ``<a href>`` (GET only). Each HTML page
must answer below 400, be in the crawl's language, pass axe-core (WCAG 2.1 A/AA) with zero
violations, reflow at 320 CSS px without the page itself scrolling sideways (a table that then
scrolls inside its own box must be reachable with the keyboard), and raise no JavaScript error;
every linked file that is not HTML (PDF, CSV, XLSX, ICS, JSON, XML) must answer 200. Problems are
collected, not raised, so one run lists all of them.

URLs are deduplicated by path and sorted query, and capped per URL pattern (Django's
``url_name``), so 65 registrations or every page of a filtered list do not each become a page of
the crawl.
"""

import json
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve

from tests.browser.conftest import AXE_JS, WCAG_TAGS

AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
REFLOW_WIDTH = 320
# The rules whose outcome changes when the page reflows to 320 px, checked again there: a table
# that now scrolls inside its box must be reachable with the keyboard.
NARROW_RULES = ["scrollable-region-focusable"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": REFLOW_WIDTH, "height": 900}
FILE_SUFFIX = re.compile(r"\.(pdf|csv|xlsx|ics|json|xml)$")
NEVER_FOLLOW = {"account_logout", "set_language"}
NEVER_FOLLOW_PREFIXES = ("/admin/", "/static/", "/media/")
LOG_IN_PAGES = {"account_login", "mfa_activate_totp"}

# Two animation frames: the page's own resize handlers (moteplass.js) have run.
AFTER_RESIZE_JS = (
    "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
)

# The page's own width; a data table may scroll inside its own region (WCAG 1.4.10 exception),
# the page may not. Also names the widest elements that stick out, to find the culprit.
REFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  const culprits = [];
  if (scroll > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0) {
        let inScroller = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) {
            inScroller = true;
            break;
          }
        }
        if (!inScroller) {
          const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.className && typeof el.className === 'string'
              ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
          culprits.push(name + ' (' + Math.round(box.right) + 'px)');
        }
      }
      if (culprits.length >= 5) break;
    }
  }
  return {width, scroll, culprits};
}
"""


def log_in(context, live_server_url: str, user) -> None:
    """Give the browser context a session of ``user`` without typing a password (an adviser's
    log-in asks for a second factor as well): Django's test client makes the session, the browser
    gets its cookie."""
    client = Client()
    client.force_login(user)
    just_logged_in(client, user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )


def just_logged_in(client, user) -> None:
    """Note in the session that ``user`` has just given their password, as allauth does at a
    log-in, so the account pages (email addresses, password, two-factor) show themselves instead
    of asking for the password again."""
    from allauth.account.internal.flows.login import record_authentication

    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, "password", email=user.email)
    request.session.save()


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page (only of ``rules``, when given). Injected
    through the DevTools protocol, which a strict Content-Security-Policy does not block (an
    inline <script> would be)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate(
        "runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only
    )
    return [
        {
            "id": violation["id"],
            "targets": [node["target"] for node in violation["nodes"]][:3],
        }
        for violation in result["violations"]
    ]


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.url_name


def normalised(url: str, origin: str) -> str | None:
    """Path and sorted query of a same-origin URL, or None for a URL the crawl does not follow."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


@dataclass
class CrawlResult:
    role: str
    language: str
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    url_names: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.role}/{self.language}: {len(self.pages)} pages, {len(self.files)} files, "
            f"{len(self.url_names)} url names, {self.seconds:.1f} s\n  "
            + " ".join(sorted(name or "?" for name in self.url_names))
        )


class Crawler:
    def __init__(
        self,
        page,
        origin: str,
        *,
        role: str,
        language: str,
        per_name: int = 2,
        seen_elsewhere: set[str] = frozenset(),
        files_checked: set[str] | None = None,
    ):
        """``per_name`` pages at most per URL pattern; one only of a pattern in
        ``seen_elsewhere`` (a public page another role's crawl has been through already).
        ``files_checked`` is shared between crawls: a file is fetched once."""
        self.page = page
        self.origin = origin
        self.per_name = per_name
        self.seen_elsewhere = seen_elsewhere
        self.files_checked = files_checked if files_checked is not None else set()
        self.result = CrawlResult(role=role, language=language)
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

    def fail(self, url: str, problem: str) -> None:
        self.result.failures.append(f"[{self.result.role}/{self.result.language}] {url}: {problem}")

    def crawl(self, start: list[str]) -> CrawlResult:
        began = time.monotonic()
        queue: deque[tuple[str, str]] = deque()
        seen: set[str] = set()
        per_name: Counter = Counter()

        def enqueue(url: str, found_on: str) -> None:
            target = normalised(url, self.origin)
            if target is None or target in seen:
                return
            path = target.split("?", 1)[0]
            if path.startswith(NEVER_FOLLOW_PREFIXES):
                return
            seen.add(target)
            name = url_name(path)
            if name is None:
                self.fail(target, f"linked from {found_on} but no URL pattern matches it")
                return
            cap = 1 if name in self.seen_elsewhere else self.per_name
            if name in NEVER_FOLLOW or per_name[name] >= cap:
                return
            per_name[name] += 1
            queue.append((target, found_on))

        for path in start:
            enqueue(self.origin + path, "the start pages")
        while queue:
            target, found_on = queue.popleft()
            if FILE_SUFFIX.search(target.split("?", 1)[0]):
                self.check_file(target, found_on)
            else:
                for link in self.check_page(target, found_on):
                    enqueue(link, target)
        self.result.seconds = time.monotonic() - began
        return self.result

    def check_file(self, target: str, found_on: str) -> None:
        self.result.files.append(target)
        self.result.url_names[url_name(target.split("?", 1)[0])] += 1
        if target in self.files_checked:
            return
        self.files_checked.add(target)
        response = self.page.context.request.get(self.origin + target, max_redirects=0)
        if response.status != 200:
            self.fail(target, f"file linked from {found_on} answered {response.status}")
        elif "text/html" in response.headers.get("content-type", ""):
            self.fail(target, f"file linked from {found_on} is HTML")

    def check_page(self, target: str, found_on: str) -> list[str]:
        page = self.page
        self.errors.clear()
        page.set_viewport_size(DESKTOP)
        response = page.goto(self.origin + target)
        final = normalised(page.url, self.origin) or page.url
        self.result.pages.append(target)
        name = url_name(final.split("?", 1)[0])
        self.result.url_names[name] += 1
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            self.fail(target, f"linked from {found_on} answered {status}")
            return []
        if "text/html" not in response.headers.get("content-type", ""):
            self.fail(target, f"linked from {found_on} is not HTML and not a known file type")
            return []
        if name in LOG_IN_PAGES and url_name(target.split("?", 1)[0]) not in LOG_IN_PAGES:
            self.fail(target, f"linked from {found_on} but sends {self.result.role} to log in")
        lang = page.evaluate("document.documentElement.lang")
        if lang != self.result.language:
            self.fail(target, f"is in {lang!r}, not in {self.result.language!r}")
        violations = axe_violations(page)
        if violations:
            self.fail(target, "axe-core: " + json.dumps(violations, ensure_ascii=False))
        links = page.evaluate("Array.from(document.querySelectorAll('a[href]'), a => a.href)")
        page.set_viewport_size(PHONE)
        page.evaluate(AFTER_RESIZE_JS)
        narrow = axe_violations(page, NARROW_RULES)
        if narrow:
            self.fail(target, "axe-core at 320 px: " + json.dumps(narrow, ensure_ascii=False))
        reflow = page.evaluate(REFLOW_JS)
        if reflow["scroll"] > reflow["width"]:
            self.fail(
                target,
                f"scrolls sideways at {REFLOW_WIDTH} px: {reflow['scroll']} px wide; "
                f"sticking out: {', '.join(reflow['culprits']) or 'unknown'}",
            )
        if self.errors:
            self.fail(target, f"JavaScript errors or failed loads: {self.errors}")
        return links
