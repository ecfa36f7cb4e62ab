"""The conflict check of the timetable (conferences.domain.conflicts): every kind of conflict, the
edges of the half-open time intervals, the messages and the order of the result. Plain data, no
database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from conferences.domain.conflicts import Conflict, Placed, find_conflicts

OSLO = ZoneInfo("Europe/Oslo")
FIRST_DAY, LAST_DAY = dt.date(2031, 4, 22), dt.date(2031, 4, 23)
ROOMS = {1: ("Storsalen", 300), 2: ("Lillesalen", 40)}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in April 2031, Norwegian time."""
    return dt.datetime(2031, 4, day, hour, minute, tzinfo=OSLO)


def placed(item_id: int, title: str, start: dt.datetime, *, room: int = 1, **fields) -> Placed:
    name, capacity = ROOMS[room]
    values = {"duration": 45, "room_id": room, "room_name": name, "room_capacity": capacity}
    values.update(fields)
    return Placed(id=item_id, title=title, start=start, **values)


def conflicts(items: list[Placed]) -> list[Conflict]:
    return find_conflicts(items, first_day=FIRST_DAY, last_day=LAST_DAY)


# --- room -----------------------------------------------------------------------------------------


def test_find_conflicts_room_two_items_overlapping_in_one_room():
    items = [
        placed(1, "Grønn omstilling", at(22, 10)),
        placed(2, "Ny teknologi", at(22, 10, 30)),
    ]

    found = conflicts(items)

    assert found == [
        Conflict(
            "room", (1, 2), "“Grønn omstilling” and “Ny teknologi” are both in Storsalen at 10:30."
        )
    ]
    assert found[0].label == "Two items in one room at once"


def test_find_conflicts_room_touching_end_and_start_is_no_conflict():
    items = [
        placed(1, "Grønn omstilling", at(22, 10), duration=45),
        placed(2, "Ny teknologi", at(22, 10, 45)),
    ]

    assert conflicts(items) == []


def test_find_conflicts_room_same_time_in_two_rooms_is_no_conflict():
    items = [
        placed(1, "Grønn omstilling", at(22, 10), room=1),
        placed(2, "Ny teknologi", at(22, 10), room=2),
    ]

    assert conflicts(items) == []


def test_find_conflicts_room_all_rooms_item_clashes_with_an_item_in_another_room():
    items = [
        placed(1, "Opning", at(22, 9), duration=60, room=1, all_rooms=True),
        placed(2, "Verkstad", at(22, 9, 30), room=2),
    ]

    assert conflicts(items) == [
        Conflict("room", (1, 2), "“Opning” and “Verkstad” are both in all rooms at 09:30.")
    ]


def test_find_conflicts_room_all_rooms_item_in_the_same_room_names_the_room():
    items = [
        placed(1, "Opning", at(22, 9), duration=60, room=1, all_rooms=True),
        placed(2, "Verkstad", at(22, 9, 30), room=1),
    ]

    assert conflicts(items) == [
        Conflict("room", (1, 2), "“Opning” and “Verkstad” are both in Storsalen at 09:30.")
    ]


def test_find_conflicts_room_all_rooms_items_touching_is_no_conflict():
    items = [
        placed(1, "Opning", at(22, 9), duration=60, room=1, all_rooms=True),
        placed(2, "Verkstad", at(22, 10), room=2),
        placed(3, "Lunsj", at(22, 10, 45), duration=45, room=1, all_rooms=True),
    ]

    assert conflicts(items) == []


def test_find_conflicts_room_three_items_overlapping_pairwise_give_exactly_three_pairs():
    items = [
        placed(3, "C", at(22, 10, 30), duration=60),
        placed(1, "A", at(22, 10), duration=60),
        placed(2, "B", at(22, 10, 15), duration=60),
    ]

    found = conflicts(items)

    assert [(c.kind, c.items) for c in found] == [
        ("room", (1, 2)),
        ("room", (1, 3)),
        ("room", (2, 3)),
    ]


def test_find_conflicts_room_only_overlapping_pairs_of_a_long_item_and_two_short_ones():
    items = [
        placed(1, "Lang økt", at(22, 9), duration=180),
        placed(2, "Kort 1", at(22, 9, 30), duration=30),
        placed(3, "Kort 2", at(22, 10, 30), duration=30),
    ]

    assert [c.items for c in conflicts(items)] == [(1, 2), (1, 3)]


# --- speaker --------------------------------------------------------------------------------------


