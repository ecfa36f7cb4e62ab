"""How a published programme version is shown to participants: its items with local times, room,
goals and owners, grouped by day and start time, filtered, and its changelog in words.

Pure functions of a version's snapshot (its shape: ``programme_snapshot`` in
conferences.domain.schedule) and the goals it names, which the caller reads in one query
(conferences.queries.programme.goals_by_id): nothing here touches the database, so a page's
queries do not grow with its items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext

from conferences.phrases import CHOICE_LABELS
from moteplass.i18n import weekday_date


@dataclass(frozen=True)
class ConferenceFacts:
    """The conference as the version froze it (its title, venue and days when published)."""

    title: str
    venue: str
    start_date: dt.date | None
    end_date: dt.date | None


def conference_facts(snapshot: dict) -> ConferenceFacts:
    conference = snapshot.get("conference", {})

    def day(value):
        return dt.date.fromisoformat(value) if value else None

    return ConferenceFacts(
        title=conference.get("title", ""),
        venue=conference.get("venue", ""),
        start_date=day(conference.get("start_date")),
        end_date=day(conference.get("end_date")),
    )


def local(moment_iso: str) -> dt.datetime:
    """A snapshot's UTC timestamp in the conference's time zone (settings.TIME_ZONE)."""
    return timezone.localtime(
        dt.datetime.fromisoformat(moment_iso), timezone.get_default_timezone()
    )


def day_and_time(start: dt.datetime, end: dt.datetime) -> str:
    """“Saturday March 27, 09:00–10:30” in the active language, for running text."""
    day = weekday_date(start)
    return pgettext("day and time", "%(day)s, %(start)s–%(end)s") % {
        "day": day,
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
    }


def time_anchor(start: dt.datetime) -> str:
    return f"t-{start:%Y%m%d-%H%M}"


@dataclass
class ProgrammeItem:
    id: int
    title: str
    abstract: str
    language: str
    format: str
    start: dt.datetime
    end: dt.datetime
    duration: int
    room: dict | None
    all_rooms: bool
    speakers: list[dict]
    goals: list
    owners: list[dict]

    @property
    def format_label(self) -> str:
        return str(CHOICE_LABELS["format"].get(self.format, self.format))

    @property
    def day(self) -> dt.date:
        return self.start.date()

    @property
    def room_name(self) -> str:
        return self.room["name"] if self.room else ""

    @property
    def time_anchor(self) -> str:
        """The programme page's anchor of the time the item starts at (TimeGroup.anchor)."""
        return time_anchor(self.start)

    @property
    def owner_names(self) -> str:
        return ", ".join(owner["name"] for owner in self.owners)

    @cached_property
    def goal_groups(self) -> list[tuple]:
        """[(focus area, [goals])] in the plan's order."""
        groups: dict[int, tuple] = {}
        for goal in self.goals:
            groups.setdefault(goal.focus_area_id, (goal.focus_area, []))[1].append(goal)
        return list(groups.values())


def goal_ids(snapshot: dict, item_id: int | None = None) -> set[int]:
    """The goals the snapshot's items (or the one item ``item_id``) serve."""
    return {
        goal_id
        for item in snapshot.get("items", [])
        if item_id is None or item["id"] == item_id
        for goal_id in item.get("goals", [])
    }


def goal_order(goal) -> tuple:
    return (goal.focus_area.order, goal.focus_area.code, goal.order, goal.code)


def programme_items(snapshot: dict, goals: dict) -> list[ProgrammeItem]:
    """The snapshot's items in its order (start, room order, title), each with its room and its
    goals (``goals``: id → Goal with focus area; a goal no longer in the plan is left out)."""
    rooms = {room["id"]: room for room in snapshot.get("rooms", [])}
    return [
        ProgrammeItem(
            id=item["id"],
            title=item["title"],
            abstract=item.get("abstract", ""),
            language=item.get("language") or "nb",
            format=item.get("format", ""),
            start=local(item["start"]),
            end=local(item["end"]),
            duration=item.get("duration", 0),
            room=rooms.get(item.get("room_id")),
            all_rooms=bool(item.get("all_rooms")),
            speakers=item.get("speakers", []),
            goals=sorted(
                (goals[goal_id] for goal_id in item.get("goals", []) if goal_id in goals),
                key=goal_order,
            ),
            owners=item.get("owners", []),
        )
        for item in snapshot.get("items", [])
    ]


def find_item(snapshot: dict, item_id: int) -> dict | None:
    return next((item for item in snapshot.get("items", []) if item["id"] == item_id), None)


# --- grouping ------------------------------------------------------------------------------------


@dataclass
class TimeGroup:
    """The items starting at one time: parallel sessions side by side, or one item in all rooms."""

    start: dt.datetime
    items: list[ProgrammeItem] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return time_anchor(self.start)


@dataclass
class Day:
    date: dt.date
    times: list[TimeGroup] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"day-{self.date:%Y-%m-%d}"

    @property
    def item_count(self) -> int:
        return sum(len(group.items) for group in self.times)


