"""The public programme: what participants read, signed in or not.

Only published versions are shown (``ProgrammeVersion``), never the timetable being edited. Every
page first reads the conference's latest version without its snapshot (one query,
``latest_version_for``); the rest of the page is rendered from that version's snapshot and cached
under a key holding the conference, the version (id and number), the interface language and the
filters, so publishing a new version changes every key at once and nothing has to be purged.
What is not frozen in a version — whether its PDFs are ready — is rendered outside the cached
part and read again at most every ``PDF_STATE_TIMEOUT`` seconds.

A wrong filter value is shown as an error (and such a page is not cached); nothing a visitor puts
in the query string reaches the cache key except through a digest of the five known filters.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.http import require_safe

from conferences import exports
from conferences.forms.programme import FILTER_NAMES, ProgrammeFilterForm
from conferences.queries.programme import (
    PDF_LANGUAGES,
    goals_by_id,
    latest_version_for,
    ready_languages,
    ready_pdf,
    version_snapshot,
    versions_for,
)
from conferences.views.programme_display import (
    apply_filters,
    conference_facts,
    describe_changes,
    filter_choices,
    find_item,
    goal_ids,
    item_languages,
    programme_days,
    programme_items,
)

# Rendered parts are keyed on the version, so they never go stale with the programme; the
# timeout only bounds how long an edited goal title (the plan's wording) takes to show.
CACHE_TIMEOUT = 10 * 60
# Which PDFs of a version are ready is asked again after this long: a PDF made in the background
# is linked from the programme page at most this many seconds after it is done.
PDF_STATE_TIMEOUT = 30
MAX_FILTER_LENGTH = 100
# Part of every key: raise it when what is cached changes shape, so that a deployment never
# reads values the previous code wrote.
CACHE_FORMAT = 1


# --- caching -------------------------------------------------------------------------------------


def requested_filters(query) -> dict[str, str]:
    """The filter parameters of the request as given (the form judges them): one value of each
    known name (the last, as ``QueryDict.get``), blanks dropped."""
    return {
        name: query.get(name, "").strip() for name in FILTER_NAMES if query.get(name, "").strip()
    }


def version_key(slug: str, version) -> str:
    """``programme.<format>:<slug>:<version id>.<number>``: a new version changes every key."""
    return f"programme.{CACHE_FORMAT}:{slug}:{version.pk}.{version.number}"


def cache_key(kind: str, slug: str, version, *parts) -> str:
    """``<version key>:<language>:<kind>:<digest of parts>`` (the filters, an item id …)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:24]
    return f"{version_key(slug, version)}:{language}:{kind}:{digest}"


def cached(key: str, build, found: dict | None = None):
    """The value under ``key`` (already looked up when ``found`` is given), or ``build()``'s.
    ``build`` returns (value, cacheable)."""
    value = cache.get(key) if found is None else found.get(key)
    if value is None:
        value, cacheable = build()
        if cacheable:
            cache.set(key, value, CACHE_TIMEOUT)
    return value


def _latest_or_404(slug: str):
    version = latest_version_for(slug)
    if version is None:
        raise Http404("This conference has not published a programme.")
    return version


HTML_PIECES = {"head", "body", "html"}


def _safe(part: dict) -> dict:
    """A cached part with its HTML pieces marked safe again (our templates rendered them); the
    title stays text for the template to escape."""
    return {
        name: mark_safe(value) if name in HTML_PIECES else value  # noqa: S308
        for name, value in part.items()
    }


# --- pages ---------------------------------------------------------------------------------------


def programme_part(slug: str, version, query) -> tuple[dict, bool]:
    """The page's title, its head (heading and facts) and body (filters and days) as HTML, from
    the version's snapshot; cacheable unless a filter was wrong (the error shows what was given,
    and anything could be)."""
    snapshot = version_snapshot(version)
    goals = goals_by_id(goal_ids(snapshot))
    form = ProgrammeFilterForm(query or None, choices=filter_choices(snapshot, goals))
    filters = form.filters()
    all_items = programme_items(snapshot, goals)
    items = apply_filters(all_items, filters)
    context = {
        "slug": slug,
        "conference": conference_facts(snapshot),
        "version": version,
        "filter_form": form,
        "filtered": bool(query),
        "days": programme_days(items),
        "shown": len(items),
        "total": len(all_items),
    }
    title = gettext("Programme for %(title)s") % {"title": context["conference"].title}
    part = {
        "title": title,
        "head": render_to_string("conferences/programme/_head.html", context),
        "body": render_to_string("conferences/programme/_programme.html", context),
    }
    return part, not form.errors


class ProgrammeView(View):
    """The programme of a conference by day and time, with filters."""

    def get(self, request, slug):
        version = _latest_or_404(slug)
        query = requested_filters(request.GET)
        key = cache_key("page", slug, version, query)
        pdf_key = f"{version_key(slug, version)}:pdfs"
        found = cache.get_many([key, pdf_key])
        if any(len(value) > MAX_FILTER_LENGTH for value in query.values()):
            part = programme_part(slug, version, query)[0]
        else:
            part = cached(key, lambda: programme_part(slug, version, query), found)
        languages = found.get(pdf_key)
        if languages is None:
            languages = ready_languages(version)
            cache.set(pdf_key, languages, PDF_STATE_TIMEOUT)
        pdfs = [
            (language, reverse("programme_pdf", args=[slug, language])) for language in languages
        ]
        context = {"slug": slug, "page": _safe(part), "pdfs": pdfs}
        return render(request, "conferences/programme/index.html", context)


