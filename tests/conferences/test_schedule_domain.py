"""The timetable's write side (conferences.domain.schedule): time slots, placing and unplacing
items, the published snapshot and its changelog, publishing versions with the notices to the
partners, and the PDF programme's generated-file rows."""

import copy
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from conferences.domain.core import delete_room
from conferences.domain.schedule import (
    ConflictsNotConfirmed,
    ScheduleError,
    StaleEdit,
    add_slot,
    delete_slot,
    edit_token,
    make_programme_pdf,
    place_session,
    programme_changes,
    programme_snapshot,
    publish_programme,
    request_programme_pdf,
    unplace_session,
)
from conferences.domain.sessions import set_session_state
from conferences.enums import FileState, MailRole, SessionFormat, SessionState
from conferences.models import OutboxMessage, ProgrammeFile, ProgrammeVersion, Session, TimeSlot
from moteplass.audit import history_for
from moteplass.models import ActivityLog
from moteplass.pdf import PdfRenderTimeout
from tests.factories import (
    ConferenceFactory,
    NetworkFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    goal,
    plan_in_force,
)

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
TUESDAY = dt.date(2031, 4, 22)  # the conference fixture runs 22–23 April 2031


@pytest.fixture(autouse=True)
def _bokmal():
    """Labels written to the log are in the active language: make it the default, bokmål."""
    with translation.override("nb"):
        yield


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2031, 4, day, hour, minute, tzinfo=OSLO)


def utc(day: int, hour: int, minute: int = 0) -> str:
    """A moment of April 2031 Norwegian summer time, as the snapshot stores it."""
    return at(day, hour, minute).astimezone(dt.UTC).isoformat()


def slot(conference, day: int, start: tuple[int, int], end: tuple[int, int]) -> TimeSlot:
    return TimeSlot.objects.create(conference=conference, start=at(day, *start), end=at(day, *end))


def accepted(conference, owner, **fields) -> Session:
    fields.setdefault("goals", [goal("S1")])
    return SessionFactory(conference=conference, owner=owner, **fields)


def english(message) -> str:
    """A refusal's message as an English-speaking adviser reads it (messages are lazy)."""
    with translation.override("en"):
        return str(message)


def actions(obj) -> list[str]:
    return [entry.action for entry in history_for(obj)]


@pytest.fixture
def small_room(conference):
    return RoomFactory(conference=conference, name="Lillesalen", capacity=40, order=1)


@pytest.fixture
def morning(conference):
    return slot(conference, 22, (9, 0), (10, 30))


@pytest.fixture
def midday(conference):
    return slot(conference, 22, (11, 0), (12, 0))


@pytest.fixture
def item(conference, partner_org):
    return accepted(conference, partner_org, title="Grønn omstilling", duration=45)


# --- time slots -----------------------------------------------------------------------------------


def test_add_slot_inside_the_conference_days_creates_and_logs_it(conference, adviser):
    created = add_slot(
        conference, day=TUESDAY, start=dt.time(9, 0), end=dt.time(10, 30), by=adviser
    )

    assert [(s.pk, s.start, s.end) for s in TimeSlot.objects.all()] == [
        (created.pk, at(22, 9), at(22, 10, 30))
    ]
    entry = history_for(conference).get()
    assert (entry.action, entry.user, entry.data) == (
        "conferences.slot.add",
        adviser,
        {"slot": "tirsdag 22. april 09:00–10:30"},
    )


def test_add_slot_touching_an_existing_slot_is_allowed(conference, adviser, morning):
    created = add_slot(
        conference, day=TUESDAY, start=dt.time(10, 30), end=dt.time(11, 0), by=adviser
    )

    assert [(s.start, s.end) for s in TimeSlot.objects.order_by("start")] == [
        (at(22, 9), at(22, 10, 30)),
        (at(22, 10, 30), at(22, 11)),
    ]
    assert created.minutes == 30


def test_add_slot_overlapping_one_of_another_conference_is_allowed(conference, adviser):
    other = ConferenceFactory(year=2031, slug="annan-2031", title="Ein annan")
    slot(other, 22, (9, 0), (10, 0))

    add_slot(conference, day=TUESDAY, start=dt.time(9, 0), end=dt.time(10, 0), by=adviser)

    assert TimeSlot.objects.filter(conference=conference).count() == 1


@pytest.mark.parametrize(
    "day,start,end,field,message",
    [
        (dt.date(2031, 4, 21), (9, 0), (10, 0), "day", "Choose one of the conference's days."),
        (dt.date(2031, 4, 24), (9, 0), (10, 0), "day", "Choose one of the conference's days."),
        (TUESDAY, (10, 0), (10, 0), "end", "The time slot must end after it starts."),
        (TUESDAY, (10, 0), (9, 0), "end", "The time slot must end after it starts."),
        (
            TUESDAY,
            (10, 0),
            (11, 0),
            "start",
            "It overlaps the time slot Tuesday April 22 09:00–10:30.",
        ),
        (
            TUESDAY,
            (8, 0),
            (12, 0),
            "start",
            "It overlaps the time slot Tuesday April 22 09:00–10:30.",
        ),
    ],
)
def test_add_slot_refused_creates_nothing(
    conference, adviser, morning, day, start, end, field, message
):
    with translation.override("en"), pytest.raises(ScheduleError) as error:
        add_slot(conference, day=day, start=dt.time(*start), end=dt.time(*end), by=adviser)

    assert (error.value.field, english(error.value.message)) == (field, message)
    assert list(TimeSlot.objects.all()) == [morning]
    assert ActivityLog.objects.filter(action="conferences.slot.add").count() == 0


def test_delete_slot_with_an_item_in_it_is_refused(conference, adviser, room, morning, item):
    place_session(item, room=room, slot=morning, by=adviser)

    with translation.override("en"), pytest.raises(ScheduleError) as error:
        delete_slot(morning, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        "slot",
        "Move the programme items out of this time slot before deleting it.",
    )
    assert list(TimeSlot.objects.all()) == [morning]
    assert ActivityLog.objects.filter(action="conferences.slot.delete").count() == 0


