"""Read-side of the public programme (house style rule 3). Everybody may read it, signed in or
not, but only what has been published: a conference's numbered ``ProgrammeVersion`` rows, never
the timetable being edited.

The pages are read many times and change only when a new version is published, so the hot path
is one short query: the latest version of a conference, without its (large) snapshot and
changelog. The snapshot itself and the goals it names are read only when the page is not cached
yet (``version_snapshot``, ``goals_by_id``), which PDFs are ready only now and then
(``ready_languages``).
"""

from __future__ import annotations

from conferences.enums import ConferenceStatus, ContentLanguage, FileState
from conferences.models import ProgrammeFile, ProgrammeVersion
from telemarksplanen.models import Goal

PDF_LANGUAGES = [language.value for language in ContentLanguage]
# What every page reads of the latest version before the cached part (see latest_version_for):
# the conference's facts come from the snapshot, which is read only when the cache misses.
VERSION_FIELDS = ("id", "number", "published_at", "conference_id")


# A draft conference's programme stays private even when a version has been published.
PUBLIC_STATUSES = (ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED)


def latest_version_for(slug: str) -> ProgrammeVersion | None:
    """The number, id and publication time of the latest version of the conference ``slug``
    (not its snapshot and changelog, not the conference): one short query, what every public
    programme page reads first. None when the conference has published nothing."""
    return (
        ProgrammeVersion.objects.filter(
            conference__slug=slug, conference__status__in=PUBLIC_STATUSES
        )
        .only(*VERSION_FIELDS)
        .order_by("-number")
        .first()
    )


def ready_languages(version: ProgrammeVersion) -> list[str]:
    """The languages whose PDF of ``version`` is ready, in the order nb, nn, en."""
    ready = set(
        ProgrammeFile.objects.filter(version=version, state=FileState.DONE)
        .exclude(file="")
        .values_list("language", flat=True)
    )
    return [language for language in PDF_LANGUAGES if language in ready]


def version_snapshot(version: ProgrammeVersion) -> dict:
    """The frozen programme of ``version`` (one query when it was deferred)."""
    return version.snapshot


def version_files(version: ProgrammeVersion) -> dict[str, ProgrammeFile]:
    """The ready files of ``version`` by language."""
    files = ProgrammeFile.objects.filter(version=version, state=FileState.DONE).exclude(file="")
    return {row.language: row for row in files}


def ready_pdf(version: ProgrammeVersion, language: str) -> ProgrammeFile | None:
    return version_files(version).get(language)


def goals_by_id(ids) -> dict[int, Goal]:
    """The goals with these ids and their focus areas (one query), for the active language."""
    ids = set(ids)
    if not ids:
        return {}
    return {goal.pk: goal for goal in Goal.objects.filter(pk__in=ids).select_related("focus_area")}


def versions_for(slug: str):
    """Every published version of the conference ``slug``, newest first, with its conference."""
    return (
        ProgrammeVersion.objects.filter(
            conference__slug=slug, conference__status__in=PUBLIC_STATUSES
        )
        .select_related("conference")
        .order_by("-number")
    )