def programme_days(items: list[ProgrammeItem]) -> list[Day]:
    """Items by local day, then by start time; the snapshot's order (room order, then title)
    holds inside each time."""
    days: dict[dt.date, Day] = {}
    for item in sorted(items, key=lambda i: i.start):
        day = days.setdefault(item.day, Day(date=item.day))
        if not day.times or day.times[-1].start != item.start:
            day.times.append(TimeGroup(start=item.start))
        day.times[-1].items.append(item)
    return list(days.values())


# --- filters -------------------------------------------------------------------------------------


def filter_choices(snapshot: dict, goals: dict) -> dict[str, list]:
    """What the programme's filters offer: only values some item has, in the plan's or the
    snapshot's order. Focus areas and goals by code, rooms and partners by id."""
    items = snapshot.get("items", [])
    used = sorted((goals[i] for i in goal_ids(snapshot) if i in goals), key=goal_order)
    areas: dict[str, str] = {}
    grouped: dict[str, list] = {}
    for goal in used:
        area = goal.focus_area
        areas.setdefault(area.code, area.title)
        grouped.setdefault(area.title, []).append((goal.code, f"{goal.code} {goal.title}"))
    formats_used = {item.get("format") for item in items}
    room_ids = {item.get("room_id") for item in items}
    owner_ids = {owner["id"] for item in items for owner in item.get("owners", [])}
    return {
        "focus": list(areas.items()),
        "goal": list(grouped.items()),
        "format": [
            (value, str(label))
            for value, label in CHOICE_LABELS["format"].items()
            if value in formats_used
        ],
        "room": [
            (str(room["id"]), room["name"])
            for room in snapshot.get("rooms", [])
            if room["id"] in room_ids or any(item.get("all_rooms") for item in items)
        ],
        "partner": [
            (str(partner["id"]), partner["name"])
            for partner in sorted(
                _partners(snapshot), key=lambda p: (p["name"].casefold(), p["id"])
            )
            if partner["id"] in owner_ids
        ],
    }


def _partners(snapshot: dict) -> list[dict]:
    """The snapshot's partners and any owner not among them (an owner that left the conference
    after its item was accepted still owns it)."""
    partners = {partner["id"]: partner for partner in snapshot.get("partners", [])}
    for item in snapshot.get("items", []):
        for owner in item.get("owners", []):
            partners.setdefault(owner["id"], owner)
    return list(partners.values())


def apply_filters(items: list[ProgrammeItem], filters: dict[str, str]) -> list[ProgrammeItem]:
    """The items matching every given filter. An item in all rooms is in every room."""
    focus, goal = filters.get("focus"), filters.get("goal")
    format_, room, partner = filters.get("format"), filters.get("room"), filters.get("partner")
    result = []
    for item in items:
        if focus and not any(g.focus_area.code == focus for g in item.goals):
            continue
        if goal and not any(g.code == goal for g in item.goals):
            continue
        if format_ and item.format != format_:
            continue
        if room and not (item.all_rooms or (item.room and str(item.room["id"]) == room)):
            continue
        if partner and not any(str(owner["id"]) == partner for owner in item.owners):
            continue
        result.append(item)
    return result


# --- the changelog -------------------------------------------------------------------------------


@dataclass
class Change:
    kind: str
    item_id: int
    title: object  # the title marked up with the item's language
    old_title: object
    when: str
    old_when: str
    place: str
    old_place: str


def _place(where: dict | None) -> str:
    if not where:
        return ""
    return gettext("all rooms") if where.get("all_rooms") else where.get("room") or ""


def _when(where: dict | None) -> str:
    if not where:
        return ""
    return day_and_time(local(where["start"]), local(where["end"]))


def _titled(title: str, language: str | None, url: str | None = None):
    if url:
        return format_html(
            '<a class="ds-link" href="{}" lang="{}">{}</a>', url, language or "nb", title
        )
    return format_html('<span lang="{}">{}</span>', language or "nb", title)


def describe_changes(
    changes: list[dict], languages: dict[int, str], *, slug: str, current: set[int]
) -> list[Change]:
    """A version's changelog in words, in the active language; ``languages`` maps item ids to
    the language each item is written in (for ``lang`` on its title); an item still in the
    latest version (``current``) links to its page."""
    result = []
    for change in changes:
        before, after = change.get("before"), change.get("after")
        language = languages.get(change["item_id"])
        url = None
        if change["item_id"] in current and change["kind"] != "removed":
            url = reverse("programme_item", args=[slug, change["item_id"]])
        result.append(
            Change(
                kind=change["kind"],
                item_id=change["item_id"],
                title=_titled(change["title"], language, url),
                old_title=_titled(before["title"], language) if before else "",
                when=_when(after),
                old_when=_when(before),
                place=_place(after),
                old_place=_place(before),
            )
        )
    return result


def item_languages(snapshots: list[dict]) -> dict[int, str]:
    """Item id → language over several snapshots (later ones win)."""
    languages: dict[int, str] = {}
    for snapshot in snapshots:
        for item in snapshot.get("items", []):
            languages[item["id"]] = item.get("language") or "nb"
    return languages