def test_delete_slot_empty_deletes_and_logs_it(conference, adviser, morning, midday):
    delete_slot(morning, by=adviser)

    assert list(TimeSlot.objects.all()) == [midday]
    entry = history_for(conference).get()
    assert (entry.action, entry.user, entry.data) == (
        "conferences.slot.delete",
        adviser,
        {"slot": "tirsdag 22. april 09:00–10:30"},
    )


# --- placing --------------------------------------------------------------------------------------


def test_place_session_at_the_slot_start_by_default(adviser, room, morning, item):
    returned = place_session(item, room=room, slot=morning, by=adviser)

    item.refresh_from_db()
    assert (item.room, item.slot, item.start, item.duration, item.all_rooms) == (
        room,
        morning,
        at(22, 9),
        45,
        False,
    )
    assert (returned.pk, returned.start, returned.end) == (item.pk, at(22, 9), at(22, 9, 45))
    entry = history_for(item).get()
    assert (entry.action, entry.user, entry.data) == (
        "conferences.session.place",
        adviser,
        {
            "changes": [
                {"field": "room", "label": "room", "before": None, "after": "Storsalen"},
                {
                    "field": "slot",
                    "label": "slot",
                    "before": None,
                    "after": "tirsdag 22. april 09:00–10:30",
                },
                {
                    "field": "start",
                    "label": "start",
                    "before": None,
                    "after": "2031-04-22T09:00:00+02:00",
                },
            ]
        },
    )


def test_place_session_at_an_explicit_start_inside_the_slot(adviser, room, morning, item):
    place_session(item, room=room, slot=morning, start=at(22, 9, 45), by=adviser)

    item.refresh_from_db()
    assert (item.room, item.slot, item.start) == (room, morning, at(22, 9, 45))


@pytest.mark.parametrize("start", [at(22, 8, 59), at(22, 10, 30), at(23, 9)])
def test_place_session_start_outside_the_slot_is_refused(adviser, room, morning, item, start):
    with translation.override("en"), pytest.raises(ScheduleError) as error:
        place_session(item, room=room, slot=morning, start=start, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        "start",
        "The start must lie inside the time slot.",
    )
    item.refresh_from_db()
    assert (item.room, item.slot, item.start, actions(item)) == (None, None, None, [])


def test_place_session_room_of_another_conference_is_refused(adviser, morning, item):
    other = ConferenceFactory(year=2031, slug="annan-2031", title="Ein annan")
    foreign_room = RoomFactory(conference=other, name="Framand sal")

    with translation.override("en"), pytest.raises(ScheduleError) as error:
        place_session(item, room=foreign_room, slot=morning, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        "room",
        "Choose one of this conference's rooms.",
    )
    item.refresh_from_db()
    assert (item.room, item.slot, item.start, actions(item)) == (None, None, None, [])


def test_place_session_slot_of_another_conference_is_refused(adviser, room, item):
    other = ConferenceFactory(year=2031, slug="annan-2031", title="Ein annan")
    foreign_slot = slot(other, 22, (9, 0), (10, 0))

    with translation.override("en"), pytest.raises(ScheduleError) as error:
        place_session(item, room=room, slot=foreign_slot, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        "slot",
        "Choose one of this conference's time slots.",
    )
    item.refresh_from_db()
    assert (item.room, item.slot, item.start, actions(item)) == (None, None, None, [])


@pytest.mark.parametrize(
    "state", [SessionState.DRAFT, SessionState.SUBMITTED, SessionState.DECLINED]
)
def test_place_session_item_not_accepted_is_refused(
    conference, partner_org, adviser, room, morning, state
):
    proposal = accepted(conference, partner_org, state=state)

    with translation.override("en"), pytest.raises(ScheduleError) as error:
        place_session(proposal, room=room, slot=morning, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        None,
        "Only accepted programme items can be placed in the timetable.",
    )
    proposal.refresh_from_db()
    assert (proposal.room, proposal.slot, proposal.start, actions(proposal)) == (
        None,
        None,
        None,
        [],
    )


@pytest.mark.parametrize("duration", [0, 1441])
def test_place_session_length_out_of_range_is_refused(adviser, room, morning, item, duration):
    with translation.override("en"), pytest.raises(ScheduleError) as error:
        place_session(item, room=room, slot=morning, duration=duration, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        "duration",
        "The length must be between 1 and 1440 minutes.",
    )
    item.refresh_from_db()
    assert (item.room, item.duration, actions(item)) == (None, 45, [])


def test_place_session_resize_records_the_new_length(adviser, room, morning, item):
    place_session(item, room=room, slot=morning, by=adviser)

    place_session(item, room=room, slot=morning, duration=60, by=adviser)

    item.refresh_from_db()
    assert (item.start, item.duration, item.end) == (at(22, 9), 60, at(22, 10))
    latest = history_for(item).first()
    assert (latest.action, latest.data) == (
        "conferences.session.place",
        {"changes": [{"field": "duration", "label": "duration", "before": 45, "after": 60}]},
    )


def test_place_session_move_to_another_room_and_time_records_both(
    adviser, room, small_room, morning, midday, item
):
    place_session(item, room=room, slot=morning, by=adviser)

    place_session(item, room=small_room, slot=midday, start=at(22, 11, 15), by=adviser)

    latest = history_for(item).first()
    assert latest.data == {
        "changes": [
            {"field": "room", "label": "room", "before": "Storsalen", "after": "Lillesalen"},
            {
                "field": "slot",
                "label": "slot",
                "before": "tirsdag 22. april 09:00–10:30",
                "after": "tirsdag 22. april 11:00–12:00",
            },
            {
                "field": "start",
                "label": "start",
                "before": "2031-04-22T09:00:00+02:00",
                "after": "2031-04-22T11:15:00+02:00",
            },
        ]
    }


