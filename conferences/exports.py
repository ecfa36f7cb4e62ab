"""Open exports of a published programme version: iCalendar, frab schedule (JSON, XML) and CSV.

Every export is a pure function of a ``ProgrammeVersion``'s ``snapshot``, ``number`` and
``published_at`` (the format is in the snapshot spec): none of them reads the database, so the
same version always gives the same bytes, and a view or a task can cache them. The one thing the
snapshot does not hold is the wording of the plan's goals; ``goal_labels(plan_id)`` reads it in
one query and the caller passes it in.

Times are UTC in the snapshot and Europe/Oslo (``settings.TIME_ZONE``) in every export. Labels
(CSV headers, "Speakers: …") are in the active language, so the caller activates the language
the reader asked for.

Choices made for the frab format (https://c3voc.de/wiki/schedule, validated in the tests
against the schemas vendored in ``tests/conferences/frab/``):

* ``track`` is the focus area (satsingsområde) of the item's first goal, its main goal, with the
  focus area's colour in the conference's track list; an item without goals (a break, the
  social programme) has no track (``null`` in JSON, empty in XML).
* ``type`` is the item's format value (``plenary``, ``panel``, ``workshop`` …), ``language`` its
  written standard (``nb``, ``nn``, ``en``: ISO 639-1 codes).
* ``guid`` is a UUID 5 of the conference slug and the item id, so it stays the same from one
  version to the next and never depends on the site's address; rooms get one the same way.
* ``acronym`` is the conference slug with ``-`` as ``_`` (the JSON schema allows no hyphen
  there); the event ``slug`` is ``<acronym>-<item id>-<title, ASCII>``.
* An all-rooms item (plenary, break) is listed once, in its own room; the frab format has no way
  to span rooms, and listing it in every room would repeat its ``guid``.
* ``abstract`` is the item's abstract; ``description`` names the speakers and the organisations
  that own the item; ``subtitle`` is empty.
"""

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import pgettext

from conferences.imports import FORMULA_PREFIXES
from conferences.phrases import CHOICE_LABELS

FRAB_JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
TIMESLOT_DURATION = "00:05"
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
# checked after cleaning (newlines normalised, control characters removed), so a hidden
# control character cannot smuggle a formula past it
FORMULA_TRIGGERS = (*FORMULA_PREFIXES, "\t", "\r", "\n")
CSV_DELIMITER = ";"  # what Excel expects with Norwegian regional settings
# Characters XML 1.0 cannot carry at all (ElementTree would write them and break the file).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})

ItemUrl = Callable[[int], str]


@dataclass(frozen=True)
class Track:
    """A frab track: a focus area of the plan."""

    name: str
    colour: str  # "#1e6b52"


@dataclass(frozen=True)
class GoalLabels:
    """What the exports show for the plan's goals, by goal id, in the active language."""

    titles: dict[int, str]  # "I1 Title of the goal"
    tracks: dict[int, Track]  # the goal's focus area


def goal_labels(plan_id: int) -> GoalLabels:
    """The goals of a plan as the exports label them; one query."""
    from telemarksplanen.models import Goal

    goals = Goal.objects.filter(focus_area__plan_id=plan_id).select_related("focus_area")
    return GoalLabels(
        titles={goal.id: str(goal) for goal in goals},
        tracks={
            goal.id: Track(name=goal.focus_area.title, colour=goal.focus_area.colour.lower())
            for goal in goals
        },
    )


# --- iCalendar -----------------------------------------------------------------------------------


