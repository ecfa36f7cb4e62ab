"""The invitation pages do not run more queries when there are more people or messages
(house style rule 21)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.domain.invitations import draft_invitations
from conferences.enums import MailRole
from conferences.models import Invitation, OutboxMessage
from partners.models import Municipality
from tests.factories import (
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def invitation_list(conference, adviser, count):
    """``count`` invitees with every relation the list shows, their invitations drafted and
    half of them sent, and some answers."""
    nn_org = OrganisationFactory(written_standard="nn")
    vinje = Municipality.objects.get(name="Vinje")
    for n in range(count):
        Invitation.objects.create(
            conference=conference,
            first_name="Kari",
            last_name=f"Nordmann {n}",
            email=f"kari{n}@example.no",
            organisation=nn_org if n % 2 else None,
            organisation_name=nn_org.name if n % 2 else "",
            municipality=vinje,
            user=UserFactory(email=f"kari{n}@example.no") if n % 3 == 0 else None,
            answer="yes" if n % 4 == 1 else "pending",
            answered_at=timezone.now() if n % 4 == 1 else None,
        )
    draft_invitations(conference, by=adviser)
    sent = OutboxMessage.objects.order_by("pk").values_list("pk", flat=True)[: count // 2 + 1]
    OutboxMessage.objects.filter(pk__in=list(sent)).update(state="sent", sent_at=timezone.now())


@pytest.mark.parametrize("count", [10, 30])
def test_invitation_list_queries(client, adviser, conference, count, django_assert_num_queries):
    invitation_list(conference, adviser, count)
    client.force_login(adviser)
    # session, user, memberships (the roles), conference, figures, count for the pages, the page
    with django_assert_num_queries(7):
        response = client.get(reverse("invitations", args=[conference.slug]))
    assert len(response.context["rows"]) == count
    assert response.context["figures"]["invited"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_person_page_queries(client, adviser, conference, count, django_assert_num_queries):
    kari = Invitation.objects.create(
        conference=conference,
        first_name="Kari",
        last_name="Nordmann",
        email="kari@example.no",
        organisation=OrganisationFactory(written_standard="nn"),
        municipality=Municipality.objects.get(name="Vinje"),
        user=UserFactory(email="kari@example.no"),
    )
    for n in range(count):
        OutboxMessage.objects.create(
            conference=conference,
            role=MailRole.INVITATION if n == 0 else MailRole.INVITATION_REMINDER,
            to_email=kari.email,
            language="nn",
            subject=f"Melding {n}",
            body="…",
            about=kari,
        )
    client.force_login(adviser)
    # session, user, memberships (the roles), conference, the invitation, its messages
    with django_assert_num_queries(6):
        response = client.get(reverse("invitation_detail", args=[conference.slug, kari.pk]))
    assert len(response.context["outbox_messages"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_answer_page_queries(client, conference, count, django_assert_num_queries):
    invitations = [
        Invitation.objects.create(
            conference=conference,
            first_name="Kari",
            last_name=f"Nordmann {n}",
            email=f"kari{n}@example.no",
            organisation=OrganisationFactory(written_standard="nn"),
            municipality=Municipality.objects.get(name="Vinje"),
        )
        for n in range(count)
    ]
    # the invitation with its conference, organisation, municipality and account
    with django_assert_num_queries(1):
        response = client.get(reverse("invitation_answer", args=[invitations[-1].token]))
    assert response["Content-Language"] == "nn"


@pytest.mark.parametrize("count", [1, 3])
def test_members_page_queries(client, adviser, conference, count, django_assert_num_queries):
    for _ in range(count):
        partner = ConferencePartnerFactory(conference=conference)
        MembershipFactory(organisation=partner.organisation)
    client.force_login(adviser)
    # session, user, memberships (the roles), conference, organisations with member counts
    # (once to see whether there are any, once for the checkboxes)
    with django_assert_num_queries(6):
        response = client.get(reverse("invitation_members", args=[conference.slug]))
    assert len(response.context["form"].fields["organisations"].choices) == count
