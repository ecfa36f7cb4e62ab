"""Who may see and change a commitment (conferences/rules.py, Commitment.Meta.rules_permissions)
and who may read the follow-up report."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from conferences.models import Commitment
from partners.enums import MembershipRole
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db

CHANGE = "conferences.change_commitment"
VIEW = "conferences.view_commitment"
REPORT = "conferences.view_report"


@pytest.fixture
def priority(conference):
    return PriorityFactory(conference=conference)


@pytest.fixture
def commitment(priority, partner_org):
    return CommitmentFactory(priority=priority, responsible_organisation=partner_org)


@pytest.fixture
def lead():
    return OrganisationFactory(name="Vinje kommune", slug="vinje")


@pytest.fixture
def network_member():
    return OrganisationFactory(name="Tokke kommune", slug="tokke")


@pytest.fixture
def network(lead, network_member):
    network = NetworkFactory(name="Klima- og miljønettverket", lead=lead)
    network.organisations.set([lead, network_member])
    return network


def member_of(organisation, role=MembershipRole.EDITOR):
    return MembershipFactory(organisation=organisation, role=role).user


def test_change_commitment_for_each_role(
    commitment, adviser, other_adviser, editor, coordinator, rival_editor, other_editor,
    participant,
):  # fmt: skip
    people = {
        "adviser": adviser,
        "other_adviser": other_adviser,
        "editor": editor,
        "coordinator": coordinator,
        "rival_editor": rival_editor,
        "other_editor": other_editor,
        "participant": participant,
        "anonymous": AnonymousUser(),
    }

    allowed = {role: user.has_perm(CHANGE, commitment) for role, user in people.items()}

    assert allowed == {
        "adviser": True,
        "other_adviser": False,
        "editor": True,
        "coordinator": True,
        "rival_editor": False,
        "other_editor": False,
        "participant": False,
        "anonymous": False,
    }


def test_change_commitment_ends_with_the_membership(commitment, editor):
    editor.memberships.all().delete()
    fresh = type(editor).objects.get(pk=editor.pk)

    assert fresh.has_perm(CHANGE, commitment) is False


def test_change_commitment_not_for_an_inactive_member(commitment, editor):
    editor.is_active = False
    editor.save()

    assert editor.has_perm(CHANGE, commitment) is False


def test_change_network_commitment_for_the_coordinating_organisation_only(
    priority, network, lead, network_member, adviser
):
    commitment = CommitmentFactory(priority=priority, responsible_network=network)

    allowed = {
        "lead editor": member_of(lead).has_perm(CHANGE, commitment),
        "lead coordinator": member_of(lead, MembershipRole.COORDINATOR).has_perm(
            CHANGE, commitment
        ),
        "other network member": member_of(network_member, MembershipRole.COORDINATOR).has_perm(
            CHANGE, commitment
        ),
        "adviser": adviser.has_perm(CHANGE, commitment),
    }

    assert allowed == {
        "lead editor": True,
        "lead coordinator": True,
        "other network member": False,
        "adviser": True,
    }


def test_change_network_commitment_without_a_lead_is_for_advisers_only(
    priority, network, lead, network_member, adviser
):
    network.lead = None
    network.save()
    commitment = CommitmentFactory(priority=priority, responsible_network=network)

    allowed = [
        member_of(lead, MembershipRole.COORDINATOR).has_perm(CHANGE, commitment),
        member_of(network_member, MembershipRole.COORDINATOR).has_perm(CHANGE, commitment),
        adviser.has_perm(CHANGE, commitment),
    ]

    assert allowed == [False, False, True]


def test_view_commitment_for_partners_and_advisers_before_the_report_is_published(
    commitment, adviser, other_adviser, rival_editor, other_editor, participant
):
    seen = [
        adviser.has_perm(VIEW, commitment),
        rival_editor.has_perm(VIEW, commitment),
        other_adviser.has_perm(VIEW, commitment),
        other_editor.has_perm(VIEW, commitment),
        participant.has_perm(VIEW, commitment),
        AnonymousUser().has_perm(VIEW, commitment),
    ]

    assert seen == [True, True, False, False, False, False]


def test_view_commitment_for_the_responsible_organisation_outside_the_partners(priority):
    outsider = OrganisationFactory(name="Frivillighet Norge")
    commitment = CommitmentFactory(priority=priority, responsible_organisation=outsider)

    assert member_of(outsider).has_perm(VIEW, commitment) is True


def test_view_commitment_for_everyone_once_the_report_is_published(
    commitment, other_editor, participant
):
    conference = commitment.priority.conference
    conference.report_published_at = timezone.now()
    conference.save()

    seen = [
        other_editor.has_perm(VIEW, commitment),
        participant.has_perm(VIEW, commitment),
        AnonymousUser().has_perm(VIEW, commitment),
    ]

    assert seen == [True, True, True]


def test_publishing_the_report_gives_no_right_to_change(commitment, other_editor, rival_editor):
    conference = commitment.priority.conference
    conference.report_published_at = timezone.now()
    conference.save()

    assert [
        other_editor.has_perm(CHANGE, commitment),
        rival_editor.has_perm(CHANGE, commitment),
    ] == [
        False,
        False,
    ]


def test_view_report_for_advisers_until_published_then_everyone(
    conference, adviser, other_adviser, coordinator, participant
):
    people = [adviser, other_adviser, coordinator, participant, AnonymousUser()]

    before = [user.has_perm(REPORT, conference) for user in people]
    conference.report_published_at = timezone.now()
    conference.save()
    after = [user.has_perm(REPORT, conference) for user in people]

    assert before == [True, False, False, False, False]
    assert after == [True, True, True, True, True]


def test_view_and_manage_followup_of_the_conference(
    conference, adviser, other_adviser, coordinator, rival_editor, other_editor, participant
):
    people = [adviser, other_adviser, coordinator, rival_editor, other_editor, participant]

    view = [user.has_perm("conferences.view_followup", conference) for user in people]
    manage = [user.has_perm("conferences.manage_followup", conference) for user in people]

    assert view == [True, False, True, True, False, False]
    assert manage == [True, False, False, False, False, False]


def test_view_a_carried_over_commitment_publicly_while_its_first_report_is_published(commitment):
    """A commitment carried over to a next edition that has no public report yet stays public
    through its first edition's report; its own edition's other commitments do not."""
    later = PriorityFactory(conference=ConferenceFactory(year=2032, slug="moteplass-2032"))
    copy = CommitmentFactory(priority=later, carried_from=commitment)
    new = CommitmentFactory(priority=later)
    visitor = AnonymousUser()

    before = [visitor.has_perm(VIEW, c) for c in (copy, new)]
    conference = commitment.priority.conference
    conference.report_published_at = timezone.now()
    conference.save()
    copy = Commitment.objects.select_related("carried_from__priority__conference").get(pk=copy.pk)
    after = [visitor.has_perm(VIEW, c) for c in (copy, new)]

    assert before == [False, False]
    assert after == [True, False]