def test_place_session_spanning_all_rooms_is_recorded(adviser, room, morning, item):
    place_session(item, room=room, slot=morning, by=adviser)

    place_session(item, room=room, slot=morning, all_rooms=True, by=adviser)

    item.refresh_from_db()
    assert item.all_rooms is True
    assert history_for(item).first().data == {
        "changes": [{"field": "all_rooms", "label": "all_rooms", "before": False, "after": True}]
    }


def test_place_session_without_a_change_logs_nothing(adviser, room, morning, item):
    place_session(item, room=room, slot=morning, by=adviser)
    item.refresh_from_db()
    token = edit_token(item)

    place_session(
        item, room=room, slot=morning, start=at(22, 9), duration=45, seen=token, by=adviser
    )

    item.refresh_from_db()
    assert actions(item) == ["conferences.session.place"]
    assert edit_token(item) == token


def test_place_session_with_the_current_token_saves(adviser, room, morning, item):
    token = edit_token(Session.objects.get(pk=item.pk))

    place_session(item, room=room, slot=morning, seen=token, by=adviser)

    item.refresh_from_db()
    assert (item.room, item.start) == (room, at(22, 9))
    assert edit_token(item) != token


def test_place_session_with_a_stale_token_changes_nothing(
    adviser, other_adviser, room, small_room, morning, item
):
    seen = edit_token(Session.objects.get(pk=item.pk))
    place_session(item, room=room, slot=morning, by=other_adviser)  # someone else, meanwhile
    item.refresh_from_db()
    current = (item.room, item.slot, item.start, item.duration, item.updated_at)

    with translation.override("en"), pytest.raises(StaleEdit) as error:
        place_session(item, room=small_room, slot=morning, duration=30, seen=seen, by=adviser)

    assert english(error.value.message) == (
        "Someone else changed “Grønn omstilling” while you were looking at it. The timetable "
        "has been reloaded; check it and try again."
    )
    item.refresh_from_db()
    assert (item.room, item.slot, item.start, item.duration, item.updated_at) == current
    assert [(e.action, e.user) for e in history_for(item)] == [
        ("conferences.session.place", other_adviser)
    ]


def test_delete_room_with_a_placed_item_takes_the_item_out_of_its_room(
    conference, adviser, room, morning, item
):
    # Session.room is SET_NULL but Session.slot stays, which the constraint
    # session_slot_needs_room (a slot needs a room) forbids
    place_session(item, room=room, slot=morning, by=adviser)

    delete_room(room, by=adviser)

    item.refresh_from_db()
    assert (item.room_id, item.slot_id, list(conference.rooms.all())) == (None, None, [])


# --- unplacing ------------------------------------------------------------------------------------


def test_unplace_session_clears_room_slot_and_start_and_logs(adviser, room, morning, item):
    place_session(item, room=room, slot=morning, duration=60, by=adviser)

    unplace_session(item, by=adviser)

    item.refresh_from_db()
    assert (item.room, item.slot, item.start, item.duration) == (None, None, None, 60)
    latest = history_for(item).first()
    assert (latest.action, latest.user, latest.data) == (
        "conferences.session.unplace",
        adviser,
        {
            "changes": [
                {"field": "room", "label": "room", "before": "Storsalen", "after": None},
                {
                    "field": "slot",
                    "label": "slot",
                    "before": "tirsdag 22. april 09:00–10:30",
                    "after": None,
                },
                {
                    "field": "start",
                    "label": "start",
                    "before": "2031-04-22T09:00:00+02:00",
                    "after": None,
                },
            ]
        },
    )


def test_unplace_session_not_placed_logs_nothing(adviser, item):
    unplace_session(item, by=adviser)

    assert actions(item) == []


def test_unplace_session_with_a_stale_token_changes_nothing(adviser, room, morning, item):
    seen = edit_token(Session.objects.get(pk=item.pk))
    place_session(item, room=room, slot=morning, by=adviser)

    with pytest.raises(StaleEdit):
        unplace_session(item, seen=seen, by=adviser)

    item.refresh_from_db()
    assert (item.room, item.slot, item.start) == (room, morning, at(22, 9))


@pytest.mark.parametrize("state", [SessionState.WITHDRAWN, SessionState.DECLINED])
def test_set_session_state_leaving_accepted_unplaces_the_item(adviser, room, morning, item, state):
    place_session(item, room=room, slot=morning, by=adviser)

    set_session_state(item, state, by=adviser, notify=False)

    item.refresh_from_db()
    assert (item.state, item.room, item.slot, item.start) == (state, None, None, None)
    assert [(e.action, e.user) for e in history_for(item)] == [
        ("conferences.session.unplace", adviser),
        ("conferences.session.state", adviser),
        ("conferences.session.place", adviser),
    ]


def test_set_session_state_leaving_accepted_unplaced_logs_no_unplace(adviser, item):
    set_session_state(item, SessionState.WITHDRAWN, by=adviser, notify=False)

    assert actions(item) == ["conferences.session.state"]


# --- the snapshot ---------------------------------------------------------------------------------


def test_programme_snapshot_has_only_accepted_and_placed_items(
    conference, partner_org, adviser, room, morning, midday
):
    shown = accepted(conference, partner_org, title="Placed and accepted")
    place_session(shown, room=room, slot=morning, by=adviser)
    accepted(conference, partner_org, title="Accepted, not placed")
    withdrawn = accepted(conference, partner_org, title="Placed, then withdrawn")
    place_session(withdrawn, room=room, slot=midday, by=adviser)
    set_session_state(withdrawn, SessionState.WITHDRAWN, by=adviser, notify=False)
    # a submitted proposal with a room and a time (e.g. imported) is not in the programme
    accepted(
        conference,
        partner_org,
        title="Submitted with a room",
        state=SessionState.SUBMITTED,
        room=room,
        start=at(22, 11),
    )

    snapshot = programme_snapshot(conference)

    assert [(i["id"], i["title"]) for i in snapshot["items"]] == [(shown.pk, "Placed and accepted")]