def programme_ics(
    snapshot: Mapping,
    *,
    number: int,
    published_at: datetime,
    site_url: str,
    item_url: ItemUrl,
    item_id: int | None = None,
) -> bytes:
    """The programme, or the one item ``item_id``, as an iCalendar file (RFC 5545).

    ``site_url`` gives the host part of the stable UIDs (``session-41@host``); ``item_url(id)``
    the absolute address of an item's page. DTSTAMP is the publication time and SEQUENCE the
    version number, so a calendar that subscribed to the programme sees each version as an
    update of the same events. Raises ``LookupError`` when ``item_id`` is not in the snapshot.
    """
    from icalendar import Calendar, Event

    conference = snapshot["conference"]
    items = snapshot["items"]
    if item_id is not None:
        items = [item for item in items if item["id"] == item_id]
        if not items:
            raise LookupError(f"Item {item_id} is not in this version of the programme.")
    rooms = _rooms_by_id(snapshot)
    host = urlsplit(site_url).hostname or "localhost"
    stamp = published_at.astimezone(UTC)

    calendar = Calendar()
    calendar.add("prodid", "-//Moteplass//Programme//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if item_id is None:  # a subscribed calendar; a single item is added to the reader's own
        calendar.add("name", _clean(conference["title"]))
        calendar.add("x-wr-calname", _clean(conference["title"]))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
    for item in items:
        room = rooms.get(item["room_id"])
        event = Event()
        event.add("uid", f"session-{item['id']}@{host}")
        event.add("dtstamp", stamp)
        event.add("sequence", number)
        event.add("dtstart", _local(item["start"]))
        event.add("dtend", _local(item["end"]))
        event.add("summary", _clean(item["title"]))
        event.add("description", _ics_description(item, item_url(item["id"])))
        location = [room["name"]] if room else []
        if conference.get("venue"):
            location.append(conference["venue"])
        if location:
            event.add("location", _clean(", ".join(location)))
        event.add("url", item_url(item["id"]))
        calendar.add_component(event)
    first, last = _date_range(conference, items)
    calendar.add_missing_timezones(
        first_date=first - timedelta(days=1), last_date=last + timedelta(days=2)
    )
    return calendar.to_ical()


def registration_ics(registration, *, signups=None) -> bytes:
    """A participant's calendar file: the conference (whole days) and each session they have a
    confirmed place in (timed, Europe/Oslo). UIDs are stable per registration, so importing a
    newer file updates the events instead of adding copies. ``signups``: the registration's
    sign-ups with their sessions and rooms, when the caller has them (else they are read)."""
    from icalendar import Calendar, Event

    from conferences.enums import SignupState

    conference = registration.conference
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    stamp = datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Moteplass//Registration//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"registration-{registration.pk}-conference@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", conference.start_date)
    event.add("dtend", conference.end_date + timedelta(days=1))
    event.add("summary", _clean(conference.title))
    event.add("location", _clean(conference.venue))
    calendar.add_component(event)
    if signups is None:
        signups = registration.signups.filter(state=SignupState.CONFIRMED).select_related(
            "session__room"
        )
    for signup in sorted(signups, key=lambda signup: signup.session_id):
        if signup.state != SignupState.CONFIRMED:
            continue
        session = signup.session
        if session.start is None:
            continue
        event = Event()
        event.add("uid", f"registration-{registration.pk}-session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start.astimezone(ZoneInfo(settings.TIME_ZONE)))
        event.add("dtend", session.end.astimezone(ZoneInfo(settings.TIME_ZONE)))
        event.add("summary", _clean(session.title))
        location = [session.room.name] if session.room_id else []
        location.append(conference.venue)
        event.add("location", _clean(", ".join(location)))
        calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=conference.start_date - timedelta(days=1),
        last_date=conference.end_date + timedelta(days=2),
    )
    return calendar.to_ical()


def _ics_description(item: Mapping, url: str) -> str:
    parts = [_clean(item["abstract"]).strip()]
    people = [line for line in (_speakers_line(item), _owners_line(item)) if line]
    if people:
        parts.append("\n".join(people))
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


# --- frab schedule (JSON and XML) ----------------------------------------------------------------


def frab_schedule(
    snapshot: Mapping,
    *,
    number: int,
    published_at: datetime,
    base_url: str,
    item_url: ItemUrl,
    tracks: Mapping[int, Track] | None = None,
) -> dict:
    """The programme in the frab/C3VOC schedule format, as a dict ready for JSON.

    ``base_url`` is the absolute address of the conference's programme page (the schedule's
    ``base_url`` and the conference ``url``); ``item_url(id)`` the absolute address of an item's
    page; ``tracks`` maps goal ids to their focus area (``goal_labels(plan_id).tracks``).
    """
    tracks = tracks or {}
    conference = snapshot["conference"]
    acronym = _acronym(conference)
    tz = ZoneInfo(settings.TIME_ZONE)
    rooms = _ordered_rooms(snapshot)
    room_names = {room["id"]: _clean(room["name"]) for room in rooms}
    items = snapshot["items"]
    first, last = _date_range(conference, items)
    dates = sorted(
        {first + timedelta(days=n) for n in range((last - first).days + 1)}
        | {_local(item["start"]).date() for item in items}
    )
    by_day_room: dict[tuple[date, object], list[dict]] = {}
    for item in items:
        event = _frab_event(item, conference, acronym, room_names, item_url, tracks)
        key = (_local(item["start"]).date(), item["room_id"])
        by_day_room.setdefault(key, []).append(event)

    days = []
    for index, day in enumerate(dates, start=1):
        day_rooms: dict[str, list[dict]] = {}
        for room in rooms:
            day_rooms.setdefault(room_names[room["id"]], []).extend(
                by_day_room.get((day, room["id"]), [])
            )
        for (event_day, room_id), events in by_day_room.items():
            if event_day == day and room_id not in room_names:  # a room the snapshot lacks
                day_rooms.setdefault("", []).extend(events)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": datetime.combine(day, time(0), tzinfo=tz).isoformat(),
                "day_end": datetime.combine(
                    day + timedelta(days=1), time(0), tzinfo=tz
                ).isoformat(),
                "rooms": day_rooms,
            }
        )

    used_tracks = _used_tracks(items, tracks)
    published = published_at.astimezone(tz)
    return {
        "$schema": FRAB_JSON_SCHEMA,
        "schedule": {
            "version": f"{number} ({published:%Y-%m-%d %H:%M})",
            "base_url": base_url,
            "conference": {
                "acronym": acronym,
                "title": _clean(conference["title"]),
                "start": first.isoformat(),
                "end": last.isoformat(),
                "daysCount": len(dates),
                "timeslot_duration": TIMESLOT_DURATION,
                "time_zone_name": settings.TIME_ZONE,
                "url": base_url,
                "tracks": [{"name": _clean(t.name), "color": t.colour} for t in used_tracks],
                "rooms": [
                    {
                        "name": room_names[room["id"]],
                        "guid": _guid(conference, "room", room["id"]),
                        "capacity": room.get("capacity"),
                    }
                    for room in rooms
                ],
                "days": days,
            },
        },
    }


