import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from conferences.models import Conference, Room
from moteplass.audit import history_for
from tests.factories import RoomFactory, goal, plan_in_force

pytestmark = pytest.mark.django_db


def conference_data(**overrides):
    data = {
        "title": "Møteplass Telemark 2032",
        "year": "2032",
        "slug": "moteplass-telemark-2032",
        "start_date": "2032-04-21",
        "end_date": "2032-04-22",
        "venue": "Bø Hotell, Midt-Telemark",
        "description_nb": "Konferansen for regionale aktører.",
        "description_nn": "Konferansen for regionale aktørar.",
        "description_en": "",
        "plan": str(plan_in_force().pk),
        "goals_in_focus": [str(goal("I1").pk), str(goal("N1").pk)],
        "status": "draft",
        "capacity": "250",
        "registration_opens": "2032-01-10T09:00",
        "registration_closes": "2032-04-01T23:59",
    }
    data.update(overrides)
    return data


def test_adviser_creates_conference_organised_by_the_county(client, adviser):
    client.force_login(adviser)
    response = client.post(reverse("conference_create"), conference_data())
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("conference_edit", args=[conference.slug])
    assert (conference.title, conference.organiser.slug, conference.capacity) == (
        "Møteplass Telemark 2032",
        "telemark-fylkeskommune",
        250,
    )
    assert sorted(conference.goals_in_focus.values_list("code", flat=True)) == ["I1", "N1"]
    assert [entry.action for entry in history_for(conference)] == ["conferences.conference.create"]


def test_adviser_sets_the_call_for_proposals(client, adviser):
    client.force_login(adviser)
    client.post(reverse("conference_create"), conference_data())
    data = conference_data(
        call_opens="2031-09-01T09:00",
        call_closes="2031-11-01T12:00",
        call_guidance_nb="Send inn forslag.",
        call_guidance_nn="Send inn framlegg.",
        changes_lock="2032-04-01T12:00",
        programme_shared="on",
    )
    response = client.post(reverse("conference_edit", args=["moteplass-telemark-2032"]), data)

    assert response.status_code == 302
    conference = Conference.objects.get()
    with translation.override("nn"):
        assert conference.call_guidance == "Send inn framlegg."
    assert conference.call_closes.isoformat() == "2031-11-01T11:00:00+00:00"  # 12:00 in Oslo
    assert conference.programme_shared is True
    changed = [row["field"] for row in history_for(conference).first().changes]
    assert changed == [
        "call_opens",
        "call_closes",
        "call_guidance_nb",
        "call_guidance_nn",
        "changes_lock",
        "programme_shared",
    ]


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"end_date": "2032-04-20"}, "end_date", "The last day cannot be before the first day."),
        (
            {"registration_closes": "2032-01-01T09:00"},
            "registration_closes",
            "Registration must close after it opens.",
        ),
        ({"year": "2031"}, "year", "The year must be the year of the first day."),
        ({"capacity": "-5"}, "capacity", "Ensure this value is greater than or equal to 0."),
        ({"start_date": "22.04.2032x"}, "start_date", "Enter a valid date."),
        ({"title": ""}, "title", "This field is required."),
        (
            {"call_opens": "2031-09-01T09:00", "call_closes": "2031-08-01T12:00"},
            "call_closes",
            "The call for proposals must close after it opens.",
        ),
        ({"call_guidance_nn": "x" * 4001}, "call_guidance_nn", None),
    ],
)
def test_invalid_conference_shows_error_next_to_field_and_creates_nothing(
    client, adviser, overrides, field, message
):
    client.force_login(adviser)
    client.cookies["moteplass_language"] = "en"
    adviser.language = "en"
    adviser.save()
    response = client.post(reverse("conference_create"), conference_data(**overrides))
    assert response.status_code == 200
    if message is None:
        message = "Ensure this value has at most 4000 characters (it has 4001)."
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert Conference.objects.count() == 0


def test_duplicate_slug_is_a_form_error(client, adviser, conference):
    client.force_login(adviser)
    response = client.post(reverse("conference_create"), conference_data(slug=conference.slug))
    assert response.status_code == 200
    with translation.override("en"):
        assert response.context["form"].errors["slug"] == [
            "Conference with this Short name already exists."
        ]
    assert Conference.objects.count() == 1


def test_adviser_edits_conference_and_change_is_logged(client, adviser, conference):
    client.force_login(adviser)
    data = conference_data(
        title=conference.title,
        slug=conference.slug,
        year=str(conference.year),
        start_date=str(conference.start_date),
        end_date=str(conference.end_date),
        registration_opens="",
        registration_closes="",
        venue="Quality Hotel Skjærgården",
        status="published",
    )
    response = client.post(reverse("conference_edit", args=[conference.slug]), data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.venue == "Quality Hotel Skjærgården"
    entry = history_for(conference).get()
    venue_change = next(c for c in entry.changes if c["field"] == "venue")
    assert (venue_change["before"], venue_change["after"]) == (
        "Ibsenhuset, Skien",
        "Quality Hotel Skjærgården",
    )


def test_adviser_adds_edits_and_deletes_a_room(client, adviser, conference):
    client.force_login(adviser)
    rooms_url = reverse("room_list", args=[conference.slug])
    response = client.post(
        rooms_url,
        {"name": "Salong 1", "capacity": "60", "accessibility_nb": "Teleslynge", "order": "1"},
    )
    assert response.status_code == 302
    room = Room.objects.get()
    assert (room.name, room.capacity, room.accessibility_nb) == ("Salong 1", 60, "Teleslynge")
    response = client.post(
        reverse("room_edit", args=[conference.slug, room.pk]),
        {"name": "Salong A", "capacity": "70", "order": "1"},
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Salong A", 70)
    response = client.post(reverse("room_delete", args=[conference.slug, room.pk]))
    assert response.status_code == 302
    assert Room.objects.count() == 0
    assert [e.action for e in history_for(conference)] == ["conferences.room.delete"]


def test_room_name_must_be_unique_within_conference(client, adviser, conference):
    RoomFactory(conference=conference, name="Storsalen")
    client.force_login(adviser)
    response = client.post(
        reverse("room_list", args=[conference.slug]),
        {"name": "Storsalen", "capacity": "10", "order": "0"},
    )
    assert response.status_code == 200
    with translation.override("en"):
        assert response.context["form"].errors["name"] == [
            "This conference already has a room called Storsalen."
        ]
    assert Room.objects.count() == 1


def test_partner_sees_conference_settings_read_only(client, editor, conference):
    client.force_login(editor)
    response = client.get(reverse("conference_edit", args=[conference.slug]))
    assert response.status_code == 200
    assert response.context["read_only"] is True
    assert all(field.disabled for field in response.context["form"].fields.values())


def test_partner_post_to_conference_is_forbidden_and_changes_nothing(client, editor, conference):
    client.force_login(editor)
    before = Conference.objects.values().get(pk=conference.pk)
    response = client.post(
        reverse("conference_edit", args=[conference.slug]), conference_data(slug=conference.slug)
    )
    assert response.status_code == 403
    assert Conference.objects.values().get(pk=conference.pk) == before


def test_conference_dates_are_a_database_constraint(conference):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Conference.objects.filter(pk=conference.pk).update(
            end_date=conference.start_date - dt.timedelta(days=1)
        )
