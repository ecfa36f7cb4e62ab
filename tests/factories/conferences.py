import datetime as dt

import factory

from conferences.enums import ConferenceStatus, SessionFormat, SessionState
from conferences.models import Conference, ConferencePartner, Room, Session, Speaker
from tests.factories.partners import OrganisationFactory, county
from tests.factories.telemarksplanen import plan_in_force


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    title = factory.Sequence(lambda n: f"Møteplass Telemark {2030 + n}")
    year = factory.Sequence(lambda n: 2030 + n)
    slug = factory.Sequence(lambda n: f"moteplass-{2030 + n}")
    start_date = factory.LazyAttribute(lambda o: dt.date(o.year, 4, 22))
    end_date = factory.LazyAttribute(lambda o: dt.date(o.year, 4, 23))
    venue = "Ibsenhuset, Skien"
    description_nb = "Årets møteplass."
    description_nn = "Årets møteplass."
    organiser = factory.LazyFunction(county)
    plan = factory.LazyFunction(plan_in_force)
    status = ConferenceStatus.PUBLISHED
    capacity = 300


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Sal {n}")
    capacity = 60


class ConferencePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferencePartner

    conference = factory.SubFactory(ConferenceFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Taler {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A content session; pass ``goals=[...]`` (required for content formats by the domain)."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Programpost {n}")
    abstract = "Kort om posten."
    format = SessionFormat.PARALLEL
    duration = 45
    owner = factory.SubFactory(OrganisationFactory)
    state = SessionState.ACCEPTED

    @factory.post_generation
    def goals(session, create, extracted, **kwargs):
        if create and extracted:
            session.goals.set(extracted)
