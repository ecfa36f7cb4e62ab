"""The timetable (house style rule 2): time slots, placing items in rooms and slots, publishing
numbered versions with a changelog, and the PDF programme of a version.

Only accepted items are placed. Placing checks the hard rules (the room and slot belong to the
conference, the start lies inside the slot, the item is not stale); the softer ones — a room or a
speaker double-booked, an item too long for its slot or too big for its room, outside the
conference days — are conflicts (conferences.domain.conflicts) that warn while editing and block
publishing until an adviser confirms them.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from conferences.domain.conflicts import Conflict
from conferences.domain.files import QUEUED_GRACE, FileJob, Rendered, is_stuck  # noqa: F401
from conferences.domain.sessions import notify_owners
from conferences.enums import MailRole, SessionState
from conferences.models import (
    Conference,
    ConferencePartner,
    ProgrammeFile,
    ProgrammeVersion,
    Room,
    Session,
    TimeSlot,
)
from conferences.queries.core import rooms_for
from conferences.queries.schedule import conflicts_among, scheduled_sessions
from moteplass.audit import log_action
from moteplass.i18n import weekday_date

PLACEMENT_FIELDS = ["room", "slot", "start", "duration", "all_rooms", "expected_audience"]
KEEP = object()  # place_session: leave this value as it is
MAX_DURATION = 24 * 60
MAX_AUDIENCE = 100_000


class ScheduleError(Exception):
    """A refused change, with a message for the adviser and the form field it belongs to."""

    def __init__(self, message, field: str | None = None):
        self.message, self.field = message, field
        super().__init__(str(message))


class StaleEdit(ScheduleError):
    pass


class ConflictsNotConfirmed(ScheduleError):
    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        super().__init__(
            _(
                "The programme has conflicts. Resolve them, or confirm that it may be "
                "published with them."
            ),
            "confirm_conflicts",
        )


# --- reading the timetable -----------------------------------------------------------------------


# --- time slots ----------------------------------------------------------------------------------


def local(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def exists_locally(moment: dt.datetime, time: dt.time) -> bool:
    """False for a wall-clock time skipped when the clocks go forward (through UTC: astimezone
    to the datetime's own zone would hand back the same wall time)."""
    return timezone.localtime(moment.astimezone(dt.UTC)).time() == time


@transaction.atomic
def add_slot(conference: Conference, *, day: dt.date, start: dt.time, end: dt.time, by) -> TimeSlot:
    if not conference.start_date <= day <= conference.end_date:
        raise ScheduleError(_("Choose one of the conference's days."), "day")
    if end <= start:
        raise ScheduleError(_("The time slot must end after it starts."), "end")
    begins, ends = local(day, start), local(day, end)
    if not exists_locally(begins, start) or not exists_locally(ends, end) or ends <= begins:
        # e.g. 02:30 on the night the clocks go forward: that time does not exist in Oslo
        raise ScheduleError(
            _("That time does not exist on this day (the clocks change). Choose another."), "start"
        )
    Conference.objects.select_for_update().get(pk=conference.pk)
    clash = (
        TimeSlot.objects.filter(conference=conference, start__lt=ends, end__gt=begins)
        .order_by("start")
        .first()
    )
    if clash:
        raise ScheduleError(
            _("It overlaps the time slot %(slot)s.") % {"slot": slot_label(clash)}, "start"
        )
    slot = TimeSlot.objects.create(conference=conference, start=begins, end=ends)
    log_action(conference, "conferences.slot.add", user=by, data={"slot": slot_label(slot)})
    return slot


@transaction.atomic
def delete_slot(slot: TimeSlot, *, by) -> None:
    slot = TimeSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.sessions.exists():
        raise ScheduleError(
            _("Move the programme items out of this time slot before deleting it."), "slot"
        )
    log_action(slot.conference, "conferences.slot.delete", user=by, data={"slot": slot_label(slot)})
    slot.delete()


def time_span(start: dt.datetime, end: dt.datetime) -> str:
    """ "tirsdag 22. april 09:00–10:30" in the active language and local time."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{weekday_date(start)} {start:%H:%M}–{end:%H:%M}"


def slot_label(slot: TimeSlot) -> str:
    return time_span(slot.start, slot.end)


# --- placing items -------------------------------------------------------------------------------


def edit_token(session: Session) -> str:
    """What the editor saw: a later save by anyone else changes it."""
    return session.updated_at.isoformat() if session.updated_at else ""


def _locked(session: Session, seen: str | None) -> Session:
    current = Session.objects.select_for_update().select_related("conference").get(pk=session.pk)
    if seen is not None and seen != edit_token(current):
        raise StaleEdit(
            _(
                "Someone else changed “%(title)s” while you were looking at it. The timetable "
                "has been reloaded; check it and try again."
            )
            % {"title": current.title}
        )
    if current.state != SessionState.ACCEPTED:
        raise ScheduleError(_("Only accepted programme items can be placed in the timetable."))
    return current


def _placement(session: Session) -> dict:
    return {
        "room": session.room.name if session.room_id else None,
        "slot": slot_label(session.slot) if session.slot_id else None,
        "start": timezone.localtime(session.start).isoformat() if session.start else None,
        "duration": session.duration,
        "all_rooms": session.all_rooms,
        "expected_audience": session.expected_audience,
    }


def _save_placement(session: Session, before: dict, *, action: str, by) -> Session:
    after = _placement(session)
    changes = [
        {"field": name, "label": name, "before": before[name], "after": after[name]}
        for name in after
        if before[name] != after[name]
    ]
    if changes:
        session.save(update_fields=[*PLACEMENT_FIELDS, "updated_at"])
        log_action(session, action, user=by, changes=changes)
    return session


@transaction.atomic
def place_session(
    session: Session,
    *,
    room: Room,
    slot: TimeSlot,
    start: dt.datetime | None = None,
    duration: int | None = None,
    all_rooms: bool | None = None,
    expected_audience=KEEP,
    seen: str | None = None,
    by,
) -> Session:
    """Put ``session`` in ``room`` during ``slot`` (at ``start``, default the slot's start),
    optionally with a new length and expected audience; moving and resizing are placing
    again."""
    session = _locked(session, seen)
    conference_id = session.conference_id
    if room is None or room.conference_id != conference_id:
        raise ScheduleError(_("Choose one of this conference's rooms."), "room")
    if slot is not None:  # locked: a slot deleted meanwhile is not used
        slot = TimeSlot.objects.select_for_update().filter(pk=slot.pk).first()
    if slot is None or slot.conference_id != conference_id:
        raise ScheduleError(_("Choose one of this conference's time slots."), "slot")
    start = start or slot.start
    if not slot.start <= start < slot.end:
        raise ScheduleError(_("The start must lie inside the time slot."), "start")
    if duration is not None and not 1 <= duration <= MAX_DURATION:
        raise ScheduleError(_("The length must be between 1 and 1440 minutes."), "duration")
    audience_given = expected_audience is not KEEP and expected_audience is not None
    if audience_given and not 1 <= expected_audience <= MAX_AUDIENCE:
        raise ScheduleError(
            _("The expected audience must be between 1 and 100,000."), "expected_audience"
        )
    before = _placement(session)
    session.room, session.slot, session.start = room, slot, start
    if duration is not None:
        session.duration = duration
    if all_rooms is not None:
        session.all_rooms = all_rooms
    if expected_audience is not KEEP:
        session.expected_audience = expected_audience
    return _save_placement(session, before, action="conferences.session.place", by=by)


@transaction.atomic
def unplace_session(session: Session, *, seen: str | None = None, by) -> Session:
    session = _locked(session, seen)
    before = _placement(session)
    session.room = session.slot = session.start = None
    session.all_rooms = False
    return _save_placement(session, before, action="conferences.session.unplace", by=by)


def clear_placement(session: Session, *, by) -> None:
    """An item that is no longer accepted leaves the timetable (called by set_session_state
    inside its transaction; the row is already locked)."""
    if session.room_id or session.start or session.slot_id:
        before = _placement(session)
        session.room = session.slot = session.start = None
        session.all_rooms = False
        _save_placement(session, before, action="conferences.session.unplace", by=by)


def unplace_room(room: Room, *, by) -> None:
    """Before a room is deleted, its items leave the timetable (each change recorded)."""
    for session in Session.objects.select_for_update().filter(room=room).order_by("pk"):
        clear_placement(session, by=by)


# --- publishing ----------------------------------------------------------------------------------


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def programme_snapshot(conference: Conference, sessions=None) -> dict:
    """The programme as the public will see it: placed accepted items only, frozen as JSON."""
    rooms = list(rooms_for(conference))
    order = {room.pk: index for index, room in enumerate(rooms)}
    if sessions is None:
        sessions = scheduled_sessions(conference)
    sessions = [s for s in sessions if s.room_id and s.start]
    sessions.sort(key=lambda s: (s.start, order.get(s.room_id, 0), s.title, s.pk))
    partners = (
        ConferencePartner.objects.filter(conference=conference)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return {
        "conference": {
            "id": conference.pk,
            "slug": conference.slug,
            "title": conference.title,
            "year": conference.year,
            "start_date": conference.start_date.isoformat(),
            "end_date": conference.end_date.isoformat(),
            "venue": conference.venue,
            "description_nb": conference.description_nb,
            "description_nn": conference.description_nn,
            "description_en": conference.description_en,
            "plan_id": conference.plan_id,
        },
        "rooms": [
            {"id": r.pk, "name": r.name, "capacity": r.capacity, "order": r.order} for r in rooms
        ],
        "items": [
            {
                "id": s.pk,
                "title": s.title,
                "abstract": s.abstract,
                "language": s.language,
                "format": s.format,
                "start": _iso(s.start),
                "end": _iso(s.end),
                "duration": s.duration,
                "room_id": s.room_id,
                "all_rooms": s.all_rooms,
                "speakers": [
                    {"id": p.pk, "name": p.name, "title": p.title, "organisation": p.organisation}
                    for p in sorted(s.speakers.all(), key=lambda p: (p.name, p.pk))
                ],
                "goals": sorted(goal.pk for goal in s.goals.all()),
                "owners": [
                    {"id": o.pk, "name": o.name}
                    for o in ([s.owner] if s.owner_id else [])
                    + sorted(s.co_owners.all(), key=lambda o: o.name)
                ],
                # the network that runs it, as published (the public network pages read this)
                "network": s.network.slug if s.network_id else None,
            }
            for s in sessions
        ],
        "partners": [{"id": p.organisation_id, "name": p.organisation.name} for p in partners],
    }


CHANGE_KINDS = ["added", "removed", "moved", "retimed", "renamed"]


def _where(item: dict, rooms: dict) -> dict:
    return {
        "title": item["title"],
        "room": rooms.get(item["room_id"], ""),
        "all_rooms": item["all_rooms"],
        "start": item["start"],
        "end": item["end"],
    }


def programme_changes(before: dict | None, after: dict) -> list[dict]:
    """What changed for readers between two snapshots: items added, removed, moved to another
    room, given another time, or renamed (an item can be both moved and retimed)."""
    old = {item["id"]: item for item in (before or {}).get("items", [])}
    new = {item["id"]: item for item in after.get("items", [])}
    old_rooms = {room["id"]: room["name"] for room in (before or {}).get("rooms", [])}
    new_rooms = {room["id"]: room["name"] for room in after.get("rooms", [])}
    changes = []

    def entry(kind, item_id, title, was, now):
        changes.append(
            {
                "kind": kind,
                "item_id": item_id,
                "title": title,
                "before": _where(was, old_rooms) if was else None,
                "after": _where(now, new_rooms) if now else None,
            }
        )

    for item_id, item in new.items():
        was = old.get(item_id)
        if was is None:
            entry("added", item_id, item["title"], None, item)
            continue
        if (was["room_id"], was["all_rooms"]) != (item["room_id"], item["all_rooms"]):
            entry("moved", item_id, item["title"], was, item)
        if (was["start"], was["end"]) != (item["start"], item["end"]):
            entry("retimed", item_id, item["title"], was, item)
        if was["title"] != item["title"]:
            entry("renamed", item_id, item["title"], was, item)
    for item_id, was in old.items():
        if item_id not in new:
            entry("removed", item_id, was["title"], was, None)
    starts = {**{i: o["start"] for i, o in old.items()}, **{i: n["start"] for i, n in new.items()}}
    changes.sort(key=lambda c: (CHANGE_KINDS.index(c["kind"]), starts[c["item_id"]], c["title"]))
    return changes


def latest_version(conference: Conference) -> ProgrammeVersion | None:
    return conference.programme_versions.order_by("-number").first()


@transaction.atomic
def publish_programme(
    conference: Conference, *, by, note: str = "", confirm_conflicts: bool = False
) -> ProgrammeVersion:
    """Freeze the current timetable as the next numbered version, with its changelog against the
    previous one, and tell the partners whose items moved. Publishing an unchanged programme
    again is refused (the version stays as it is)."""
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    sessions = list(scheduled_sessions(conference))
    snapshot = programme_snapshot(conference, sessions)
    if not snapshot["items"]:
        raise ScheduleError(
            _("There is nothing to publish: place accepted programme items in the timetable first.")
        )
    previous = latest_version(conference)
    if previous is not None and previous.snapshot == snapshot:
        raise ScheduleError(
            _("Nothing has changed since version %(number)s was published.")
            % {"number": previous.number}
        )
    conflicts = conflicts_among(conference, sessions)
    if conflicts and not confirm_conflicts:
        raise ConflictsNotConfirmed(conflicts)
    number = (conference.programme_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ProgrammeVersion.objects.create(
        conference=conference,
        number=number,
        published_by=by if by is not None and by.is_authenticated else None,
        note=note.strip(),
        snapshot=snapshot,
        changes=programme_changes(previous.snapshot if previous else None, snapshot),
        conflicts_confirmed=len(conflicts),
    )
    log_action(
        conference,
        "conferences.programme.publish",
        user=by,
        data={"version": number, "items": len(snapshot["items"]), "conflicts": len(conflicts)},
    )
    if previous is not None:
        notify_moved(conference, version, by=by)
    return version


NOTIFIED_KINDS = {"moved", "retimed", "removed"}


def notify_moved(conference: Conference, version: ProgrammeVersion, *, by) -> int:
    """One message per changed item to its owning partners' members, in their written standard."""
    by_item: dict[int, list[dict]] = {}
    for change in version.changes:
        if change["kind"] in NOTIFIED_KINDS:
            by_item.setdefault(change["item_id"], []).append(change)
    sessions = (
        Session.objects.filter(pk__in=by_item, owner__isnull=False)
        .select_related("conference")
        .order_by("pk")
    )
    url = settings.SITE_URL + reverse("programme", args=[conference.slug])
    sent = 0
    for session in sessions:
        changes = by_item[session.pk]
        sent += notify_owners(
            session,
            MailRole.PROGRAMME_CHANGE,
            reason="",
            by=by,
            extra=lambda language, changes=changes: {
                "programme_url": url,
                "change": changes_in_words(changes, language),
            },
        )
    return sent


def when(start_iso: str, end_iso: str) -> str:
    return time_span(dt.datetime.fromisoformat(start_iso), dt.datetime.fromisoformat(end_iso))


def place_words(where: dict) -> str:
    room = gettext("all rooms") if where["all_rooms"] else where["room"]
    return f"{when(where['start'], where['end'])}, {room}"


def change_sentence(change: dict) -> str:
    """One change of the changelog in words, in the active language."""
    before, after, title = change["before"], change["after"], change["title"]
    kind = change["kind"]
    if kind == "added":
        return gettext("Added: “%(title)s”, %(place)s.") % {
            "title": title,
            "place": place_words(after),
        }
    if kind == "removed":
        return gettext("Taken out: “%(title)s”.") % {"title": title}
    if kind == "moved":
        return gettext("New room for “%(title)s”: %(room)s (was %(old)s).") % {
            "title": title,
            "room": gettext("all rooms") if after["all_rooms"] else after["room"],
            "old": gettext("all rooms") if before["all_rooms"] else before["room"],
        }
    if kind == "retimed":
        return gettext("New time for “%(title)s”: %(time)s (was %(old)s).") % {
            "title": title,
            "time": when(after["start"], after["end"]),
            "old": when(before["start"], before["end"]),
        }
    return gettext("New title: “%(title)s” (was “%(old)s”).") % {
        "title": title,
        "old": before["title"],
    }


def changes_in_words(changes: list[dict], language: str) -> str:
    """The changes of one item in words, in ``language`` (for the partners' message)."""
    with translation.override(language):
        return "\n".join(change_sentence(change) for change in changes)


# --- the PDF programme ---------------------------------------------------------------------------


def _render_pdf(row: ProgrammeFile) -> Rendered:
    from conferences.programme_pdf import render_programme_pdf

    version = row.version
    pdf = render_programme_pdf(
        version.snapshot,
        number=version.number,
        published_at=version.published_at,
        language=row.language,
    )
    return Rendered(pdf)


# A version's programme never changes: a ready file is kept (and final); a failed or stuck one is
# made again.
PROGRAMME_FILES = FileJob(
    model=ProgrammeFile,
    task="conferences.tasks.make_programme_pdf",
    action="conferences.programme.pdf",
    render=_render_pdf,
    file_name=lambda row: f"{row.version.conference.slug}-v{row.version.number}-{row.language}.pdf",
    conference=lambda row: row.version.conference,
    describe=lambda row: {"version": row.version.number, "language": row.language},
    timeout_message=_("The PDF took too long to make."),
    related=("version__conference",),
    remake_done=False,
)
FILE_TRANSITIONS = PROGRAMME_FILES.transitions


def pdf_is_stuck(row, now=None) -> bool:
    return is_stuck(row, now)


@transaction.atomic
def request_programme_pdf(version: ProgrammeVersion, *, language: str, by) -> ProgrammeFile:
    """Ask for the PDF of ``version`` in ``language``: one row per version and language; a ready
    or running file is kept, a failed (or stuck) one is tried again."""
    return PROGRAMME_FILES.request(version=version, language=language, by=by)


def start_pdf(file_id: int) -> bool:
    return PROGRAMME_FILES.start(file_id)


def sweep_programme_files(now=None) -> int:
    """Re-queue PDF jobs that were never handed over (broker down) or whose worker died."""
    return PROGRAMME_FILES.sweep(now)


def set_file_state(row: ProgrammeFile, state: str, *, by=None, **fields) -> bool:
    """The one transition function of a PDF programme's row (see FileJob.set_state)."""
    return PROGRAMME_FILES.set_state(row, state, by=by, **fields)


def make_programme_pdf(file_id: int) -> str:
    """The work of the PDF task (see FileJob.make)."""
    return PROGRAMME_FILES.make(file_id)
