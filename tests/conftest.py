"""Shared fixtures: one conference and a person for every role in product.md."""

import pytest
from django.core.cache import cache

from partners.enums import MembershipRole
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    RoomFactory,
    UserFactory,
    county,
)

ROLES = [
    "anonymous",
    "participant",
    "other_editor",
    "editor",
    "coordinator",
    "other_adviser",
    "adviser",
]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached values must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def conference(db):
    return ConferenceFactory(title="Møteplass Telemark 2031", slug="moteplass-2031", year=2031)


@pytest.fixture
def room(conference):
    return RoomFactory(conference=conference, name="Storsalen", capacity=300)


@pytest.fixture
def partner_org(conference):
    organisation = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho")
    ConferencePartnerFactory(conference=conference, organisation=organisation)
    return organisation


@pytest.fixture
def adviser(db):
    user = UserFactory(email="radgiver@example.no", first_name="Rita", last_name="Rådgiver")
    MembershipFactory(
        user=user, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    return user


@pytest.fixture
def coordinator(partner_org):
    user = UserFactory(email="koordinator@example.no")
    MembershipFactory(user=user, organisation=partner_org, role=MembershipRole.COORDINATOR)
    return user


@pytest.fixture
def editor(partner_org):
    user = UserFactory(email="redaktor@example.no")
    MembershipFactory(user=user, organisation=partner_org, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def other_editor(db):
    """A partner editor in an organisation that does not take part in the conference."""
    user = UserFactory(email="annen@example.no")
    MembershipFactory(
        user=user,
        organisation=OrganisationFactory(name="Vinje kommune", slug="vinje"),
        role=MembershipRole.EDITOR,
    )
    return user


@pytest.fixture
def other_adviser(db):
    """An adviser of another county authority: outside this conference and this plan."""
    user = UserFactory(email="radgiver@vestfoldfylke.example.no")
    MembershipFactory(
        user=user,
        organisation=OrganisationFactory(
            name="Vestfold fylkeskommune", slug="vestfold-fk", sector="fylkeskommune"
        ),
        role=MembershipRole.COORDINATOR,
        is_adviser=True,
    )
    return user


@pytest.fixture
def participant(db):
    return UserFactory(email="deltaker@example.no")


@pytest.fixture
def person(request):
    """The user for a role name from ROLES (None for anonymous)."""

    def get(role):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def client_as(client, person):
    def log_in(role):
        user = person(role)
        if user is not None:
            client.force_login(user)
        return client

    return log_in
