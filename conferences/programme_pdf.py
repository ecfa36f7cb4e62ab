"""The PDF programme of a published programme version, in bokmål, nynorsk or English.

A pure function of the version's snapshot, number and publication time (see the snapshot format
in ProgrammeVersion), plus the plan's focus areas and goals for their titles and colours, read in
one query. Labels are in the PDF's language; an item's own title and abstract stay in the
language it was written in and are marked with it (``lang``), so they are hyphenated by the right
dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from conferences.enums import SessionFormat
from moteplass.i18n import FALLBACKS
from moteplass.pdf import page_label_context, render_pdf
from telemarksplanen.models import FocusArea, Goal

TEMPLATE = "conferences/programme/pdf.html"
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass
class PdfItem:
    id: int
    title: str
    abstract: str
    language: str
    format: str
    start: datetime
    end: datetime
    room: str
    all_rooms: bool
    speakers: list[str]
    goals: list[Goal]
    owners: list[str]


@dataclass
class PdfDay:
    date: date
    label: str
    items: list[PdfItem] = field(default_factory=list)


@dataclass
class PdfFocusArea:
    area: FocusArea
    goals: list[Goal]


def render_programme_pdf(snapshot: dict, *, number: int, published_at, language: str) -> bytes:
    """The PDF programme of a programme version (see programme_pdf_html)."""
    goals = _load_goals(snapshot)
    html = _html(snapshot, goals, number=number, published_at=published_at, language=language)
    with translation.override(language):
        title = document_title(snapshot)
    return render_pdf(html, language=language, title=title, stylesheets=[colour_css(goals)])


def programme_pdf_html(snapshot: dict, *, number: int, published_at, language: str) -> str:
    """The HTML the PDF programme is made from, with labels in ``language``."""
    goals = _load_goals(snapshot)
    return _html(snapshot, goals, number=number, published_at=published_at, language=language)


def _html(snapshot: dict, goals: list[Goal], *, number, published_at, language) -> str:
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        context = programme_context(
            snapshot, goals, number=number, published_at=published_at, language=language
        )
        return render_to_string(TEMPLATE, context)


def document_title(snapshot: dict) -> str:
    return gettext("%(conference)s – programme") % {"conference": snapshot["conference"]["title"]}


def programme_context(
    snapshot: dict, goals: list[Goal], *, number: int, published_at, language: str
) -> dict:
    """The template's context; ``goals``: the plan's goals with their focus areas."""
    zone = ZoneInfo(settings.TIME_ZONE)
    conference = snapshot["conference"]
    rooms = {room["id"]: room for room in snapshot.get("rooms", [])}
    goals_by_id = {goal.pk: goal for goal in goals}
    formats = dict(SessionFormat.choices)
    all_rooms = gettext("All rooms")

    def sort_key(raw):
        room = rooms.get(raw.get("room_id"), {})
        start = datetime.fromisoformat(raw["start"])
        return (start, room.get("order", 0), room.get("name", ""), raw["title"])

    days: dict[date, PdfDay] = {}
    for raw in sorted(snapshot.get("items", []), key=sort_key):
        start = datetime.fromisoformat(raw["start"]).astimezone(zone)
        end = datetime.fromisoformat(raw["end"]).astimezone(zone)
        room = rooms.get(raw.get("room_id"))
        item = PdfItem(
            id=raw["id"],
            title=raw["title"],
            abstract=raw.get("abstract", ""),
            language=raw.get("language") or language,
            format=str(formats.get(raw.get("format"), raw.get("format", ""))),
            start=start,
            end=end,
            room=all_rooms if raw.get("all_rooms") else (room["name"] if room else ""),
            all_rooms=bool(raw.get("all_rooms")),
            speakers=[_speaker_line(speaker) for speaker in raw.get("speakers", [])],
            goals=sorted(
                (goals_by_id[pk] for pk in raw.get("goals", []) if pk in goals_by_id),
                key=_goal_order,
            ),
            owners=[owner["name"] for owner in raw.get("owners", [])],
        )
        day = days.setdefault(start.date(), PdfDay(date=start.date(), label=_day_label(start)))
        day.items.append(item)

    description, description_language = _localized(conference, "description", language)
    return {
        "language": language,
        "document_title": document_title(snapshot),
        "conference": conference,
        "dates": date_range(
            date.fromisoformat(conference["start_date"]),
            date.fromisoformat(conference["end_date"]),
        ),
        "description": description,
        "description_language": description_language,
        "number": number,
        "published": date_format(published_at.astimezone(zone), "DATETIME_FORMAT"),
        "days": list(days.values()),
        "focus_areas": _legend(goals),
        "partners": [partner["name"] for partner in snapshot.get("partners", [])],
        **page_label_context(),
    }


def colour_css(goals) -> str:
    """The focus areas' colours as rules (data, so not in the static stylesheet)."""
    colours = {goal.focus_area_id: goal.focus_area.colour for goal in goals}
    return "".join(
        f".area-colour-{pk}{{background-color:{colour}}}\n"
        for pk, colour in sorted(colours.items())
        if COLOUR.fullmatch(colour)
    )


def date_range(start: date, end: date) -> str:
    """The conference's dates in the active language: '27.–29. mars 2027', '27–29 March 2027'."""
    if start == end:
        return date_format(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        return pgettext(
            "conference dates in one month", "%(start_day)s–%(end_day)s %(month)s %(year)s"
        ) % {
            "start_day": start.day,
            "end_day": end.day,
            "month": dateformat.format(end, "F"),
            "year": end.year,
        }
    return pgettext("conference dates", "%(start)s – %(end)s") % {
        "start": date_format(start, "DATE_FORMAT"),
        "end": date_format(end, "DATE_FORMAT"),
    }


def _load_goals(snapshot: dict) -> list[Goal]:
    """The plan's goals with their focus areas, in one query; also any goal an item names."""
    plan_id = snapshot["conference"].get("plan_id")
    named = {pk for raw in snapshot.get("items", []) for pk in raw.get("goals", [])}
    condition = Q(pk__in=named)
    if plan_id:
        condition |= Q(focus_area__plan_id=plan_id)
    if not named and not plan_id:
        return []
    return sorted(Goal.objects.filter(condition).select_related("focus_area"), key=_goal_order)


def _goal_order(goal: Goal):
    area = goal.focus_area
    return (area.plan_id, area.order, area.code, goal.order, goal.code)


def _legend(goals: list[Goal]) -> list[PdfFocusArea]:
    areas: dict[int, PdfFocusArea] = {}
    for goal in goals:
        areas.setdefault(goal.focus_area_id, PdfFocusArea(goal.focus_area, [])).goals.append(goal)
    return list(areas.values())


def _speaker_line(speaker: dict) -> str:
    """'Kari Nordmann, ordførar, Vinje kommune'."""
    parts = (speaker.get("name"), speaker.get("title"), speaker.get("organisation"))
    return ", ".join(part for part in parts if part)


def _day_label(moment: datetime) -> str:
    # Translators: a date format in Django's date filter letters: l weekday, j day, F month, Y year.
    label = dateformat.format(moment, pgettext("date with weekday", "l j F Y"))
    return label[:1].upper() + label[1:]


def _localized(values: dict, field_name: str, language: str) -> tuple[str, str]:
    """The first non-empty ``field_nb/nn/en`` in the language's fallback order, and its
    language."""
    for code in FALLBACKS.get(language, FALLBACKS["nb"]):
        value = values.get(f"{field_name}_{code}") or ""
        if value.strip():
            return value, code
    return "", language
