import factory
from allauth.account.models import EmailAddress

from partners.enums import MembershipRole, Sector
from partners.models import MemberInvitation, Membership, Network, Organisation, User

PASSWORD = "correct-horse-battery"
# The authenticator-app secret (base32) of every adviser the factories make: advisers must use two
# factors, and tests compute the current code from it (tests.support.two_factor).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol_authenticator(user, secret: str = TOTP_SECRET):
    """Give ``user`` an authenticator app, as allauth's set-up page does."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)


def county() -> Organisation:
    """Telemark fylkeskommune, created by the partners data migration."""
    return Organisation.objects.get(slug="telemark-fylkeskommune")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    first_name = "Kari"
    last_name = factory.Sequence(lambda n: f"Nordmann{n}")
    language = "nb"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        user.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    slug = factory.Sequence(lambda n: f"organisasjon-{n}")
    sector = Sector.BUSINESS
    written_standard = "nb"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.EDITOR
    is_adviser = False

    @factory.post_generation
    def two_factor(membership, create, extracted, **kwargs):
        """Advisers get an authenticator app unless ``two_factor=False``."""
        if create and membership.is_adviser and extracted is not False:
            enrol_authenticator(membership.user)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Nettverk {n}")
    slug = factory.Sequence(lambda n: f"nettverk-{n}")
    description_nb = "Et fagnettverk."
    description_nn = "Eit fagnettverk."

    @factory.post_generation
    def goals(network, create, extracted, **kwargs):
        if create and extracted:
            network.goals.set(extracted)


class MemberInvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation into an organisation (as partners.domain.invite_member makes them,
    without the email)."""

    class Meta:
        model = MemberInvitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitert{n}@example.no")
    role = MembershipRole.EDITOR
    language = "nb"