def test_programme_snapshot_exact_content_for_one_item(
    conference, partner_org, rival_org, adviser, room, small_room, morning
):
    bamble = OrganisationFactory(name="Bamble kommune", slug="bamble")
    session = accepted(
        conference,
        partner_org,
        title="Grønn omstilling i praksis",
        abstract="Korleis bedrifter kuttar utslepp.",
        language="nn",
        format=SessionFormat.WORKSHOP,
        duration=50,
        goals=[goal("S1"), goal("N1")],
        network=NetworkFactory(name="Klima- og miljønettverket", slug="klima"),
    )
    session.co_owners.set([rival_org, bamble])
    aase = SpeakerFactory(
        conference=conference, name="Åse Bø", title="Rådgjevar", organisation="Skien kommune"
    )
    anne = SpeakerFactory(
        conference=conference, name="Anne Aas", title="Dagleg leiar", organisation="Grenland AS"
    )
    session.speakers.set([aase, anne])
    place_session(session, room=small_room, slot=morning, start=at(22, 9, 30), by=adviser)

    snapshot = programme_snapshot(conference)

    assert snapshot == {
        "conference": {
            "id": conference.pk,
            "slug": "moteplass-2031",
            "title": "Møteplass Telemark 2031",
            "year": 2031,
            "start_date": "2031-04-22",
            "end_date": "2031-04-23",
            "venue": "Ibsenhuset, Skien",
            "description_nb": "Årets møteplass.",
            "description_nn": "Årets møteplass.",
            "description_en": "",
            "plan_id": plan_in_force().pk,
        },
        "rooms": [
            {"id": room.pk, "name": "Storsalen", "capacity": 300, "order": 0},
            {"id": small_room.pk, "name": "Lillesalen", "capacity": 40, "order": 1},
        ],
        "items": [
            {
                "id": session.pk,
                "title": "Grønn omstilling i praksis",
                "abstract": "Korleis bedrifter kuttar utslepp.",
                "language": "nn",
                "format": "workshop",
                "start": "2031-04-22T07:30:00+00:00",
                "end": "2031-04-22T08:20:00+00:00",
                "duration": 50,
                "room_id": small_room.pk,
                "all_rooms": False,
                "speakers": [
                    {
                        "id": anne.pk,
                        "name": "Anne Aas",
                        "title": "Dagleg leiar",
                        "organisation": "Grenland AS",
                    },
                    {
                        "id": aase.pk,
                        "name": "Åse Bø",
                        "title": "Rådgjevar",
                        "organisation": "Skien kommune",
                    },
                ],
                "goals": sorted([goal("S1").pk, goal("N1").pk]),
                "owners": [
                    {"id": partner_org.pk, "name": "NHO Vestfold og Telemark"},
                    {"id": bamble.pk, "name": "Bamble kommune"},
                    {"id": rival_org.pk, "name": "Skien kommune"},
                ],
                "network": "klima",
            }
        ],
        "partners": [
            {"id": partner_org.pk, "name": "NHO Vestfold og Telemark"},
            {"id": rival_org.pk, "name": "Skien kommune"},
        ],
    }


def test_programme_snapshot_orders_by_start_then_room_order_then_title(
    conference, partner_org, adviser, room, small_room, morning
):
    # the small room comes first in the room order here
    small_room.order, room.order = 0, 1
    small_room.save()
    room.save()
    later = accepted(conference, partner_org, title="A later")
    big = accepted(conference, partner_org, title="A in Storsalen")
    second = accepted(conference, partner_org, title="C in Lillesalen")
    first = accepted(conference, partner_org, title="B in Lillesalen")
    place_session(later, room=small_room, slot=morning, start=at(22, 9, 45), by=adviser)
    place_session(big, room=room, slot=morning, by=adviser)
    place_session(second, room=small_room, slot=morning, by=adviser)
    place_session(first, room=small_room, slot=morning, by=adviser)

    snapshot = programme_snapshot(conference)

    assert [i["title"] for i in snapshot["items"]] == [
        "B in Lillesalen",
        "C in Lillesalen",
        "A in Storsalen",
        "A later",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_programme_snapshot_query_count_does_not_grow_with_items(
    conference, partner_org, rival_org, adviser, room, morning, count, django_assert_num_queries
):
    for n in range(count):
        session = accepted(conference, partner_org, title=f"Post {n}")
        session.co_owners.set([rival_org])
        session.speakers.set([SpeakerFactory(conference=conference)])
        place_session(session, room=room, slot=morning, start=at(22, 9, n * 10), by=adviser)

    with django_assert_num_queries(6):
        snapshot = programme_snapshot(conference)

    assert len(snapshot["items"]) == count


# --- the changelog --------------------------------------------------------------------------------

STORSALEN, LILLESALEN = 1, 2


def snap(*items: dict) -> dict:
    return {
        "rooms": [
            {"id": STORSALEN, "name": "Storsalen", "capacity": 300, "order": 0},
            {"id": LILLESALEN, "name": "Lillesalen", "capacity": 40, "order": 1},
        ],
        "items": list(items),
    }


def row(item_id, title, start, end, room_id=STORSALEN, all_rooms=False) -> dict:
    return {
        "id": item_id,
        "title": title,
        "start": start,
        "end": end,
        "room_id": room_id,
        "all_rooms": all_rooms,
    }


def where(title, room, start, end, all_rooms=False) -> dict:
    return {"title": title, "room": room, "all_rooms": all_rooms, "start": start, "end": end}


A = row(1, "Opning", utc(22, 9), utc(22, 9, 45))
B = row(2, "Verkstad", utc(22, 11), utc(22, 12), room_id=LILLESALEN)


def test_programme_changes_first_version_all_added_in_time_order():
    changes = programme_changes(None, snap(B, A))

    assert changes == [
        {
            "kind": "added",
            "item_id": 1,
            "title": "Opning",
            "before": None,
            "after": where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45)),
        },
        {
            "kind": "added",
            "item_id": 2,
            "title": "Verkstad",
            "before": None,
            "after": where("Verkstad", "Lillesalen", utc(22, 11), utc(22, 12)),
        },
    ]