def item_part(slug: str, version, pk: int) -> tuple[dict | None, bool]:
    snapshot = version_snapshot(version)
    raw = find_item(snapshot, pk)
    if raw is None:
        return None, False
    goals = goals_by_id(goal_ids(snapshot, pk))
    item = programme_items({"rooms": snapshot.get("rooms", []), "items": [raw]}, goals)[0]
    conference = conference_facts(snapshot)
    html = render_to_string(
        "conferences/programme/_item.html",
        {"slug": slug, "conference": conference, "version": version, "item": item},
    )
    return {"title": f"{item.title} – {conference.title}", "html": html}, True


class ProgrammeItemView(View):
    """One item of the published programme: abstract, speakers, goals, room, time, owners."""

    def get(self, request, slug, pk):
        version = _latest_or_404(slug)
        part = cached(cache_key("item", slug, version, pk), lambda: item_part(slug, version, pk))
        if part is None:
            raise Http404("No such item in the published programme.")
        return render(request, "conferences/programme/item.html", {"page": _safe(part)})


def changes_part(slug: str, version) -> tuple[dict, bool]:
    """Every version up to ``version`` (one published meanwhile waits for its own key)."""
    versions = list(versions_for(slug).filter(number__lte=version.number))
    languages = item_languages([v.snapshot for v in reversed(versions)])
    current = {item["id"] for item in versions[0].snapshot.get("items", [])}
    entries = [
        {
            "version": v,
            "changes": describe_changes(v.changes, languages, slug=slug, current=current)
            if v.number > 1
            else [],
        }
        for v in versions
    ]
    context = {"slug": slug, "conference": conference_facts(versions[0].snapshot)}
    html = render_to_string("conferences/programme/_changes.html", context | {"entries": entries})
    title = gettext("Changes to the programme for %(title)s") % {
        "title": context["conference"].title
    }
    return {"title": title, "html": html}, True


class ProgrammeChangesView(View):
    """Every published version, newest first, with what changed in it."""

    def get(self, request, slug):
        version = _latest_or_404(slug)
        part = cached(cache_key("changes", slug, version), lambda: changes_part(slug, version))
        return render(request, "conferences/programme/changes.html", {"page": _safe(part)})


@require_safe
def programme_pdf(request, slug, language):
    """The printed programme of the latest version in ``language``, once it has been made."""
    if language not in PDF_LANGUAGES:
        raise Http404("No programme in that language.")
    version = _latest_or_404(slug)
    row = ready_pdf(version, language)
    if row is None:
        raise Http404("The PDF is not ready yet.")
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The PDF is not ready yet.") from error
    name = f"{slug}-{language}-v{version.number}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=name)


# --- exports -------------------------------------------------------------------------------------

EXPORT_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
    "xml": "application/xml",
}


def export_body(
    slug: str, version, kind: str, item_id: int | None = None
) -> tuple[bytes | None, bool]:
    """The export ``kind`` of ``version`` (None when ``item_id`` is not in it): the snapshot,
    plus the plan's goals for the frab tracks."""
    snapshot = version_snapshot(version)

    def item_url(pk: int) -> str:
        return settings.SITE_URL + reverse("programme_item", args=[slug, pk])

    common = {"number": version.number, "published_at": version.published_at, "item_url": item_url}
    if kind == "ics":
        try:
            body = exports.programme_ics(
                snapshot, site_url=settings.SITE_URL, item_id=item_id, **common
            )
        except LookupError:
            return None, False
        return body, True
    plan_id = snapshot.get("conference", {}).get("plan_id")
    tracks = exports.goal_labels(plan_id).tracks if plan_id else {}
    render_frab = exports.frab_json if kind == "json" else exports.frab_xml
    base_url = settings.SITE_URL + reverse("programme", args=[slug])
    return render_frab(snapshot, base_url=base_url, tracks=tracks, **common), True


def _export(slug: str, kind: str, *, item_id: int | None = None, filename: str = ""):
    version = _latest_or_404(slug)
    body = cached(
        cache_key(f"export-{kind}", slug, version, item_id),
        lambda: export_body(slug, version, kind, item_id),
    )
    if body is None:
        raise Http404("No such item in the published programme.")
    response = HttpResponse(body, content_type=EXPORT_TYPES[kind])
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def programme_ics(request, slug):
    return _export(slug, "ics", filename=f"{slug}.ics")


@require_safe
def programme_item_ics(request, slug, pk):
    return _export(slug, "ics", item_id=pk, filename=f"{slug}-{pk}.ics")


@require_safe
def programme_json(request, slug):
    return _export(slug, "json")


@require_safe
def programme_xml(request, slug):
    return _export(slug, "xml")
