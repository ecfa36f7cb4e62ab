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
    "rival_editor",
    "removed_editor",
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
def rival_org(conference):
    """A second partner organisation of the same conference."""
    organisation = OrganisationFactory(name="Skien kommune", slug="skien", sector="kommune")
    ConferencePartnerFactory(conference=conference, organisation=organisation)
    return organisation


@pytest.fixture
def rival_editor(rival_org):
    """A partner editor of another organisation taking part in the same conference."""
    user = UserFactory(email="rival@example.no")
    MembershipFactory(user=user, organisation=rival_org, role=MembershipRole.EDITOR)
    return user


@pytest.fixture
def removed_editor(partner_org):
    """An editor of the partner organisation whose membership is removed after logging in (see
    client_as): mid-session, the next request must already be refused."""
    user = UserFactory(email="fjernet@example.no")
    MembershipFactory(user=user, organisation=partner_org, role=MembershipRole.EDITOR)
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
        if role == "removed_editor":
            user.memberships.all().delete()
        return client

    return log_in
