"""Registrations and parallel sessions to sign up for."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from conferences.enums import RegistrationState, SessionFormat
from conferences.models import Registration, TimeSlot
from tests.factories.conferences import ConferenceFactory, RoomFactory, SessionFactory
from tests.factories.telemarksplanen import goal

OSLO = ZoneInfo("Europe/Oslo")


def open_registration(conference, *, capacity=None, **fields):
    """Registration open from yesterday until ten days from now (the conference lies ahead)."""
    now = timezone.now()
    conference.registration_opens = now - dt.timedelta(days=1)
    conference.registration_closes = now + dt.timedelta(days=10)
    if capacity is not None:
        conference.capacity = capacity
    for name, value in fields.items():
        setattr(conference, name, value)
    conference.save()
    return conference


def parallel_slot(conference, *, hour=10, capacities=(20, 20), day=None, titles=None):
    """A time slot on the conference's first day with one placed workshop per capacity."""
    day = day or conference.start_date
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=OSLO)
    slot = TimeSlot.objects.create(
        conference=conference, start=start, end=start + dt.timedelta(minutes=60)
    )
    sessions = []
    for index, capacity in enumerate(capacities):
        room = RoomFactory(conference=conference, capacity=max(capacity or 100, 1))
        sessions.append(
            SessionFactory(
                conference=conference,
                title=titles[index] if titles else f"Verkstad {hour}.{index + 1}",
                format=SessionFormat.WORKSHOP,
                duration=60,
                room=room,
                slot=slot,
                start=start,
                capacity=capacity,
                goals=[goal("I1")],
            )
        )
    return slot, sessions


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration written straight to the table (tests of reading and views)."""

    class Meta:
        model = Registration

    conference = factory.SubFactory(ConferenceFactory)
    state = RegistrationState.CONFIRMED
    first_name = factory.Sequence(lambda n: f"Deltakar{n}")
    last_name = "Nordmann"
    email = factory.Sequence(lambda n: f"deltakar{n}@example.no")
    language = "nb"
    waitlisted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.state == RegistrationState.WAITLISTED else None
    )
