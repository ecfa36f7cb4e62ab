"""Read-side of the timetable (house style rule 3): the items, slots and rooms of a conference
and the grid the schedule editor shows. The views have checked that the user is one of the
conference's advisers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from conferences.domain.conflicts import Conflict, Placed, find_conflicts
from conferences.enums import SessionState
from conferences.models import ProgrammeFile, ProgrammeVersion, Room, Session, TimeSlot
from conferences.queries.core import rooms_for


def scheduled_sessions(conference):
    """Accepted items of the conference with everything the grid, the conflict check and the
    snapshot need, in a constant number of queries."""
    return (
        Session.objects.filter(conference=conference, state=SessionState.ACCEPTED)
        .select_related("room", "slot", "owner", "network")
        .prefetch_related("speakers", "goals", "co_owners")
        .order_by("start", "room__order", "title", "pk")
    )


def slots_for(conference):
    return TimeSlot.objects.filter(conference=conference).order_by("start", "end")


def as_placed(session: Session) -> Placed:
    people, names = set(), {}
    for speaker in session.speakers.all():
        key = speaker.email.strip().lower() or speaker.pk
        people.add(key)
        names[key] = speaker.name
    audience = max(session.capacity or 0, session.expected_audience or 0) or None
    return Placed(
        id=session.pk,
        title=session.title,
        start=session.start,
        duration=session.duration,
        room_id=session.room_id,
        room_name=session.room.name,
        room_capacity=session.room.capacity,
        all_rooms=session.all_rooms,
        slot_start=session.slot.start if session.slot_id else None,
        slot_end=session.slot.end if session.slot_id else None,
        speakers=frozenset(people),
        speaker_names=names,
        audience=audience,
    )


def conflicts_among(conference, sessions) -> list[Conflict]:
    placed = [as_placed(s) for s in sessions if s.room_id and s.start]
    return find_conflicts(placed, first_day=conference.start_date, last_day=conference.end_date)


@dataclass
class Cell:
    room: Room
    slot: TimeSlot
    items: list[Session] = field(default_factory=list)


@dataclass
class Row:
    slot: TimeSlot
    spanning: list[Session] = field(default_factory=list)  # items that take every room
    cells: list[Cell] = field(default_factory=list)

    @property
    def has_room_items(self) -> bool:
        return any(cell.items for cell in self.cells)


@dataclass
class Day:
    date: dt.date
    rows: list[Row] = field(default_factory=list)


@dataclass
class Grid:
    rooms: list[Room]
    slots: list[TimeSlot]
    days: list[Day]
    unplaced: list[Session]
    loose: list[Session]  # a room and a time but no time slot (e.g. placed before slots existed)
    conflicts: list[Conflict]
    conflicted: dict[int, list[Conflict]]
    sessions: list[Session]


def schedule_grid(conference) -> Grid:
    """Days × time slots × rooms with the placed items, the items still to place, and the
    conflicts — in a constant number of queries."""
    rooms = list(rooms_for(conference))
    slots = list(slots_for(conference))
    sessions = list(scheduled_sessions(conference))
    rows = {}
    days: dict[dt.date, Day] = {}
    for slot in slots:
        row = Row(slot, cells=[Cell(room, slot) for room in rooms])
        rows[slot.pk] = row
        date = timezone.localtime(slot.start).date()
        days.setdefault(date, Day(date)).rows.append(row)
    for day in range(conference.days):
        date = conference.start_date + dt.timedelta(days=day)
        days.setdefault(date, Day(date))
    index = {room.pk: n for n, room in enumerate(rooms)}
    unplaced, loose = [], []
    for session in sessions:
        if session.slot_id in rows:
            row = rows[session.slot_id]
            if session.all_rooms:
                row.spanning.append(session)
            else:
                row.cells[index[session.room_id]].items.append(session)
        elif session.room_id and session.start:
            loose.append(session)
        else:
            unplaced.append(session)
    conflicts = conflicts_among(conference, sessions)
    conflicted: dict[int, list[Conflict]] = {}
    for conflict in conflicts:
        for item in conflict.items:
            conflicted.setdefault(item, []).append(conflict)
    unplaced.sort(key=lambda s: (s.title.lower(), s.pk))
    return Grid(
        rooms=rooms,
        slots=slots,
        days=[days[date] for date in sorted(days)],
        unplaced=unplaced,
        loose=loose,
        conflicts=conflicts,
        conflicted=conflicted,
        sessions=sessions,
    )


def versions_for(conference):
    """Published versions, newest first, with their PDF files."""
    return (
        ProgrammeVersion.objects.filter(conference=conference)
        .prefetch_related("files")
        .select_related("published_by")
        .order_by("-number")
    )


def version_for(conference, number: int) -> ProgrammeVersion | None:
    return ProgrammeVersion.objects.filter(conference=conference, number=number).first()


def programme_file(version: ProgrammeVersion, language: str) -> ProgrammeFile | None:
    return ProgrammeFile.objects.filter(version=version, language=language).first()