def test_find_conflicts_speaker_same_person_in_two_rooms_at_once():
    items = [
        placed(
            1,
            "Grønn omstilling",
            at(22, 10),
            room=1,
            speakers=frozenset({"kari@example.no"}),
            speaker_names={"kari@example.no": "Kari Nordmann"},
        ),
        placed(
            2,
            "Ny teknologi",
            at(22, 10, 30),
            room=2,
            speakers=frozenset({"kari@example.no", "ola@example.no"}),
            speaker_names={"kari@example.no": "Kari Nordmann", "ola@example.no": "Ola Vik"},
        ),
    ]

    found = conflicts(items)

    assert found == [
        Conflict(
            "speaker",
            (1, 2),
            "Kari Nordmann speaks in “Grønn omstilling” and in “Ny teknologi” at the same time.",
        )
    ]
    assert found[0].label == "A speaker in two places at once"


def test_find_conflicts_speaker_in_two_co_owned_items_is_the_same_key():
    # one speaker row without an email, linked to two items owned by different partners
    items = [
        placed(1, "Frå NHO", at(22, 10), room=1, speakers=frozenset({7})),
        placed(
            2,
            "Frå Skien kommune",
            at(22, 10),
            room=2,
            speakers=frozenset({7}),
            speaker_names={7: "Åse Bø"},
        ),
    ]

    assert conflicts(items) == [
        Conflict(
            "speaker",
            (1, 2),
            "Åse Bø speaks in “Frå NHO” and in “Frå Skien kommune” at the same time.",
        )
    ]


def test_find_conflicts_speaker_without_a_name_is_shown_by_key():
    items = [
        placed(1, "A", at(22, 10), room=1, speakers=frozenset({7})),
        placed(2, "B", at(22, 10), room=2, speakers=frozenset({7})),
    ]

    assert [c.message for c in conflicts(items)] == ["7 speaks in “A” and in “B” at the same time."]


def test_find_conflicts_speaker_different_people_or_later_item_is_no_conflict():
    items = [
        placed(1, "A", at(22, 10), room=1, speakers=frozenset({"kari@example.no"})),
        placed(2, "B", at(22, 10), room=2, speakers=frozenset({"ola@example.no"})),
        placed(3, "C", at(22, 10, 45), room=2, speakers=frozenset({"kari@example.no"})),
    ]

    assert conflicts(items) == []


def test_find_conflicts_speaker_and_room_for_the_same_pair_in_one_room():
    items = [
        placed(1, "A", at(22, 10), speakers=frozenset({"kari@example.no"})),
        placed(2, "B", at(22, 10, 30), speakers=frozenset({"kari@example.no"})),
    ]

    assert [(c.kind, c.items) for c in conflicts(items)] == [
        ("room", (1, 2)),
        ("speaker", (1, 2)),
    ]


# --- slot -----------------------------------------------------------------------------------------


def test_find_conflicts_slot_item_ending_after_its_slot():
    item = placed(1, "Grønn omstilling", at(22, 10, 30), slot_start=at(22, 10), slot_end=at(22, 11))

    found = conflicts([item])

    assert found == [
        Conflict(
            "slot",
            (1,),
            "“Grønn omstilling” (10:30–11:15) does not fit its time slot 10:00–11:00.",
        )
    ]
    assert found[0].label == "Item does not fit its time slot"


def test_find_conflicts_slot_item_starting_before_its_slot():
    item = placed(
        1,
        "Grønn omstilling",
        at(22, 9, 45),
        duration=30,
        slot_start=at(22, 10),
        slot_end=at(22, 11),
    )

    assert conflicts([item]) == [
        Conflict(
            "slot",
            (1,),
            "“Grønn omstilling” (09:45–10:15) does not fit its time slot 10:00–11:00.",
        )
    ]


def test_find_conflicts_slot_item_filling_its_slot_exactly_is_no_conflict():
    item = placed(
        1, "Grønn omstilling", at(22, 10), duration=60, slot_start=at(22, 10), slot_end=at(22, 11)
    )

    assert conflicts([item]) == []


def test_find_conflicts_slot_item_without_a_slot_is_not_checked():
    assert conflicts([placed(1, "Laus post", at(22, 10), duration=600)]) == []


# --- capacity -------------------------------------------------------------------------------------


def test_find_conflicts_capacity_audience_larger_than_the_room():
    item = placed(1, "Grønn omstilling", at(22, 10), room=2, audience=41)

    found = conflicts([item])

    assert found == [
        Conflict("capacity", (1,), "“Grønn omstilling” expects 41 people; Lillesalen holds 40.")
    ]
    assert found[0].label == "More people than the room holds"


