"""Priorities and commitments written straight to the tables (tests of reading and views; the
domain tests go through conferences.domain.followup)."""

import datetime as dt

import factory

from conferences.enums import CommitmentState
from conferences.models import Commitment, Priority
from tests.factories.conferences import ConferenceFactory
from tests.factories.partners import OrganisationFactory
from tests.factories.telemarksplanen import goal


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority
        skip_postgeneration_save = True

    conference = factory.SubFactory(ConferenceFactory)
    title_nb = factory.Sequence(lambda n: f"Prioritering {n}")
    title_nn = factory.Sequence(lambda n: f"Prioritering {n}")
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def goals(priority, create, extracted, **kwargs):
        if create:
            priority.goals.set(extracted if extracted is not None else [goal("I1")])

    @factory.post_generation
    def sessions(priority, create, extracted, **kwargs):
        if create and extracted:
            priority.sessions.set(extracted)


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A planned commitment of an organisation, due half a year after the conference."""

    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    priority = factory.SubFactory(PriorityFactory)
    title_nb = factory.Sequence(lambda n: f"Oppfølgingspunkt {n}")
    title_nn = factory.Sequence(lambda n: f"Oppfølgingspunkt {n}")
    responsible_organisation = factory.LazyAttribute(
        lambda o: None if o.responsible_network else OrganisationFactory()
    )
    responsible_network = None
    due_date = factory.LazyAttribute(
        lambda o: o.priority.conference.end_date + dt.timedelta(days=180)
    )
    state = CommitmentState.PLANNED

    @factory.post_generation
    def contributors(commitment, create, extracted, **kwargs):
        if create and extracted:
            commitment.contributors.set(extracted)