def frab_json(snapshot: Mapping, **options) -> bytes:
    """``frab_schedule`` (same keyword arguments) as UTF-8 JSON (schedule.json)."""
    schedule = frab_schedule(snapshot, **options)
    return json.dumps(schedule, ensure_ascii=False, indent=2).encode("utf-8")


def frab_xml(snapshot: Mapping, **options) -> bytes:
    """``frab_schedule`` (same keyword arguments) as UTF-8 schedule.xml (stdlib ElementTree: no
    lxml at run time)."""
    schedule = frab_schedule(snapshot, **options)["schedule"]
    conference = schedule["conference"]
    root = ElementTree.Element("schedule")
    _sub(root, "version", schedule["version"])
    head = ElementTree.SubElement(root, "conference")
    for key in ("acronym", "title", "start", "end"):
        _sub(head, key, conference[key])
    _sub(head, "days", str(conference["daysCount"]))
    for key in ("timeslot_duration", "time_zone_name", "url"):
        _sub(head, key, conference[key])
    _sub(head, "base_url", schedule["base_url"])
    for track in conference["tracks"]:
        ElementTree.SubElement(head, "track", name=track["name"], color=track["color"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = ElementTree.SubElement(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, events in day["rooms"].items():
            room_element = ElementTree.SubElement(day_element, "room", name=name)
            if name in guids:
                room_element.set("guid", guids[name])
            for event in events:
                _xml_event(room_element, event)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _frab_event(
    item: Mapping,
    conference: Mapping,
    acronym: str,
    room_names: Mapping,
    item_url: ItemUrl,
    tracks: Mapping[int, Track],
) -> dict:
    start = _local(item["start"])
    end = _local(item["end"])
    goals = item.get("goals") or []
    track = tracks.get(goals[0]) if goals else None
    description = "\n".join(line for line in (_speakers_line(item), _owners_line(item)) if line)
    return {
        "guid": _guid(conference, "item", item["id"]),
        "id": item["id"],
        "date": start.isoformat(),
        "start": f"{start:%H:%M}",
        "end": end.isoformat(),
        "duration": _hours_minutes(timedelta(minutes=item["duration"])),
        "room": room_names.get(item["room_id"], ""),
        "slug": f"{acronym}-{item['id']}-{_title_slug(item['title'])}",
        "url": item_url(item["id"]),
        "title": _clean(item["title"]),
        "subtitle": "",
        "track": _clean(track.name) if track else None,
        "type": item["format"],
        "language": item["language"],
        "abstract": _clean(item["abstract"]),
        "description": description,
        "persons": [
            {"id": speaker["id"], "public_name": _clean(speaker["name"])}
            for speaker in item.get("speakers", [])
        ],
        "links": [],
        "attachments": [],
    }


def _xml_event(room_element: ElementTree.Element, event: Mapping) -> None:
    element = ElementTree.SubElement(room_element, "event", guid=event["guid"], id=str(event["id"]))
    for key in ("date", "start", "duration", "room", "slug", "url", "title", "subtitle"):
        _sub(element, key, event[key])
    _sub(element, "track", event["track"] or "")
    for key in ("type", "language", "abstract", "description"):
        _sub(element, key, event[key])
    persons = ElementTree.SubElement(element, "persons")
    for person in event["persons"]:
        _sub(persons, "person", person["public_name"]).set("id", str(person["id"]))
    ElementTree.SubElement(element, "links")
    ElementTree.SubElement(element, "attachments")


def _sub(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag)
    element.text = text
    return element


def _acronym(conference: Mapping) -> str:
    acronym = re.sub(r"[^a-z0-9_]+", "_", conference["slug"].lower()).strip("_")
    if len(acronym) < 4:
        acronym = f"{acronym}_{conference['year']}".lstrip("_")
    return acronym


def _title_slug(title: str) -> str:
    slug = slugify(title.translate(ASCII_LETTERS))[:60].strip("-_")
    return slug if len(slug) >= 3 else "item"


def _guid(conference: Mapping, kind: str, object_id: int) -> str:
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"urn:moteplass:{conference['slug']}:{kind}:{object_id}")
    )


def _hours_minutes(duration: timedelta) -> str:
    minutes = int(duration.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _used_tracks(items: Iterable[Mapping], tracks: Mapping[int, Track]) -> list[Track]:
    used = {
        tracks[item["goals"][0]]
        for item in items
        if item.get("goals") and item["goals"][0] in tracks
    }
    return [track for track in dict.fromkeys(tracks.values()) if track in used]


# --- CSV for advisers ----------------------------------------------------------------------------


def programme_csv(snapshot: Mapping, *, goal_titles: Mapping[int, str]) -> str:
    """The programme as CSV for advisers: one row an item, in programme order.

    Semicolon-separated and starting with a byte order mark, so Excel with Norwegian settings
    opens it in columns and with æøå intact; encode the result as UTF-8. A cell that a
    spreadsheet would run as a formula gets a leading apostrophe. ``goal_titles`` maps goal ids
    to labels (``goal_labels(plan_id).titles``).
    """
    rooms = _rooms_by_id(snapshot)
    formats = CHOICE_LABELS["format"]
    languages = CHOICE_LABELS["language"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(csv_header())
    for item in snapshot["items"]:
        start, end = _local(item["start"]), _local(item["end"])
        room = rooms.get(item["room_id"])
        room_name = room["name"] if room else ""
        if item.get("all_rooms"):
            room_name = pgettext("programme export", "%(room)s (all rooms)") % {"room": room_name}
        row = [
            start.date().isoformat(),
            f"{start:%H:%M}",
            f"{end:%H:%M}",
            room_name,
            item["title"],
            str(formats.get(item["format"], item["format"])),
            str(languages.get(item["language"], item["language"])),
            "; ".join(owner["name"] for owner in item.get("owners", [])),
            "; ".join(_speaker_label(speaker) for speaker in item.get("speakers", [])),
            "; ".join(goal_titles.get(goal, str(goal)) for goal in item.get("goals", [])),
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def csv_header() -> list[str]:
    """The header row of ``programme_csv`` in the active language."""
    return [
        pgettext("programme export column", "Day"),
        pgettext("programme export column", "Start"),
        pgettext("programme export column", "End"),
        pgettext("programme export column", "Room"),
        pgettext("programme export column", "Title"),
        pgettext("programme export column", "Format"),
        pgettext("programme export column", "Language"),
        pgettext("programme export column", "Owners"),
        pgettext("programme export column", "Speakers"),
        pgettext("programme export column", "Main goals"),
    ]


def spreadsheet_cell(value) -> str:
    """A value as text that is safe in a spreadsheet cell: control characters removed, and a cell
    that a spreadsheet would run as a formula (=, +, -, @, tab, CR) started with an apostrophe
    (OWASP "CSV injection"). Shared by every CSV and XLSX export."""
    text = _clean("" if value is None else str(value))
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


# --- shared --------------------------------------------------------------------------------------


def _local(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(ZoneInfo(settings.TIME_ZONE))


def _date_range(conference: Mapping, items: Iterable[Mapping]) -> tuple[date, date]:
    first = date.fromisoformat(conference["start_date"])
    last = date.fromisoformat(conference["end_date"])
    for item in items:
        first = min(first, _local(item["start"]).date())
        last = max(last, _local(item["end"]).date())
    return first, last


def _ordered_rooms(snapshot: Mapping) -> list[Mapping]:
    return sorted(snapshot.get("rooms", []), key=lambda room: (room.get("order", 0), room["name"]))


def _rooms_by_id(snapshot: Mapping) -> dict:
    return {room["id"]: room for room in snapshot.get("rooms", [])}


def _clean(text: str | None) -> str:
    """One newline convention and no characters that XML cannot carry."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return XML_ILLEGAL.sub("", text)


def _speaker_label(speaker: Mapping) -> str:
    details = ", ".join(
        part for part in (speaker.get("title"), speaker.get("organisation")) if part
    )
    return f"{speaker['name']} ({details})" if details else speaker["name"]


def _speakers_line(item: Mapping) -> str:
    speakers = item.get("speakers") or []
    if not speakers:
        return ""
    names = "; ".join(_clean(_speaker_label(speaker)) for speaker in speakers)
    return pgettext("programme export", "Speakers: %(speakers)s") % {"speakers": names}


def _owners_line(item: Mapping) -> str:
    owners = item.get("owners") or []
    if not owners:
        return ""
    names = ", ".join(_clean(owner["name"]) for owner in owners)
    return pgettext("programme export", "Organised by: %(owners)s") % {"owners": names}
