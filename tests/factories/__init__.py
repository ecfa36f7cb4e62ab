from tests.factories.conferences import (
    ConferenceFactory,
    ConferencePartnerFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.factories.partners import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    county,
)
from tests.factories.telemarksplanen import goal, plan_in_force

__all__ = [
    "ConferenceFactory",
    "ConferencePartnerFactory",
    "MembershipFactory",
    "NetworkFactory",
    "OrganisationFactory",
    "RoomFactory",
    "SessionFactory",
    "SpeakerFactory",
    "UserFactory",
    "county",
    "goal",
    "plan_in_force",
]
