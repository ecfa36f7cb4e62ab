import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("health-check", "ok", 10)
    if cache.get("health-check") != "ok":
        raise RuntimeError("cache did not return the value it was given")
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from moteplass.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@never_cache
def health(request):
    """JSON with the state of each configured part; 503 when any does not answer."""
    result = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            result[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
            logger.warning("health check %s failed: %s", name, error)
            result[name] = "error"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", **result}, status=200 if healthy else 503
    )


class AccessibilityStatementView(TemplateView):
    """The accessibility statement (tilgjengelighetserklæring), written out in nb, nn and en.
    ``LAST_REVIEWED`` is the day the statement was last checked against the service and its
    tests; the address for reporting a problem is configured (``ACCESSIBILITY_CONTACT_EMAIL``),
    without it the statement points to the county's own contact page."""

    template_name = "pages/accessibility.html"
    LAST_REVIEWED = dt.date(2026, 11, 27)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            last_reviewed=self.LAST_REVIEWED,
            contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL,
            **kwargs,
        )


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy.html"


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """A styled error page without details; it avoids the database and context processors."""
    from django.template import loader
    from django.utils import translation

    template = loader.get_template("500.html")
    body = template.render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponseServerError(body)


def bad_request(request, exception=None):
    """400 (a body over the upload limits, too many fields, a host name not allowed): a styled
    page in the visitor's language that, like the 500 page, avoids the database and the context
    processors (some of them ask for the host name that may be the problem)."""
    from django.template import loader
    from django.utils import translation

    # the error may come before the locale middleware has run: the language from the request
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = loader.get_template("400.html").render({"LANGUAGE_CODE": language})
    return HttpResponseBadRequest(body)


def csrf_failure(request, reason=""):
    """A styled page in the user's language when a form's CSRF token is missing or stale."""
    return render(request, "403_csrf.html", status=403)


def too_many_requests(request, exception=None):
    """Over a rate limit (allauth's log-in and sign-up limits, our public forms): status 429 with
    a page that says what happened and when to try again."""
    return render(request, "429.html", status=429)
