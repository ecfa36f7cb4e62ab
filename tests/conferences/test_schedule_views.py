"""The advisers' schedule editor and publishing pages (conferences/views/schedule.py)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from conferences.domain.schedule import add_slot, edit_token, place_session, publish_programme
from conferences.enums import FileState, SessionState
from conferences.models import ProgrammeFile, ProgrammeVersion, Session
from moteplass.models import ActivityLog
from tests.factories import RoomFactory, SessionFactory, SpeakerFactory

DAY = dt.date(2031, 4, 22)
FAKE_PDF = b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [] /Count 3 >> endobj\n%%EOF\n"


def at(hour, minute=0, day=DAY):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def salong(conference):
    return RoomFactory(conference=conference, name="Salong 1", capacity=40, order=1)


@pytest.fixture
def morning(conference, adviser):
    return add_slot(conference, day=DAY, start=dt.time(9), end=dt.time(10, 30), by=adviser)


@pytest.fixture
def noon(conference, adviser):
    return add_slot(conference, day=DAY, start=dt.time(11), end=dt.time(12), by=adviser)


def item(conference, title, **kwargs):
    return SessionFactory(conference=conference, title=title, **kwargs)


def place_data(session, *, slot, room, start="", duration=None, all_rooms=False, seen=None):
    prefix = f"s{session.pk}"
    data = {
        f"{prefix}-slot": slot.pk if hasattr(slot, "pk") else slot,
        f"{prefix}-room": room.pk if hasattr(room, "pk") else room,
        f"{prefix}-start": start,
        f"{prefix}-duration": session.duration if duration is None else duration,
        f"{prefix}-seen": edit_token(session) if seen is None else seen,
    }
    if all_rooms:
        data[f"{prefix}-all_rooms"] = "on"
    return data


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def test_schedule_page_shows_grid_unplaced_items_and_conflicts(
    client_as, conference, room, salong, morning, adviser
):
    placed = item(conference, "Hydrogen i Grenland", duration=60)
    place_session(placed, room=room, slot=morning, by=adviser)
    item(conference, "Fagbrev på jobb")
    item(conference, "Ikke godkjent", state=SessionState.SUBMITTED)
    client = client_as("adviser")

    response = client.get(url("schedule", conference))

    assert response.status_code == 200
    grid = response.context["grid"]
    assert [s.title for s in grid.unplaced] == ["Fagbrev på jobb"]
    assert [[c.items for c in row.cells] for row in grid.days[0].rows] == [[[placed], []]]
    assert grid.conflicts == []
    html = response.content.decode()
    assert "Ikke godkjent" not in html
    assert f'data-drop-slot="{morning.pk}"' in html
    assert "1 post å plassere" in html


def test_schedule_page_query_count_is_constant(
    client_as, conference, room, salong, morning, noon, adviser, django_assert_num_queries
):
    client = client_as("adviser")
    speaker = SpeakerFactory(conference=conference, name="Kari")
    first = item(conference, "Første")
    first.speakers.add(speaker)
    place_session(first, room=room, slot=morning, by=adviser)
    client.get(url("schedule", conference))
    with django_assert_num_queries(10) as one:
        client.get(url("schedule", conference))
    for n in range(10):
        extra = item(conference, f"Post {n}")
        extra.speakers.add(SpeakerFactory(conference=conference, name=f"Taler {n}"))
        if n % 2:
            place_session(extra, room=salong if n % 4 == 1 else room, slot=noon, by=adviser)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url("schedule", conference))


def test_place_by_form_moves_item_and_redirects_to_it(
    client_as, conference, room, salong, morning, adviser
):
    session = item(conference, "Hydrogen i Grenland", duration=60)
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, session.pk),
        place_data(session, slot=morning, room=salong, start="09:15", duration=50),
    )

    assert response.status_code == 302
    assert response["Location"] == url("schedule", conference) + f"#item-{session.pk}"
    session.refresh_from_db()
    assert (session.room, session.slot, session.start, session.duration) == (
        salong,
        morning,
        at(9, 15),
        50,
    )
    log = ActivityLog.objects.filter(action="conferences.session.place").get()
    assert {row["field"] for row in log.data["changes"]} == {"room", "slot", "start", "duration"}


def test_place_with_htmx_returns_editor_with_announced_status_and_focus(
    client_as, conference, room, morning, adviser
):
    session = item(conference, "Hydrogen i Grenland", duration=60)
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, session.pk),
        place_data(session, slot=morning, room=room),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="schedule-status" hx-swap-oob="innerHTML"' in html
    assert "«Hydrogen i Grenland» er nå i Storsalen" in html
    assert f'data-focus="item-{session.pk}"' in html
    assert "<html" not in html


def test_room_conflict_is_shown_live_and_resolved(
    client_as, conference, room, salong, morning, adviser
):
    first = item(conference, "Første", duration=60)
    second = item(conference, "Andre", duration=60)
    place_session(first, room=room, slot=morning, by=adviser)
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, second.pk),
        place_data(second, slot=morning, room=room),
        HTTP_HX_REQUEST="true",
    )
    assert [c.kind for c in response.context["grid"].conflicts] == ["room"]
    assert "«Første» og «Andre» er begge i Storsalen kl. 09:00." in response.content.decode()

    second.refresh_from_db()
    response = client.post(
        url("schedule_place", conference, second.pk),
        place_data(second, slot=morning, room=salong),
        HTTP_HX_REQUEST="true",
    )
    assert response.context["grid"].conflicts == []


def test_place_with_bad_input_shows_errors_next_to_fields_and_changes_nothing(
    client_as, conference, room, morning, noon
):
    session = item(conference, "Hydrogen i Grenland", duration=60)
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, session.pk),
        place_data(session, slot=99999, room=99999, start="25:99", duration=0),
    )

    assert response.status_code == 400
    form = response.context["grid"].unplaced[0].place_form
    assert form.errors == {
        "slot": ["Den tidsbolken finnes ikke (lenger). Velg en annen."],
        "room": ["Den salen finnes ikke (lenger). Velg en annen."],
        "start": ["Skriv klokkeslettet som timer og minutter, for eksempel 10:45."],
        "duration": ["Lengden må være minst 1 minutt."],
    }
    session.refresh_from_db()
    assert (session.room, session.slot, session.start) == (None, None, None)
    assert not ActivityLog.objects.filter(action="conferences.session.place").exists()


def test_place_with_start_outside_slot_is_refused_next_to_start(
    client_as, conference, room, morning
):
    session = item(conference, "Hydrogen i Grenland")
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, session.pk),
        place_data(session, slot=morning, room=room, start="11:00"),
        HTTP_HX_REQUEST="true",
    )

    form = response.context["grid"].unplaced[0].place_form
    assert form.errors == {"start": ["Starten må ligge innenfor tidsbolken."]}
    assert f'data-focus="s{session.pk}-error-summary"' in response.content.decode()
    session.refresh_from_db()
    assert session.room is None


def test_stale_edit_is_refused_and_the_grid_reloaded(
    client_as, conference, room, salong, morning, adviser
):
    session = item(conference, "Hydrogen i Grenland")
    seen = edit_token(session)
    place_session(session, room=salong, slot=morning, by=adviser)  # someone else, meanwhile
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, session.pk),
        place_data(session, slot=morning, room=room, seen=seen),
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Noen andre endret «Hydrogen i Grenland» mens du så på den." in (
        response.content.decode()
    )
    session.refresh_from_db()
    assert session.room == salong


def test_unplace_takes_item_out(client_as, conference, room, morning, adviser):
    session = item(conference, "Hydrogen i Grenland")
    place_session(session, room=room, slot=morning, by=adviser)
    session.refresh_from_db()
    client = client_as("adviser")

    response = client.post(
        url("schedule_unplace", conference, session.pk), {"seen": edit_token(session)}
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.room, session.slot, session.start) == (None, None, None)


def test_place_a_not_accepted_item_is_404(client_as, conference, room, morning):
    session = item(conference, "Utkast", state=SessionState.SUBMITTED)
    client = client_as("adviser")

    response = client.post(
        url("schedule_place", conference, session.pk), place_data(session, slot=morning, room=room)
    )

    assert response.status_code == 404
    session.refresh_from_db()
    assert session.room is None


def test_slot_add_and_delete(client_as, conference, room, adviser):
    client = client_as("adviser")

    response = client.post(
        url("schedule_slot_add", conference),
        {"day": "2031-04-23", "start": "13:00", "end": "14:30"},
    )
    assert response.status_code == 302
    slot = conference.slots.get()
    assert (slot.start, slot.end) == (
        at(13, day=DAY + dt.timedelta(days=1)),
        at(14, 30, day=DAY + dt.timedelta(days=1)),
    )

    response = client.post(url("schedule_slot_delete", conference, slot.pk))
    assert response.status_code == 302
    assert not conference.slots.exists()


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"day": "2031-05-01", "start": "09:00", "end": "10:00"},
            {"day": ["Velg en av konferansedagene."]},
        ),
        (
            {"day": "2031-04-22", "start": "10:00", "end": "09:00"},
            {"end": ["Tidsbolken må slutte etter at den begynner."]},
        ),
        (
            {"day": "2031-04-22", "start": "9", "end": ""},
            {
                "start": ["Skriv klokkeslettet som timer og minutter, for eksempel 09:00."],
                "end": ["Oppgi når tidsbolken slutter."],
            },
        ),
        (
            {"day": "2031-04-22", "start": "09:30", "end": "10:00"},
            {"start": ["Den overlapper tidsbolken tirsdag 22. april 09:00–10:30."]},
        ),
    ],
)
def test_slot_add_with_bad_input_says_why_and_adds_nothing(
    client_as, conference, morning, data, errors
):
    client = client_as("adviser")

    response = client.post(url("schedule_slot_add", conference), data)

    assert response.status_code == 400
    assert response.context["slot_form"].errors == errors
    assert list(conference.slots.all()) == [morning]


def test_slot_with_items_cannot_be_deleted(client_as, conference, room, morning, adviser):
    place_session(item(conference, "Post"), room=room, slot=morning, by=adviser)
    client = client_as("adviser")

    response = client.post(url("schedule_slot_delete", conference, morning.pk), follow=True)

    assert "Flytt programpostene ut av denne tidsbolken før du sletter den." in (
        response.content.decode()
    )
    assert conference.slots.count() == 1


def test_publish_page_lists_pending_changes_and_conflicts(
    client_as, conference, room, morning, adviser
):
    first = item(conference, "Første", duration=60)
    second = item(conference, "Andre", duration=60)
    place_session(first, room=room, slot=morning, by=adviser)
    place_session(second, room=room, slot=morning, by=adviser)
    client = client_as("adviser")

    response = client.get(url("schedule_publish", conference))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lagt til: «Første», tirsdag 22. april, 09:00–10:00, Storsalen." in strip_tags(html)
    assert "1 konflikt" in html
    assert "Publiser versjon 1" in html


def test_publish_with_conflicts_needs_confirmation(client_as, conference, room, morning, adviser):
    for title in ("Første", "Andre"):
        place_session(item(conference, title), room=room, slot=morning, by=adviser)
    client = client_as("adviser")

    refused = client.post(url("schedule_publish", conference), {"note": "Første utgåve"})
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "confirm_conflicts": [
            "Programmet har konflikter. Løs dem, eller bekreft at det kan publiseres med dem."
        ]
    }
    assert not ProgrammeVersion.objects.exists()

    response = client.post(
        url("schedule_publish", conference), {"note": "Første utgåve", "confirm_conflicts": "on"}
    )
    assert response.status_code == 302
    version = ProgrammeVersion.objects.get()
    assert (version.number, version.note, version.conflicts_confirmed) == (1, "Første utgåve", 1)


def test_publish_empty_or_unchanged_programme_says_so(
    client_as, conference, room, morning, adviser
):
    client = client_as("adviser")
    response = client.post(url("schedule_publish", conference), {})
    assert response.context["form"].non_field_errors() == [
        "Det er ingenting å publisere: plasser godkjente programposter i timeplanen først."
    ]
    place_session(item(conference, "Post"), room=room, slot=morning, by=adviser)
    assert client.post(url("schedule_publish", conference), {}).status_code == 302

    response = client.post(url("schedule_publish", conference), {})

    assert response.context["form"].non_field_errors() == [
        "Ingenting er endret siden versjon 1 ble publisert."
    ]
    assert ProgrammeVersion.objects.count() == 1


def test_pdf_request_queues_one_file_and_reports_its_state(
    client_as, conference, room, morning, adviser, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("conferences.programme_pdf.render_programme_pdf", lambda *a, **k: FAKE_PDF)
    place_session(item(conference, "Post"), room=room, slot=morning, by=adviser)
    version = publish_programme(conference, by=adviser)
    client = client_as("adviser")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("schedule_pdf", conference, 1), {"language": "nn"}, HTTP_HX_REQUEST="true"
        )

    assert response.status_code == 200
    row = ProgrammeFile.objects.get()
    assert (row.version, row.language, row.state, row.pages) == (version, "nn", FileState.DONE, 3)
    status = client.get(url("schedule_pdf_status", conference, 1, "nn"))
    assert "Klar" in status.content.decode()
    assert reverse("programme_pdf", args=[conference.slug, "nn"]) in status.content.decode()


def test_pdf_request_for_unknown_version_or_language(client_as, conference):
    client = client_as("adviser")
    assert client.post(url("schedule_pdf", conference, 1), {"language": "nn"}).status_code == 404
    assert client.get(url("schedule_pdf_status", conference, 1, "xx")).status_code == 404


def test_withdrawing_a_placed_item_takes_it_out_of_the_timetable(
    conference, room, morning, adviser
):
    from conferences.domain.sessions import set_session_state

    session = item(conference, "Post")
    place_session(session, room=room, slot=morning, by=adviser)

    set_session_state(session, "withdrawn", by=adviser, notify=False)

    session = Session.objects.get(pk=session.pk)
    assert (session.room, session.slot, session.start) == (None, None, None)


def test_programme_csv_for_advisers_is_the_latest_version(
    client_as, conference, room, morning, adviser
):
    client = client_as("adviser")
    assert client.get(url("schedule_csv", conference)).status_code == 404
    place_session(item(conference, '=HYPERLINK("x")'), room=room, slot=morning, by=adviser)
    publish_programme(conference, by=adviser)

    response = client.get(url("schedule_csv", conference))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="moteplass-2031-programme-v1.csv"'
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:4] == ["Dag", "Start", "Slutt", "Sal"]
    assert len(lines) == 2
    assert lines[1].split(";")[:5] == [
        "2031-04-22",
        "09:00",
        "09:45",
        "Storsalen",
        '"\'=HYPERLINK(""x"")"',
    ]


def test_expected_audience_larger_than_the_room_is_a_capacity_conflict(
    client_as, conference, salong, morning
):
    session = item(conference, "Fagbrev på jobb", duration=60)
    client = client_as("adviser")
    data = place_data(session, slot=morning, room=salong)
    data[f"s{session.pk}-expected_audience"] = "55"

    response = client.post(
        url("schedule_place", conference, session.pk), data, HTTP_HX_REQUEST="true"
    )

    conflicts = response.context["grid"].conflicts
    assert [(c.kind, c.message) for c in conflicts] == [
        ("capacity", "«Fagbrev på jobb» venter 55 deltakere; Salong 1 har plass til 40.")
    ]
    session.refresh_from_db()
    assert session.expected_audience == 55


def test_the_form_shows_a_later_start_in_local_time(client_as, conference, room, morning, adviser):
    session = item(conference, "Hydrogen i Grenland", duration=30)
    place_session(session, room=room, slot=morning, start=at(9, 45), by=adviser)

    response = client_as("adviser").get(url("schedule", conference))

    assert f'name="s{session.pk}-start" value="09:45"' in response.content.decode()
