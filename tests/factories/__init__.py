from tests.factories.conferences import (
    ConferenceFactory,
    ConferencePartnerFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.factories.followup import CommitmentFactory, PriorityFactory
from tests.factories.partners import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    county,
)
from tests.factories.registration import RegistrationFactory, open_registration, parallel_slot
from tests.factories.telemarksplanen import goal, plan_in_force

__all__ = [
    "ConferenceFactory",
    "CommitmentFactory",
    "ConferencePartnerFactory",
    "MembershipFactory",
    "NetworkFactory",
    "OrganisationFactory",
    "PriorityFactory",
    "RegistrationFactory",
    "RoomFactory",
    "SessionFactory",
    "SpeakerFactory",
    "UserFactory",
    "county",
    "goal",
    "open_registration",
    "parallel_slot",
    "plan_in_force",
]