@pytest.mark.parametrize("audience", [40, 1, None])
def test_find_conflicts_capacity_audience_up_to_the_room_size_is_fine(audience):
    item = placed(1, "Grønn omstilling", at(22, 10), room=2, audience=audience)

    assert conflicts([item]) == []


# --- days -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start,duration",
    [
        (at(21, 10), 45),  # the day before the first day
        (at(24, 10), 45),  # the day after the last day
        (at(23, 23, 30), 60),  # on the last day, crossing midnight into the next
        (at(21, 23, 30), 60),  # from the evening before into the first day
    ],
)
def test_find_conflicts_days_item_outside_the_conference_days(start, duration):
    item = placed(1, "Grønn omstilling", start, duration=duration)

    found = conflicts([item])

    assert found == [Conflict("days", (1,), "“Grønn omstilling” is outside the conference days.")]
    assert found[0].label == "Item outside the conference days"


@pytest.mark.parametrize(
    "start,duration",
    [
        (at(22, 0), 45),  # first minute of the first day
        (at(23, 23), 60),  # ends exactly at midnight after the last day
        (at(22, 23, 30), 60),  # crosses midnight between the two days
        # 23:30 UTC the evening before is 01:30 in Oslo on the first day
        (dt.datetime(2031, 4, 21, 23, 30, tzinfo=dt.UTC), 45),
    ],
)
def test_find_conflicts_days_item_inside_the_conference_days_is_fine(start, duration):
    assert conflicts([placed(1, "Grønn omstilling", start, duration=duration)]) == []


# --- order and language ---------------------------------------------------------------------------


def every_kind() -> list[Placed]:
    return [
        placed(5, "Etter", at(24, 9)),  # days
        placed(4, "Stor", at(22, 14), room=2, audience=80),  # capacity
        placed(3, "Lang", at(22, 12), duration=90, slot_start=at(22, 12), slot_end=at(22, 13)),
        placed(2, "B", at(22, 10, 30), speakers=frozenset({"kari@example.no"})),
        placed(1, "A", at(22, 10), speakers=frozenset({"kari@example.no"})),
        placed(6, "Også lang", at(22, 8), duration=600, slot_start=at(22, 8), slot_end=at(22, 9)),
    ]


def test_find_conflicts_result_is_ordered_by_kind_then_by_time():
    found = conflicts(every_kind())

    assert [(c.kind, c.items) for c in found] == [
        ("room", (6, 1)),
        ("room", (6, 2)),
        ("room", (1, 2)),
        ("room", (6, 3)),
        ("speaker", (1, 2)),
        ("slot", (6,)),
        ("slot", (3,)),
        ("capacity", (4,)),
        ("days", (5,)),
    ]


def test_find_conflicts_result_does_not_depend_on_the_input_order():
    forwards = conflicts(every_kind())

    backwards = conflicts(list(reversed(every_kind())))

    assert backwards == forwards


def test_find_conflicts_no_items_no_conflicts():
    assert conflicts([]) == []


def test_find_conflicts_messages_and_labels_in_nynorsk():
    kari = {
        "speakers": frozenset({"kari@example.no"}),
        "speaker_names": {"kari@example.no": "Kari Nordmann"},
    }
    items = [
        placed(1, "Opning", at(22, 9), duration=60, room=1, all_rooms=True, **kari),
        placed(
            2,
            "Verkstad",
            at(22, 9, 30),
            room=2,
            audience=41,
            slot_start=at(22, 9),
            slot_end=at(22, 10),
            **kari,
        ),
        placed(3, "Etterpå", at(24, 9)),
    ]

    with translation.override("nn"):
        found = conflicts(items)
        labels = [c.label for c in found]

    assert [c.message for c in found] == [
        "«Opning» og «Verkstad» er begge i alle salar kl. 09:30.",
        "Kari Nordmann skal snakke i «Opning» og i «Verkstad» samtidig.",
        "«Verkstad» (09:30–10:15) passar ikkje i tidsbolken 09:00–10:00.",
        "«Verkstad» ventar 41 deltakarar; Lillesalen har plass til 40.",
        "«Etterpå» ligg utanfor konferansedagane.",
    ]
    assert labels == [
        "To postar i same sal samtidig",
        "Ein innleiar to stader samtidig",
        "Posten passar ikkje i tidsbolken",
        "Fleire deltakarar enn salen har plass til",
        "Post utanfor konferansedagane",
    ]
