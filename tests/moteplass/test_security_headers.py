"""The security headers and cookies of representative pages under the production settings
(DEBUG off, behind a TLS proxy): a strict Content-Security-Policy, HSTS, secure HttpOnly cookies,
Referrer-Policy, nosniff, frame protection."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories.partners import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-settings-test-key-" + "y" * 20,
    "ALLOWED_HOSTS": "moteplass.example.no",
}
NAMES = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "SECURE_REDIRECT_EXEMPT",
]


@pytest.fixture(scope="module")
def production():
    """The values the settings module gives with DEBUG off, read in a separate process."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(PRODUCTION_ENV)
    script = (
        "import json, moteplass.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values = json.loads(output)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_production_settings(production):
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["LANGUAGE_COOKIE_SECURE"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    directives = production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["upgrade-insecure-requests"] is True
    every_source = [
        source for values in directives.values() if values is not True for source in values
    ]
    assert "'unsafe-inline'" not in every_source
    assert "'unsafe-eval'" not in every_source
    assert "*" not in every_source


EXPECTED_CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
}


def assert_secure_headers(response):
    policy = {part.strip() for part in response["Content-Security-Policy"].split(";")}
    assert policy == EXPECTED_CSP
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Permissions-Policy"].startswith("camera=(self), microphone=()")


def test_headers_on_representative_pages(client, production, conference, adviser, editor):
    https = {"secure": True, "HTTP_X_FORWARDED_PROTO": "https"}
    pages = [
        (None, reverse("home")),
        (None, reverse("programme", args=[conference.slug])),
        (None, reverse("register", args=[conference.slug])),
        (None, reverse("account_login")),
        (None, reverse("health")),
        (editor, reverse("partner_home")),
        (adviser, reverse("adviser_dashboard")),
        (adviser, reverse("conference_edit", args=[conference.slug])),
    ]
    with override_settings(**production):
        for user, url in pages:
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url, **https)
            assert response.status_code in (200, 404), url  # 404: not published yet
            assert_secure_headers(response)


def test_plain_http_is_sent_to_https(client, production):
    with override_settings(**production):
        response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_health_answers_plain_http_for_load_balancers(client, production):
    with override_settings(**production):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_cookies_are_secure_and_http_only(client, production, editor):
    https = {"secure": True, "HTTP_X_FORWARDED_PROTO": "https"}
    with override_settings(**production):
        login_page = client.get(reverse("account_login"), **https)
        csrf = login_page.cookies["csrftoken"]
        assert csrf["secure"] is True
        assert csrf["httponly"] is True
        assert csrf["samesite"] == "Lax"
        response = client.post(
            reverse("account_login"), {"login": editor.email, "password": PASSWORD}, **https
        )
        assert response.status_code == 302
        session = response.cookies["sessionid"]
        assert session["secure"] is True
        assert session["httponly"] is True
        assert session["samesite"] == "Lax"
        language = client.post(reverse("set_language"), {"language": "nn"}, **https)
        cookie = language.cookies["moteplass_language"]
        assert cookie["secure"] is True
        assert cookie["samesite"] == "Lax"


def test_no_page_template_has_inline_script_or_style():
    """The policy allows no inline script or style; a template that had one would break in the
    browser (the browser tests fail on every refused resource, too)."""
    import re

    offenders = []
    pattern = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=\"|\son[a-z]+=\"|hx-on",
        re.IGNORECASE,
    )
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", "", text, flags=re.DOTALL)
        for match in pattern.finditer(text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []
