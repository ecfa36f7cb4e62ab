import csv
import io
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from django.utils import translation
from icalendar import Calendar
from lxml import etree

from conferences.exports import (
    Track,
    frab_json,
    frab_schedule,
    frab_xml,
    goal_labels,
    programme_csv,
    programme_ics,
)
from tests.factories import goal
from tests.factories.telemarksplanen import plan_in_force

FRAB = Path(__file__).parent / "frab"
OSLO = ZoneInfo("Europe/Oslo")
PUBLISHED_AT = datetime(2027, 3, 1, 12, 30, tzinfo=UTC)
SITE = "https://moteplass.example"
TRICKY_TITLE = 'Grønn omstilling: «Æ, ø & å», "sitat" og <b>fet</b>'
TRICKY_ABSTRACT = 'Linje 1 med <, > & "anførsel".\nLinje 2: æøå ÆØÅ; komma, semikolon\\.'
TRACKS = {3: Track(name="Inkluderende Telemark", colour="#1e6b52"), 8: Track("Natur", "#2f5d8a")}


def item_url(item_id):
    return f"{SITE}/moteplass-2027/program/{item_id}/"


def make_item(item_id, start, end, **fields):
    return {
        "id": item_id,
        "title": f"Post {item_id}",
        "abstract": "",
        "language": "nb",
        "format": "parallel",
        "start": start,
        "end": end,
        "duration": 0,
        "room_id": 7,
        "all_rooms": False,
        "speakers": [],
        "goals": [],
        "owners": [],
        **fields,
    }


def green_item():
    """10:00 local on the 27th, still winter time (UTC+1)."""
    return make_item(
        41,
        "2027-03-27T09:00:00+00:00",
        "2027-03-27T10:30:00+00:00",
        title=TRICKY_TITLE,
        abstract=TRICKY_ABSTRACT,
        format="panel",
        duration=90,
        speakers=[
            {
                "id": 5,
                "name": "Kari Nordmann",
                "title": "ordførar",
                "organisation": "Vinje kommune",
            },
            {"id": 6, "name": "Åse <Ø> Ærlig", "title": "", "organisation": ""},
        ],
        goals=[3, 8],
        owners=[
            {"id": 12, "name": "NHO Vestfold og Telemark"},
            {"id": 13, "name": "Vinje kommune"},
        ],
    )


def lunch_item():
    """An all-rooms break on the 28th, the day the clocks go forward (13:00 local, UTC+2)."""
    return make_item(
        43,
        "2027-03-28T11:00:00+00:00",
        "2027-03-28T11:30:00+00:00",
        title="Lunsj",
        format="break",
        duration=30,
        all_rooms=True,
    )


def workshop_item():
    """10:00 local on the 29th, summer time (UTC+2)."""
    return make_item(
        42,
        "2027-03-29T08:00:00+00:00",
        "2027-03-29T09:00:00+00:00",
        title="Verkstad om vatn",
        abstract="Korleis tek vi vare på vatnet?",
        language="nn",
        format="workshop",
        duration=60,
        room_id=8,
        speakers=[
            {"id": 9, "name": "Ola Nordmann", "title": "", "organisation": "Statsforvaltaren"}
        ],
        goals=[8],
        owners=[{"id": 13, "name": "Vinje kommune"}],
    )


def make_snapshot(items=None, slug="moteplass-2027"):
    return {
        "conference": {
            "id": 3,
            "slug": slug,
            "title": "Møteplass Telemark 2027",
            "year": 2027,
            "start_date": "2027-03-27",
            "end_date": "2027-03-29",
            "venue": "Bø hotell, Midt-Telemark",
            "description_nb": "",
            "description_nn": "",
            "description_en": "",
            "plan_id": 1,
        },
        "rooms": [
            {"id": 8, "name": "Sal «Lifjell» & <Bø>", "capacity": 40, "order": 1},
            {"id": 7, "name": "Storsalen", "capacity": 300, "order": 0},
        ],
        "items": [green_item(), lunch_item(), workshop_item()] if items is None else items,
        "partners": [{"id": 12, "name": "NHO Vestfold og Telemark"}],
    }


def ics(snapshot, **kwargs):
    kwargs = {
        "number": 2,
        "published_at": PUBLISHED_AT,
        "site_url": SITE,
        "item_url": item_url,
    } | kwargs
    return programme_ics(snapshot, **kwargs)


def frab_kwargs(**kwargs):
    return {
        "number": 2,
        "published_at": PUBLISHED_AT,
        "base_url": f"{SITE}/moteplass-2027/program/",
        "item_url": item_url,
        "tracks": TRACKS,
    } | kwargs


def events(calendar_bytes):
    return Calendar.from_ical(calendar_bytes).walk("VEVENT")


def json_errors(data):
    schema = json.loads((FRAB / "schedule.schema.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]


def xml_errors(document):
    schema = etree.XMLSchema(etree.parse(str(FRAB / "schedule.xml.xsd")))
    schema.validate(document)
    # libxml2 follows a broken value with a "Warning: No precomputed value" line; skip those.
    return [
        f"{error.line}: {error.message}"
        for error in schema.error_log
        if "No precomputed value" not in error.message
    ]


# --- iCalendar -----------------------------------------------------------------------------------


def test_ics_local_times_are_right_on_both_sides_of_the_dst_change():
    parsed = {
        int(event["UID"].split("-")[1].split("@")[0]): event
        for event in events(ics(make_snapshot()))
    }

    assert sorted(parsed) == [41, 42, 43]
    green, lunch, workshop = parsed[41], parsed[43], parsed[42]
    assert [green["DTSTART"].params["TZID"], green["DTEND"].params["TZID"]] == ["Europe/Oslo"] * 2
    assert workshop["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert green.start == datetime(2027, 3, 27, 10, 0, tzinfo=OSLO)
    assert green.end == datetime(2027, 3, 27, 11, 30, tzinfo=OSLO)
    assert lunch.start == datetime(2027, 3, 28, 13, 0, tzinfo=OSLO)
    assert workshop.start == datetime(2027, 3, 29, 10, 0, tzinfo=OSLO)
    assert green.start.astimezone(UTC) == datetime(2027, 3, 27, 9, 0, tzinfo=UTC)
    assert workshop.start.astimezone(UTC) == datetime(2027, 3, 29, 8, 0, tzinfo=UTC)
    assert green["DTSTART"].to_ical() == b"20270327T100000"
    assert workshop["DTSTART"].to_ical() == b"20270329T100000"


def test_ics_embeds_a_europe_oslo_vtimezone_with_the_dst_change():
    calendar = Calendar.from_ical(ics(make_snapshot()))

    [vtimezone] = calendar.walk("VTIMEZONE")
    tz = vtimezone.to_tz()
    assert str(vtimezone["TZID"]) == "Europe/Oslo"
    assert datetime(2027, 3, 27, 10, 0, tzinfo=tz).utcoffset().total_seconds() == 3600
    assert datetime(2027, 3, 29, 10, 0, tzinfo=tz).utcoffset().total_seconds() == 7200


def test_ics_event_carries_uid_sequence_stamp_text_location_and_url():
    [green] = [
        event
        for event in events(ics(make_snapshot()))
        if event["UID"] == "session-41@moteplass.example"
    ]

    assert green["SEQUENCE"] == 2
    assert green.decoded("DTSTAMP") == PUBLISHED_AT
    assert green["DTSTAMP"].to_ical() == b"20270301T123000Z"
    assert str(green["SUMMARY"]) == TRICKY_TITLE
    assert str(green["LOCATION"]) == "Storsalen, Bø hotell, Midt-Telemark"
    assert str(green["URL"]) == f"{SITE}/moteplass-2027/program/41/"
    with translation.override("nn"):
        [nn_green] = [e for e in events(ics(make_snapshot())) if e["UID"] == green["UID"]]
    assert str(nn_green["DESCRIPTION"]) == (
        f"{TRICKY_ABSTRACT}\n\n"
        "Innleiarar: Kari Nordmann (ordførar, Vinje kommune); Åse <Ø> Ærlig\n"
        "Arrangert av: NHO Vestfold og Telemark, Vinje kommune\n\n"
        f"{SITE}/moteplass-2027/program/41/"
    )


def test_ics_whole_programme_is_a_named_calendar():
    calendar = Calendar.from_ical(ics(make_snapshot()))

    assert str(calendar["X-WR-CALNAME"]) == "Møteplass Telemark 2027"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Oslo"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"


def test_ics_for_one_item_has_exactly_that_event():
    data = ics(make_snapshot(), item_id=42)

    [event] = events(data)
    assert str(event["UID"]) == "session-42@moteplass.example"
    assert str(event["SUMMARY"]) == "Verkstad om vatn"
    assert str(event["LOCATION"]) == "Sal «Lifjell» & <Bø>, Bø hotell, Midt-Telemark"
    assert "X-WR-CALNAME" not in Calendar.from_ical(data)


def test_ics_for_an_item_not_in_the_version_raises_lookup_error():
    with pytest.raises(LookupError):
        ics(make_snapshot(), item_id=999)


def test_ics_of_an_empty_programme_has_no_events():
    data = ics(make_snapshot(items=[]))

    assert events(data) == []
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == "Møteplass Telemark 2027"


# --- frab schedule -------------------------------------------------------------------------------


def test_frab_json_validates_against_the_published_schema():
    data = json.loads(frab_json(make_snapshot(), **frab_kwargs()))

    assert json_errors(data) == []
    events_ = [
        e
        for day in data["schedule"]["conference"]["days"]
        for r in day["rooms"].values()
        for e in r
    ]
    assert [uuid.UUID(event["guid"]).version for event in events_] == [5, 5, 5]


def test_frab_xml_validates_against_the_published_schema():
    document = etree.fromstring(frab_xml(make_snapshot(), **frab_kwargs()))

    assert xml_errors(document) == []
    assert document.xpath("count(//event)") == 3


def test_frab_of_an_empty_programme_validates_and_keeps_every_day():
    snapshot = make_snapshot(items=[])

    data = json.loads(frab_json(snapshot, **frab_kwargs()))
    document = etree.fromstring(frab_xml(snapshot, **frab_kwargs()))

    assert json_errors(data) == []
    assert xml_errors(document) == []
    days = data["schedule"]["conference"]["days"]
    assert [day["date"] for day in days] == ["2027-03-27", "2027-03-28", "2027-03-29"]
    assert [day["rooms"] for day in days] == [{"Storsalen": [], "Sal «Lifjell» & <Bø>": []}] * 3
    assert data["schedule"]["conference"]["tracks"] == []
    assert document.xpath("count(//event)") == 0


def test_frab_schedule_conference_days_and_rooms():
    schedule = frab_schedule(make_snapshot(), **frab_kwargs())["schedule"]

    conference = schedule["conference"]
    assert schedule["version"] == "2 (2027-03-01 13:30)"
    assert schedule["base_url"] == f"{SITE}/moteplass-2027/program/"
    assert {k: v for k, v in conference.items() if k not in ("days", "rooms")} == {
        "acronym": "moteplass_2027",
        "title": "Møteplass Telemark 2027",
        "start": "2027-03-27",
        "end": "2027-03-29",
        "daysCount": 3,
        "timeslot_duration": "00:05",
        "time_zone_name": "Europe/Oslo",
        "url": f"{SITE}/moteplass-2027/program/",
        "tracks": [
            {"name": "Inkluderende Telemark", "color": "#1e6b52"},
            {"name": "Natur", "color": "#2f5d8a"},
        ],
    }
    assert [(room["name"], room["capacity"]) for room in conference["rooms"]] == [
        ("Storsalen", 300),
        ("Sal «Lifjell» & <Bø>", 40),
    ]
    assert [
        (day["index"], day["date"], day["day_start"], day["day_end"]) for day in conference["days"]
    ] == [
        (1, "2027-03-27", "2027-03-27T00:00:00+01:00", "2027-03-28T00:00:00+01:00"),
        (2, "2027-03-28", "2027-03-28T00:00:00+01:00", "2027-03-29T00:00:00+02:00"),
        (3, "2027-03-29", "2027-03-29T00:00:00+02:00", "2027-03-30T00:00:00+02:00"),
    ]
    assert [
        {room: [event["id"] for event in evs] for room, evs in day["rooms"].items()}
        for day in conference["days"]
    ] == [
        {"Storsalen": [41], "Sal «Lifjell» & <Bø>": []},
        {"Storsalen": [43], "Sal «Lifjell» & <Bø>": []},  # the all-rooms lunch, once
        {"Storsalen": [], "Sal «Lifjell» & <Bø>": [42]},
    ]


def test_frab_event_fields():
    schedule = frab_schedule(make_snapshot(), **frab_kwargs())["schedule"]

    days = schedule["conference"]["days"]
    [green] = days[0]["rooms"]["Storsalen"]
    [lunch] = days[1]["rooms"]["Storsalen"]
    [workshop] = days[2]["rooms"]["Sal «Lifjell» & <Bø>"]
    with translation.override("nb"):
        nb_green = frab_schedule(make_snapshot(), **frab_kwargs())["schedule"]["conference"]
    assert green == {
        "guid": str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:moteplass:moteplass-2027:item:41")),
        "id": 41,
        "date": "2027-03-27T10:00:00+01:00",
        "start": "10:00",
        "end": "2027-03-27T11:30:00+01:00",
        "duration": "01:30",
        "room": "Storsalen",
        "slug": "moteplass_2027-41-gronn-omstilling-ae-o-a-sitat-og-bfetb",
        "url": f"{SITE}/moteplass-2027/program/41/",
        "title": TRICKY_TITLE,
        "subtitle": "",
        "track": "Inkluderende Telemark",
        "type": "panel",
        "language": "nb",
        "abstract": TRICKY_ABSTRACT,
        "description": nb_green["days"][0]["rooms"]["Storsalen"][0]["description"],
        "persons": [
            {"id": 5, "public_name": "Kari Nordmann"},
            {"id": 6, "public_name": "Åse <Ø> Ærlig"},
        ],
        "links": [],
        "attachments": [],
    }
    assert nb_green["days"][0]["rooms"]["Storsalen"][0]["description"] == (
        "Innledere: Kari Nordmann (ordførar, Vinje kommune); Åse <Ø> Ærlig\n"
        "Arrangert av: NHO Vestfold og Telemark, Vinje kommune"
    )
    assert (lunch["date"], lunch["start"], lunch["duration"], lunch["track"], lunch["persons"]) == (
        "2027-03-28T13:00:00+02:00",
        "13:00",
        "00:30",
        None,
        [],
    )
    assert (workshop["date"], workshop["track"], workshop["language"], workshop["type"]) == (
        "2027-03-29T10:00:00+02:00",
        "Natur",
        "nn",
        "workshop",
    )


def test_frab_special_characters_round_trip_in_json_and_xml():
    data = json.loads(frab_json(make_snapshot(), **frab_kwargs()))
    document = etree.fromstring(frab_xml(make_snapshot(), **frab_kwargs()))

    [green] = data["schedule"]["conference"]["days"][0]["rooms"]["Storsalen"]
    assert (green["title"], green["abstract"]) == (TRICKY_TITLE, TRICKY_ABSTRACT)
    [event] = document.xpath("//event[@id='41']")
    assert event.findtext("title") == TRICKY_TITLE
    assert event.findtext("abstract") == TRICKY_ABSTRACT
    assert [p.text for p in event.find("persons")] == ["Kari Nordmann", "Åse <Ø> Ærlig"]
    assert document.xpath("//day[@index='3']/room/@name") == ["Storsalen", "Sal «Lifjell» & <Bø>"]
    assert document.findtext("conference/title") == "Møteplass Telemark 2027"


def test_frab_xml_carries_the_same_event_as_json():
    schedule = frab_schedule(make_snapshot(), **frab_kwargs())["schedule"]
    document = etree.fromstring(frab_xml(make_snapshot(), **frab_kwargs()))

    [workshop] = schedule["conference"]["days"][2]["rooms"]["Sal «Lifjell» & <Bø>"]
    [event] = document.xpath("//event[@id='42']")
    assert event.get("guid") == workshop["guid"]
    assert {child.tag: child.text or "" for child in event if len(child) == 0} == {
        "date": "2027-03-29T10:00:00+02:00",
        "start": "10:00",
        "duration": "01:00",
        "room": "Sal «Lifjell» & <Bø>",
        "slug": "moteplass_2027-42-verkstad-om-vatn",
        "url": f"{SITE}/moteplass-2027/program/42/",
        "title": "Verkstad om vatn",
        "subtitle": "",
        "track": "Natur",
        "type": "workshop",
        "language": "nn",
        "abstract": "Korleis tek vi vare på vatnet?",
        "description": workshop["description"],
        "links": "",
        "attachments": "",
    }
    assert [(p.get("id"), p.text) for p in event.find("persons")] == [("9", "Ola Nordmann")]
    assert [(t.get("name"), t.get("color")) for t in document.findall("conference/track")] == [
        ("Inkluderende Telemark", "#1e6b52"),
        ("Natur", "#2f5d8a"),
    ]


def test_frab_guid_is_stable_across_versions_and_differs_between_conferences():
    def guids(snapshot, **kwargs):
        days = frab_schedule(snapshot, **frab_kwargs(**kwargs))["schedule"]["conference"]["days"]
        return {e["id"]: e["guid"] for day in days for evs in day["rooms"].values() for e in evs}

    first = guids(make_snapshot())
    later = guids(make_snapshot(), number=7, published_at=datetime(2027, 3, 20, tzinfo=UTC))
    other = guids(make_snapshot(slug="moteplass-2028"))

    assert first == later
    assert sorted(first) == [41, 42, 43]
    assert set(first.values()).isdisjoint(other.values())


def test_frab_item_without_goals_or_tracks_has_no_track():
    snapshot = make_snapshot()

    data = json.loads(frab_json(snapshot, **frab_kwargs(tracks=None)))
    document = etree.fromstring(frab_xml(snapshot, **frab_kwargs(tracks=None)))

    events_ = [
        e
        for day in data["schedule"]["conference"]["days"]
        for r in day["rooms"].values()
        for e in r
    ]
    assert [event["track"] for event in events_] == [None, None, None]
    assert document.xpath("//event/track/text()") == []
    assert json_errors(data) == []
    assert xml_errors(document) == []


# --- CSV -----------------------------------------------------------------------------------------


def read_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_csv_header_row_in_each_language():
    headers = {}
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            headers[language] = read_csv(programme_csv(make_snapshot(items=[]), goal_titles={}))

    assert headers == {
        "nb": [
            [
                "Dag",
                "Start",
                "Slutt",
                "Sal",
                "Tittel",
                "Format",
                "Språk",
                "Eiere",
                "Innledere",
                "Hovedmål",
            ]
        ],
        "nn": [
            [
                "Dag",
                "Start",
                "Slutt",
                "Sal",
                "Tittel",
                "Format",
                "Språk",
                "Eigarar",
                "Innleiarar",
                "Hovudmål",
            ]
        ],
        "en": [
            [
                "Day",
                "Start",
                "End",
                "Room",
                "Title",
                "Format",
                "Language",
                "Owners",
                "Speakers",
                "Main goals",
            ]
        ],
    }


def test_csv_rows_in_programme_order_with_local_times():
    titles = {3: "I1 Alle skal med", 8: "N2 Rein natur"}

    with translation.override("nn"):
        rows = read_csv(programme_csv(make_snapshot(), goal_titles=titles))

    assert rows[1:] == [
        [
            "2027-03-27",
            "10:00",
            "11:30",
            "Storsalen",
            TRICKY_TITLE,
            "Paneldebatt",
            "Bokmål",
            "NHO Vestfold og Telemark; Vinje kommune",
            "Kari Nordmann (ordførar, Vinje kommune); Åse <Ø> Ærlig",
            "I1 Alle skal med; N2 Rein natur",
        ],
        [
            "2027-03-28",
            "13:00",
            "13:30",
            "Storsalen (alle salar)",
            "Lunsj",
            "Pause",
            "Bokmål",
            "",
            "",
            "",
        ],
        [
            "2027-03-29",
            "10:00",
            "11:00",
            "Sal «Lifjell» & <Bø>",
            "Verkstad om vatn",
            "Verkstad",
            "Nynorsk",
            "Vinje kommune",
            "Ola Nordmann (Statsforvaltaren)",
            "N2 Rein natur",
        ],
    ]


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas():
    item = make_item(
        50,
        "2027-03-27T12:00:00+00:00",
        "2027-03-27T13:00:00+00:00",
        title='=HYPERLINK("https://evil.example","klikk")',
        speakers=[{"id": 1, "name": "+47 999 99 999", "title": "", "organisation": ""}],
        owners=[{"id": 2, "name": "@Organisasjon"}],
        goals=[3],
    )
    titles = {3: "-1+1"}

    rows = read_csv(programme_csv(make_snapshot(items=[item]), goal_titles=titles))
    tab = read_csv(
        programme_csv(
            make_snapshot(items=[item | {"title": "\tTab", "owners": []}]), goal_titles={}
        )
    )
    cr = read_csv(programme_csv(make_snapshot(items=[item | {"title": "\r=1+1"}]), goal_titles={}))
    hidden = read_csv(
        programme_csv(make_snapshot(items=[item | {"title": "\x01=1+1"}]), goal_titles={})
    )

    assert rows[1][4] == '\'=HYPERLINK("https://evil.example","klikk")'
    assert rows[1][7:] == ["'@Organisasjon", "'+47 999 99 999", "'-1+1"]
    assert tab[1][4] == "'\tTab"
    assert cr[1][4] == "'\n=1+1"
    assert hidden[1][4] == "'=1+1"
    assert rows[1][:4] == ["2027-03-27", "13:00", "14:00", "Storsalen"]


def test_csv_of_an_empty_programme_is_the_header_alone():
    with translation.override("en"):
        text = programme_csv(make_snapshot(items=[]), goal_titles={})

    assert text == "\ufeffDay;Start;End;Room;Title;Format;Language;Owners;Speakers;Main goals\r\n"


# --- goal labels and queries ---------------------------------------------------------------------


@pytest.mark.django_db
def test_goal_labels_name_goals_and_their_focus_areas_in_the_active_language():
    i1, n2 = goal("I1"), goal("N2")

    with translation.override("nn"):
        labels = goal_labels(plan_in_force().id)

    assert len(labels.titles) == 9
    assert labels.titles[i1.id] == f"I1 {i1.title_nn}"
    assert labels.tracks[i1.id] == Track(
        name=i1.focus_area.title_nn, colour=i1.focus_area.colour.lower()
    )
    assert labels.tracks[n2.id].name == n2.focus_area.title_nn
    assert labels.tracks[i1.id] != labels.tracks[n2.id]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_exports_need_one_query_for_any_number_of_items(count, django_assert_num_queries):
    goals = [goal("I1").id, goal("S2").id, goal("N3").id]
    items = [
        make_item(
            60 + n,
            f"2027-03-2{7 + n}T09:00:00+00:00",
            f"2027-03-2{7 + n}T10:00:00+00:00",
            goals=[goals[n]],
        )
        for n in range(count)
    ]
    snapshot = make_snapshot(items=items)
    plan_id = plan_in_force().id

    with django_assert_num_queries(1):
        labels = goal_labels(plan_id)
        csv_text = programme_csv(snapshot, goal_titles=labels.titles)
        schedule = json.loads(frab_json(snapshot, **frab_kwargs(tracks=labels.tracks)))
        document = etree.fromstring(frab_xml(snapshot, **frab_kwargs(tracks=labels.tracks)))
        calendar = ics(snapshot)

    assert len(read_csv(csv_text)) == count + 1
    assert len(schedule["schedule"]["conference"]["tracks"]) == count
    assert json_errors(schedule) == []
    assert xml_errors(document) == []
    assert len(events(calendar)) == count


def test_schema_checks_would_catch_a_broken_export():
    """Control: the validators reject what an export must never write."""
    data = json.loads(frab_json(make_snapshot(), **frab_kwargs()))
    [green] = data["schedule"]["conference"]["days"][0]["rooms"]["Storsalen"]
    green["date"] = "27.03.2027 10:00"
    del green["guid"]
    document = etree.fromstring(frab_xml(make_snapshot(), **frab_kwargs()))
    document.find("day/room/event/slug").text = "Ugyldig slug"
    document.find("day/room/event").set("guid", "41")

    assert json_errors(data) == [
        "['schedule', 'conference', 'days', 0, 'rooms', 'Storsalen', 0, 'date']: "
        "'27.03.2027 10:00' is not a 'date-time'",
        "['schedule', 'conference', 'days', 0, 'rooms', 'Storsalen', 0]: "
        "'guid' is a required property",
    ]
    assert [error.split(": [facet")[0] for error in xml_errors(document)] == [
        "19: Element 'event', attribute 'guid'",
        "24: Element 'slug'",
    ]
