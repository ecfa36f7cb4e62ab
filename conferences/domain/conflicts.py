"""What is wrong with a timetable, worked out from plain data (no queries), so the schedule
editor, the publishing check and the tests share one definition.

Times are half-open intervals [start, end): an item ending at 10:00 and one starting at 10:00 in
the same room do not clash. An item that spans all rooms clashes with every item at that time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.enums import ConflictKind


@dataclass(frozen=True)
class Placed:
    """A programme item as the conflict check sees it."""

    id: int
    title: str
    start: dt.datetime
    duration: int
    room_id: int
    room_name: str
    room_capacity: int
    all_rooms: bool = False
    slot_start: dt.datetime | None = None
    slot_end: dt.datetime | None = None
    # people: speaker email (lower case) when known, otherwise the speaker row's id
    speakers: frozenset = field(default_factory=frozenset)
    speaker_names: dict = field(default_factory=dict)
    audience: int | None = None

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.duration)


@dataclass(frozen=True)
class Conflict:
    kind: str
    items: tuple[int, ...]
    message: str

    @property
    def label(self) -> str:
        return str(ConflictKind(self.kind).label)


def overlaps(a: Placed, b: Placed) -> bool:
    return a.start < b.end and b.start < a.end


def same_place(a: Placed, b: Placed) -> bool:
    return a.room_id == b.room_id or a.all_rooms or b.all_rooms


def clock(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


def find_conflicts(items: list[Placed], *, first_day: dt.date, last_day: dt.date) -> list[Conflict]:
    """Every conflict among ``items``, in a stable order (by kind, then by the items' order)."""
    ordered = sorted(items, key=lambda item: (item.start, item.room_id, item.id))
    found: list[Conflict] = []
    for a, b in _overlapping_pairs(ordered):
        if same_place(a, b):
            where = a.room_name if a.room_id == b.room_id else _("all rooms")
            found.append(
                Conflict(
                    ConflictKind.ROOM,
                    (a.id, b.id),
                    _("“%(a)s” and “%(b)s” are both in %(room)s at %(time)s.")
                    % {"a": a.title, "b": b.title, "room": where, "time": clock(b.start)},
                )
            )
        for person in sorted(a.speakers & b.speakers, key=str):
            name = a.speaker_names.get(person) or b.speaker_names.get(person) or str(person)
            found.append(
                Conflict(
                    ConflictKind.SPEAKER,
                    (a.id, b.id),
                    _("%(name)s speaks in “%(a)s” and in “%(b)s” at the same time.")
                    % {"name": name, "a": a.title, "b": b.title},
                )
            )
    for item in ordered:
        found.extend(_single(item, first_day=first_day, last_day=last_day))
    kinds = list(ConflictKind.values)
    return sorted(found, key=lambda c: kinds.index(c.kind))


def _overlapping_pairs(ordered: list[Placed]):
    """Pairs of items whose times overlap (a sweep over items sorted by start)."""
    active: list[Placed] = []
    for item in ordered:
        active = [other for other in active if other.end > item.start]
        for other in active:
            yield other, item
        active.append(item)


def _single(item: Placed, *, first_day: dt.date, last_day: dt.date) -> list[Conflict]:
    found = []
    if item.slot_start is not None and (item.start < item.slot_start or item.end > item.slot_end):
        found.append(
            Conflict(
                ConflictKind.SLOT,
                (item.id,),
                _("“%(title)s” (%(start)s–%(end)s) does not fit its time slot %(from)s–%(to)s.")
                % {
                    "title": item.title,
                    "start": clock(item.start),
                    "end": clock(item.end),
                    "from": clock(item.slot_start),
                    "to": clock(item.slot_end),
                },
            )
        )
    if item.audience and item.audience > item.room_capacity:
        found.append(
            Conflict(
                ConflictKind.CAPACITY,
                (item.id,),
                _("“%(title)s” expects %(people)s people; %(room)s holds %(capacity)s.")
                % {
                    "title": item.title,
                    "people": item.audience,
                    "room": item.room_name,
                    "capacity": item.room_capacity,
                },
            )
        )
    last_minute = item.end - dt.timedelta(minutes=1)
    days = {timezone.localdate(item.start), timezone.localdate(last_minute)}
    if any(not first_day <= day <= last_day for day in days):
        found.append(
            Conflict(
                ConflictKind.DAYS,
                (item.id,),
                _("“%(title)s” is outside the conference days.") % {"title": item.title},
            )
        )
    return found