def test_programme_changes_unchanged_is_empty():
    assert programme_changes(snap(A, B), snap(A, B)) == []


def test_programme_changes_added():
    assert programme_changes(snap(A), snap(A, B)) == [
        {
            "kind": "added",
            "item_id": 2,
            "title": "Verkstad",
            "before": None,
            "after": where("Verkstad", "Lillesalen", utc(22, 11), utc(22, 12)),
        }
    ]


def test_programme_changes_removed():
    assert programme_changes(snap(A, B), snap(A)) == [
        {
            "kind": "removed",
            "item_id": 2,
            "title": "Verkstad",
            "before": where("Verkstad", "Lillesalen", utc(22, 11), utc(22, 12)),
            "after": None,
        }
    ]


def test_programme_changes_moved():
    moved = {**A, "room_id": LILLESALEN}

    assert programme_changes(snap(A), snap(moved)) == [
        {
            "kind": "moved",
            "item_id": 1,
            "title": "Opning",
            "before": where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45)),
            "after": where("Opning", "Lillesalen", utc(22, 9), utc(22, 9, 45)),
        }
    ]


def test_programme_changes_spanning_all_rooms_counts_as_moved():
    spanning = {**A, "all_rooms": True}

    assert programme_changes(snap(A), snap(spanning)) == [
        {
            "kind": "moved",
            "item_id": 1,
            "title": "Opning",
            "before": where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45)),
            "after": where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45), all_rooms=True),
        }
    ]


def test_programme_changes_retimed():
    longer = {**A, "end": utc(22, 10)}

    assert programme_changes(snap(A), snap(longer)) == [
        {
            "kind": "retimed",
            "item_id": 1,
            "title": "Opning",
            "before": where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45)),
            "after": where("Opning", "Storsalen", utc(22, 9), utc(22, 10)),
        }
    ]


def test_programme_changes_renamed():
    renamed = {**A, "title": "Velkomen"}

    assert programme_changes(snap(A), snap(renamed)) == [
        {
            "kind": "renamed",
            "item_id": 1,
            "title": "Velkomen",
            "before": where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45)),
            "after": where("Velkomen", "Storsalen", utc(22, 9), utc(22, 9, 45)),
        }
    ]


def test_programme_changes_moved_and_retimed_together():
    elsewhere = {**A, "room_id": LILLESALEN, "start": utc(23, 14), "end": utc(23, 14, 45)}

    before = where("Opning", "Storsalen", utc(22, 9), utc(22, 9, 45))
    after = where("Opning", "Lillesalen", utc(23, 14), utc(23, 14, 45))
    assert programme_changes(snap(A), snap(elsewhere)) == [
        {"kind": "moved", "item_id": 1, "title": "Opning", "before": before, "after": after},
        {"kind": "retimed", "item_id": 1, "title": "Opning", "before": before, "after": after},
    ]


def test_programme_changes_ordered_by_kind_then_start():
    c = row(3, "Lunsj", utc(22, 12), utc(22, 13))
    d = row(4, "Kaffi", utc(22, 10, 30), utc(22, 10, 45))
    before = snap(A, B, c)
    after = snap({**A, "title": "Velkomen"}, {**B, "start": utc(22, 11, 15)}, d)

    assert [(c["kind"], c["item_id"]) for c in programme_changes(before, after)] == [
        ("added", 4),
        ("removed", 3),
        ("retimed", 2),
        ("renamed", 1),
    ]


# --- publishing -----------------------------------------------------------------------------------


@pytest.fixture
def timetable(conference, partner_org, rival_org, adviser, room, small_room, morning, midday):
    """Three placed items without conflicts, owned by the partner (one co-owned by the rival)."""
    green = accepted(conference, partner_org, title="Grønn omstilling")
    green.co_owners.set([rival_org])
    tech = accepted(conference, partner_org, title="Ny teknologi")
    culture = accepted(conference, partner_org, title="Kultur som næring")
    place_session(green, room=room, slot=morning, by=adviser)
    place_session(tech, room=small_room, slot=morning, by=adviser)
    place_session(culture, room=room, slot=midday, by=adviser)
    return {
        name: Session.objects.get(pk=s.pk)
        for name, s in [("green", green), ("tech", tech), ("culture", culture)]
    }


def test_publish_programme_empty_is_refused(conference, adviser, item):
    with translation.override("en"), pytest.raises(ScheduleError) as error:
        publish_programme(conference, by=adviser)

    assert english(error.value.message) == (
        "There is nothing to publish: place accepted programme items in the timetable first."
    )
    assert ProgrammeVersion.objects.count() == 0


def test_publish_programme_first_version(conference, adviser, timetable):
    version = publish_programme(conference, by=adviser, note="  Første utgåve.  ")

    assert (
        version.number,
        version.published_by,
        version.note,
        version.conflicts_confirmed,
        version.snapshot,
    ) == (1, adviser, "Første utgåve.", 0, programme_snapshot(conference))
    assert [(c["kind"], c["title"]) for c in version.changes] == [
        ("added", "Grønn omstilling"),
        ("added", "Ny teknologi"),
        ("added", "Kultur som næring"),
    ]
    entry = history_for(conference).get()
    assert (entry.action, entry.user, entry.data) == (
        "conferences.programme.publish",
        adviser,
        {"version": 1, "items": 3, "conflicts": 0},
    )


def test_publish_programme_first_version_sends_nothing(
    conference, adviser, editor, timetable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_programme(conference, by=adviser)

    assert OutboxMessage.objects.count() == 0


def test_publish_programme_numbers_versions(conference, adviser, midday, timetable):
    publish_programme(conference, by=adviser)
    place_session(timetable["tech"], room=timetable["tech"].room, slot=midday, by=adviser)

    publish_programme(conference, by=adviser)

    assert list(ProgrammeVersion.objects.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
    ]


def test_publish_programme_unchanged_again_is_refused(conference, adviser, timetable):
    first = publish_programme(conference, by=adviser)

    with translation.override("en"), pytest.raises(ScheduleError) as error:
        publish_programme(conference, by=adviser)

    assert english(error.value.message) == "Nothing has changed since version 1 was published."
    assert list(ProgrammeVersion.objects.all()) == [first]
    assert actions(conference) == ["conferences.programme.publish"]


@pytest.fixture
def clashing(conference, partner_org, adviser, room, morning):
    """Two items in Storsalen at once, the second expecting more people than the room holds."""
    first = accepted(conference, partner_org, title="Først")
    second = accepted(conference, partner_org, title="Nummer to", expected_audience=350)
    place_session(first, room=room, slot=morning, by=adviser)
    place_session(second, room=room, slot=morning, start=at(22, 9, 30), by=adviser)
    return first, second


def test_publish_programme_with_conflicts_unconfirmed_is_refused(conference, adviser, clashing):
    first, second = clashing

    with translation.override("en"), pytest.raises(ConflictsNotConfirmed) as error:
        publish_programme(conference, by=adviser)

    assert (error.value.field, english(error.value.message)) == (
        "confirm_conflicts",
        "The programme has conflicts. Resolve them, or confirm that it may be published with them.",
    )
    assert [(c.kind, c.items) for c in error.value.conflicts] == [
        ("room", (first.pk, second.pk)),
        ("capacity", (second.pk,)),
    ]
    assert (ProgrammeVersion.objects.count(), actions(conference)) == (0, [])


def test_publish_programme_with_conflicts_confirmed_records_their_number(
    conference, adviser, clashing
):
    version = publish_programme(conference, by=adviser, confirm_conflicts=True)

    assert (version.number, version.conflicts_confirmed, len(version.snapshot["items"])) == (
        1,
        2,
        2,
    )
    assert history_for(conference).get().data == {"version": 1, "items": 2, "conflicts": 2}


def test_publish_programme_second_version_lists_the_changes(
    conference, adviser, small_room, midday, timetable
):
    publish_programme(conference, by=adviser)
    tech = timetable["tech"]
    place_session(tech, room=small_room, slot=midday, by=adviser)

    version = publish_programme(conference, by=adviser)

    assert (version.number, version.changes) == (
        2,
        [
            {
                "kind": "retimed",
                "item_id": tech.pk,
                "title": "Ny teknologi",
                "before": where("Ny teknologi", "Lillesalen", utc(22, 9), utc(22, 9, 45)),
                "after": where("Ny teknologi", "Lillesalen", utc(22, 11), utc(22, 11, 45)),
            }
        ],
    )


def body_nb(title: str, change: str, url: str) -> str:
    return (
        f"Hei Kari,\n\nProgramposten «{title}» er endret.\n\n{change}\n\n"
        f"Se programmet:\n{url}\n\nVennlig hilsen\nTelemark fylkeskommune"
    )


def body_nn(title: str, change: str, url: str) -> str:
    return (
        f"Hei Kari,\n\nProgramposten «{title}» er endra.\n\n{change}\n\n"
        f"Sjå programmet:\n{url}\n\nVenleg helsing\nTelemark fylkeskommune"
    )


def test_publish_programme_tells_the_partners_of_moved_retimed_and_removed_items(
    conference,
    adviser,
    editor,
    coordinator,
    rival_editor,
    rival_org,
    small_room,
    morning,
    midday,
    timetable,
    django_capture_on_commit_callbacks,
):
    coordinator.language = "nn"
    coordinator.save()
    renamed_only = accepted(conference, rival_org, title="Eit namn", duration=15)
    place_session(renamed_only, room=small_room, slot=midday, start=at(22, 11, 45), by=adviser)
    with django_capture_on_commit_callbacks(execute=True):
        publish_programme(conference, by=adviser)
    green, tech, culture = timetable["green"], timetable["tech"], timetable["culture"]
    place_session(tech, room=small_room, slot=midday, by=adviser)  # retimed
    place_session(green, room=small_room, slot=morning, by=adviser)  # moved
    set_session_state(culture, SessionState.WITHDRAWN, by=adviser)  # removed
    Session.objects.filter(pk=renamed_only.pk).update(title="Eit nytt namn")  # renamed only

    with django_capture_on_commit_callbacks(execute=True):
        publish_programme(conference, by=adviser)

    messages = OutboxMessage.objects.filter(role=MailRole.PROGRAMME_CHANGE).order_by(
        "about_id", "to_email"
    )
    assert [(m.about_id, m.to_email, m.language, m.state) for m in messages] == sorted(
        [
            (green.pk, "koordinator@example.no", "nn", "sent"),
            (green.pk, "redaktor@example.no", "nb", "sent"),
            (green.pk, "rival@example.no", "nb", "sent"),
            (tech.pk, "koordinator@example.no", "nn", "sent"),
            (tech.pk, "redaktor@example.no", "nb", "sent"),
            (culture.pk, "koordinator@example.no", "nn", "sent"),
            (culture.pk, "redaktor@example.no", "nb", "sent"),
        ]
    )
    assert OutboxMessage.objects.exclude(role=MailRole.PROGRAMME_CHANGE).count() == 0
    url = settings.SITE_URL + "/programme/moteplass-2031/"
    bodies = {(m.about_id, m.to_email): (m.subject, m.body) for m in messages}
    assert bodies[green.pk, "koordinator@example.no"] == (
        "Endring i programmet for Møteplass Telemark 2031",
        body_nn(
            "Grønn omstilling", "Ny sal for «Grønn omstilling»: Lillesalen (var Storsalen).", url
        ),
    )
    assert bodies[green.pk, "rival@example.no"] == (
        "Endring i programmet for Møteplass Telemark 2031",
        body_nb(
            "Grønn omstilling", "Ny sal for «Grønn omstilling»: Lillesalen (var Storsalen).", url
        ),
    )
    assert bodies[tech.pk, "redaktor@example.no"][1] == body_nb(
        "Ny teknologi",
        "Ny tid for «Ny teknologi»: tirsdag 22. april 11:00–11:45 "
        "(var tirsdag 22. april 09:00–09:45).",
        url,
    )
    assert bodies[tech.pk, "koordinator@example.no"][1] == body_nn(
        "Ny teknologi",
        "Ny tid for «Ny teknologi»: tysdag 22. april 11:00–11:45 "
        "(var tysdag 22. april 09:00–09:45).",
        url,
    )
    assert bodies[culture.pk, "koordinator@example.no"][1] == body_nn(
        "Kultur som næring", "Teke ut: «Kultur som næring».", url
    )
    assert bodies[culture.pk, "redaktor@example.no"][1] == body_nb(
        "Kultur som næring", "Tatt ut: «Kultur som næring».", url
    )


def test_publish_programme_moved_and_retimed_item_gets_one_message_per_member(
    conference, adviser, editor, small_room, midday, timetable, django_capture_on_commit_callbacks
):
    publish_programme(conference, by=adviser)
    green = timetable["green"]
    place_session(green, room=small_room, slot=midday, start=at(22, 11, 15), by=adviser)

    with django_capture_on_commit_callbacks(execute=True):
        publish_programme(conference, by=adviser)

    message = OutboxMessage.objects.get(role=MailRole.PROGRAMME_CHANGE)
    assert (message.about_id, message.to_email, message.body) == (
        green.pk,
        "redaktor@example.no",
        body_nb(
            "Grønn omstilling",
            "Ny sal for «Grønn omstilling»: Lillesalen (var Storsalen).\n"
            "Ny tid for «Grønn omstilling»: tirsdag 22. april 11:15–12:00 "
            "(var tirsdag 22. april 09:00–09:45).",
            settings.SITE_URL + "/programme/moteplass-2031/",
        ),
    )


def test_publish_programme_later_draft_changes_leave_the_snapshot_alone(
    conference, adviser, room, small_room, midday, timetable
):
    version = publish_programme(conference, by=adviser)
    published = copy.deepcopy(version.snapshot)

    place_session(timetable["tech"], room=room, slot=midday, start=at(22, 11, 30), by=adviser)
    unplace_session(timetable["culture"], by=adviser)

    version.refresh_from_db()
    assert version.snapshot == published
    assert [(i["title"], i["room_id"], i["start"]) for i in version.snapshot["items"]] == [
        ("Grønn omstilling", room.pk, utc(22, 9)),
        ("Ny teknologi", small_room.pk, utc(22, 9)),
        ("Kultur som næring", room.pk, utc(22, 11)),
    ]


# --- the PDF programme ----------------------------------------------------------------------------


@pytest.fixture
def version(conference, adviser):
    return ProgrammeVersion.objects.create(
        conference=conference, number=1, published_by=adviser, snapshot={"items": []}
    )


def test_request_programme_pdf_creates_one_queued_row_and_one_job(
    version, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = request_programme_pdf(version, language="nn", by=adviser)

    assert len(callbacks) == 1
    assert [
        (f.pk, f.language, f.state, f.progress, f.requested_by) for f in version.files.all()
    ] == [(row.pk, "nn", FileState.QUEUED, 0, adviser)]
    entry = history_for(version.conference).get()
    assert (entry.action, entry.data) == (
        "conferences.programme.pdf",
        {"version": 1, "language": "nn"},
    )


def test_request_programme_pdf_again_returns_the_same_row_and_queues_nothing(
    version, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = request_programme_pdf(version, language="nn", by=adviser)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = request_programme_pdf(version, language="nn", by=adviser)

    assert (again.pk, again.state, len(callbacks)) == (first.pk, FileState.QUEUED, 0)
    assert ProgrammeFile.objects.count() == 1
    assert actions(version.conference) == ["conferences.programme.pdf"]


def test_request_programme_pdf_one_row_per_language(
    version, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for language in ["nb", "nn", "en", "nn"]:
            request_programme_pdf(version, language=language, by=adviser)

    assert len(callbacks) == 3
    assert list(version.files.order_by("language").values_list("language", flat=True)) == [
        "en",
        "nb",
        "nn",
    ]


def test_request_programme_pdf_failed_row_is_queued_again(
    version, adviser, django_capture_on_commit_callbacks
):
    failed = ProgrammeFile.objects.create(
        version=version,
        language="nb",
        state=FileState.FAILED,
        progress=10,
        error="TimeoutError",
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = request_programme_pdf(version, language="nb", by=adviser)

    row.refresh_from_db()
    assert (row.pk, row.state, row.progress, row.error, row.started_at, row.finished_at) == (
        failed.pk,
        FileState.QUEUED,
        0,
        "",
        None,
        None,
    )
    assert len(callbacks) == 1


def test_request_programme_pdf_ready_row_is_kept(
    version, adviser, django_capture_on_commit_callbacks
):
    done = ProgrammeFile.objects.create(
        version=version, language="nb", state=FileState.DONE, progress=100, pages=2
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = request_programme_pdf(version, language="nb", by=adviser)

    row.refresh_from_db()
    assert (row.pk, row.state, row.pages, len(callbacks)) == (done.pk, FileState.DONE, 2, 0)


def test_request_programme_pdf_stuck_running_row_is_queued_again(
    version, adviser, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - dt.timedelta(hours=1)
    stuck = ProgrammeFile.objects.create(
        version=version, language="nb", state=FileState.RUNNING, progress=10
    )
    ProgrammeFile.objects.filter(pk=stuck.pk).update(requested_at=long_ago, started_at=long_ago)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row = request_programme_pdf(version, language="nb", by=adviser)

    row.refresh_from_db()
    assert (row.pk, row.state, row.progress, len(callbacks)) == (
        stuck.pk,
        FileState.QUEUED,
        0,
        1,
    )


def test_request_programme_pdf_broker_down_keeps_the_row_queued(
    version, adviser, monkeypatch, django_capture_on_commit_callbacks
):
    # like the outbox (test_outbox.test_broker_down_at_queue_time_keeps_the_message): the
    # request succeeds and the row waits, instead of the broker's error reaching the adviser
    from kombu.exceptions import OperationalError

    from conferences import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.make_programme_pdf, "apply_async", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        row = request_programme_pdf(version, language="nb", by=adviser)

    row.refresh_from_db()
    assert (row.state, row.progress) == (FileState.QUEUED, 0)


FAKE_PDF = b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [] /Count 3 >> endobj\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def renders(monkeypatch):
    """The PDF renderer replaced at its boundary (WeasyPrint is slow and tested elsewhere)."""
    calls = []

    def fake(snapshot, *, number, published_at, language):
        calls.append((snapshot, number, published_at, language))
        return FAKE_PDF

    monkeypatch.setattr("conferences.programme_pdf.render_programme_pdf", fake)
    return calls


def test_make_programme_pdf_renders_and_stores_the_file(version, media, renders):
    row = ProgrammeFile.objects.create(version=version, language="nn")

    outcome = make_programme_pdf(row.pk)

    row.refresh_from_db()
    assert (outcome, row.state, row.progress, row.pages, row.size, row.error) == (
        FileState.DONE,
        FileState.DONE,
        100,
        3,
        len(FAKE_PDF),
        "",
    )
    assert row.file.name == "programmes/moteplass-2031-v1-nn.pdf"
    assert default_storage.open(row.file.name).read() == FAKE_PDF
    assert row.started_at is not None and row.finished_at is not None
    assert renders == [({"items": []}, 1, version.published_at, "nn")]


def test_request_programme_pdf_after_commit_makes_the_file(
    version, adviser, media, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = request_programme_pdf(version, language="en", by=adviser)

    row.refresh_from_db()
    assert (row.state, row.pages, len(renders)) == (FileState.DONE, 3, 1)


def test_make_programme_pdf_render_error_fails_the_row(version, media, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("no fonts")

    monkeypatch.setattr("conferences.programme_pdf.render_programme_pdf", broken)
    row = ProgrammeFile.objects.create(version=version, language="nb")

    outcome = make_programme_pdf(row.pk)

    row.refresh_from_db()
    assert (outcome, row.state, row.error, row.file.name) == (
        FileState.FAILED,
        FileState.FAILED,
        "ValueError: no fonts",
        "",
    )
    assert row.finished_at is not None


def test_make_programme_pdf_timeout_fails_the_row(version, media, monkeypatch):
    def slow(*args, **kwargs):
        raise PdfRenderTimeout()

    monkeypatch.setattr("conferences.programme_pdf.render_programme_pdf", slow)
    row = ProgrammeFile.objects.create(version=version, language="nb")

    with translation.override("en"):
        outcome = make_programme_pdf(row.pk)

    row.refresh_from_db()
    assert (outcome, row.state, row.error) == (
        FileState.FAILED,
        FileState.FAILED,
        "The PDF took too long to make.",
    )


@pytest.mark.parametrize("state", [FileState.RUNNING, FileState.DONE, FileState.FAILED])
def test_make_programme_pdf_row_not_queued_is_left_alone(version, media, renders, state):
    row = ProgrammeFile.objects.create(version=version, language="nb", state=state, progress=50)

    outcome = make_programme_pdf(row.pk)

    row.refresh_from_db()
    assert (outcome, row.state, row.progress, renders) == (state, state, 50, [])


def test_make_programme_pdf_row_gone_returns_quietly(media, renders):
    assert (make_programme_pdf(987654), renders) == ("gone", [])


def test_sweep_programme_files_hands_over_lost_and_stuck_jobs_only(version, media, renders):
    from conferences.domain.schedule import sweep_programme_files

    now = timezone.now()
    lost = ProgrammeFile.objects.create(version=version, language="nb")
    stuck = ProgrammeFile.objects.create(
        version=version,
        language="nn",
        state=FileState.RUNNING,
        started_at=now - dt.timedelta(hours=1),
    )
    ProgrammeFile.objects.create(version=version, language="en")  # just asked for
    ProgrammeFile.objects.filter(pk__in=[lost.pk, stuck.pk]).update(
        requested_at=now - dt.timedelta(hours=1)
    )

    handed = sweep_programme_files(now=now)

    states = dict(ProgrammeFile.objects.values_list("language", "state"))
    assert handed == 2
    assert states == {"nb": FileState.DONE, "nn": FileState.DONE, "en": FileState.QUEUED}
    assert [call[3] for call in renders] == ["nb", "nn"]


@pytest.mark.parametrize(
    ("start", "end"), [(dt.time(2, 30), dt.time(3, 15)), (dt.time(2), dt.time(3))]
)
def test_add_slot_in_the_hour_the_clocks_skip_is_refused(adviser, start, end):
    from conferences.domain.schedule import ScheduleError, add_slot

    conference = ConferenceFactory(
        year=2027, start_date=dt.date(2027, 3, 27), end_date=dt.date(2027, 3, 29)
    )

    with pytest.raises(ScheduleError) as refused:
        add_slot(conference, day=dt.date(2027, 3, 28), start=start, end=end, by=adviser)

    assert (refused.value.field, str(refused.value.message)) == (
        "start",
        "Det klokkeslettet finnes ikke denne dagen (klokka stilles). Velg et annet.",
    )
    assert not TimeSlot.objects.filter(conference=conference).exists()


def test_a_pdf_row_only_moves_along_its_transitions_and_the_outcome_is_recorded(version, adviser):
    from conferences.domain.schedule import set_file_state

    row = ProgrammeFile.objects.create(version=version, language="nb", state=FileState.DONE)

    assert set_file_state(row, FileState.QUEUED) is False  # a finished file stays finished
    row.refresh_from_db()
    assert row.state == FileState.DONE

    failed = ProgrammeFile.objects.create(version=version, language="nn", state=FileState.RUNNING)
    assert set_file_state(failed, FileState.FAILED, error="Feil") is True
    assert set_file_state(failed, FileState.DONE) is False  # the sweeper lost the race
    log = ActivityLog.objects.get(action="conferences.programme.pdf.failed")
    assert log.data == {"version": version.number, "language": "nn", "error": "Feil"}
