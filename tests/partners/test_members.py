"""Partner organisations' people: the members page, invitations by email, roles, removal and
the personal invitation link (issue 4)."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conferences.models import OutboxMessage
from moteplass.audit import history_for
from partners.domain import accept_invitation, invite_member
from partners.enums import MembershipRole
from partners.models import MemberInvitation, Membership, User
from partners.queries import organisations_managed_by
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.partners import MemberInvitationFactory

pytestmark = pytest.mark.django_db

COORDINATOR = MembershipRole.COORDINATOR
EDITOR = MembershipRole.EDITOR


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def members_url(organisation):
    return reverse("organisation_members", args=[organisation.slug])


def edit_url(membership):
    return reverse("member_edit", args=[membership.organisation.slug, membership.pk])


def join_url(invitation):
    return reverse("member_join", args=[invitation.token])


def in_english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


def state():
    return (
        list(Membership.objects.values().order_by("pk")),
        list(MemberInvitation.objects.values().order_by("pk")),
        list(OutboxMessage.objects.values().order_by("pk")),
    )


@pytest.fixture
def coordinator_client(client, coordinator):
    """The partner organisation's coordinator, reading the interface in English."""
    coordinator.first_name, coordinator.last_name = "Kim", "Koordinator"
    coordinator.save()
    client.force_login(in_english(coordinator))
    return client


# The members page ------------------------------------------------------------------------------


def test_members_page_lists_members_and_only_open_invitations(
    coordinator_client, partner_org, coordinator, editor
):
    MemberInvitationFactory(organisation=partner_org, email="apen@example.no", role=COORDINATOR)
    MemberInvitationFactory(
        organisation=partner_org,
        email="utlopt@example.no",
        expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    MemberInvitationFactory(
        organisation=partner_org, email="brukt@example.no", accepted_at=timezone.now()
    )
    MemberInvitationFactory(email="annen-org@example.no")

    response = coordinator_client.get(members_url(partner_org))

    assert response.status_code == 200
    assert [m.user.email for m in response.context["members"]] == [
        "koordinator@example.no",
        "redaktor@example.no",
    ]
    assert [(i.email, i.role) for i in response.context["invitations"]] == [
        ("apen@example.no", "coordinator")
    ]
    body = response.content.decode()
    assert "Kim Koordinator" in body
    assert "Partner coordinator" in body and "Partner editor" in body
    for hidden in ("utlopt@example.no", "brukt@example.no", "annen-org@example.no"):
        assert hidden not in body
    assert response.context["read_only"] is False
    assert f'href="{edit_url(editor.memberships.get())}"' in body


def test_coordinator_invites_a_person_and_the_email_is_queued_in_bokmal(
    coordinator_client, partner_org
):
    response = coordinator_client.post(
        members_url(partner_org),
        {
            "email": " Ny.Person@Example.no ",
            "first_name": "Nina",
            "last_name": "Ny",
            "role": "editor",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == members_url(partner_org)
    assert flashed(response) == ["An invitation has been sent to ny.person@example.no."]
    invitation = MemberInvitation.objects.get()
    assert (
        invitation.organisation,
        invitation.email,
        invitation.full_name,
        invitation.role,
        invitation.language,
        invitation.invited_by.email,
        invitation.accepted_at,
    ) == (
        partner_org,
        "ny.person@example.no",
        "Nina Ny",
        "editor",
        "nb",
        "koordinator@example.no",
        None,
    )
    assert len(invitation.token) == 43  # token_urlsafe(32): 256 bits
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=30)
    message = OutboxMessage.objects.get()
    assert (
        message.to_email,
        message.to_name,
        message.language,
        message.state,
        message.conference,
    ) == (
        "ny.person@example.no",
        "Nina Ny",
        "nb",
        "queued",
        None,
    )
    assert (
        message.subject == "Invitasjon: bli med i Møteplass Telemark for NHO Vestfold og Telemark"
    )
    assert message.body.startswith("Hei Nina Ny,\n\nKim Koordinator har invitert deg. ")
    assert (
        "Du er invitert til å være med i Møteplass Telemark som redaktør for "
        "NHO Vestfold og Telemark." in message.body
    )
    assert f"{settings.SITE_URL}/join/{invitation.token}/" in message.body
    assert "{" not in message.body
    assert [entry.action for entry in history_for(partner_org)] == ["partners.invitation.create"]


def test_invitation_email_is_in_nynorsk_for_a_nynorsk_organisation(client, adviser, conference):
    vinje = OrganisationFactory(name="Vinje kommune", slug="vinje", written_standard="nn")
    ConferencePartnerFactory(conference=conference, organisation=vinje)
    client.force_login(adviser)

    response = client.post(
        members_url(vinje), {"email": "ola@vinje.kommune.no", "role": "coordinator"}
    )

    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert (message.to_email, message.language) == ("ola@vinje.kommune.no", "nn")
    assert message.subject == "Invitasjon: ver med i Møteplass Telemark for Vinje kommune"
    body = message.body
    assert body.startswith("Hei,\n\nRita Rådgiver har invitert deg. ")
    assert (
        "Du er invitert til å vere med i Møteplass Telemark som koordinator for Vinje kommune."
        in body
    )
    assert "rådgivarane i Telemark fylkeskommune og samarbeidspartnarane" in body
    assert "føreslå og redigere programpostar og invitere og administrere personane" in body
    assert "lenkja er personleg og gjeld til" in body
    assert "Venleg helsing" in body


def test_invitation_email_follows_the_language_of_an_existing_account(
    coordinator_client, partner_org
):
    UserFactory(email="guest@example.no", language="en")

    coordinator_client.post(
        members_url(partner_org), {"email": "guest@example.no", "role": "editor"}
    )

    message = OutboxMessage.objects.get()
    assert message.language == "en"
    assert message.subject == "Invitation: join Møteplass Telemark for NHO Vestfold og Telemark"
    assert "You are invited to join Møteplass Telemark as editor for NHO" in message.body
    assert message.user.email == "guest@example.no"


def test_inviting_an_existing_member_is_refused_next_to_the_field(
    coordinator_client, partner_org, editor
):
    before = state()

    response = coordinator_client.post(
        members_url(partner_org), {"email": "REDAKTOR@example.no", "role": "coordinator"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["This person is already a member of the organisation."]
    }
    assert 'id="id_email_error"' in response.content.decode()
    assert state() == before


def test_inviting_something_that_is_not_an_email_is_refused(coordinator_client, partner_org):
    before = state()

    response = coordinator_client.post(
        members_url(partner_org), {"email": "kari på kontoret", "role": "editor"}
    )

    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert state() == before


def test_an_unknown_role_is_refused(coordinator_client, partner_org):
    before = state()

    response = coordinator_client.post(
        members_url(partner_org), {"email": "ny@example.no", "role": "admin"}
    )

    assert list(response.context["form"].errors) == ["role"]
    assert state() == before


def test_html_in_names_is_refused_and_shown_escaped(coordinator_client, partner_org):
    refused = coordinator_client.post(
        members_url(partner_org),
        {
            "email": "ny@example.no",
            "first_name": "<b>Kari</b>",
            "last_name": "<script>x</script>",
            "role": "editor",
        },
    )
    assert refused.status_code == 200
    assert set(refused.context["form"].errors) == {"first_name", "last_name"}
    assert MemberInvitation.objects.count() == 0
    # a name from before names were checked, still in the database, is shown as text
    MemberInvitationFactory(
        organisation=partner_org,
        email="ny@example.no",
        first_name="<b>Kari</b>",
        last_name="<script>x</script>",
    )

    body = coordinator_client.get(members_url(partner_org)).content.decode()

    assert "&lt;b&gt;Kari&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;" in body
    assert "<b>Kari</b>" not in body and "<script>x</script>" not in body


def test_inviting_an_open_invitation_again_resends_the_same_link_with_the_new_role(
    coordinator_client, partner_org
):
    coordinator_client.post(members_url(partner_org), {"email": "ny@example.no", "role": "editor"})
    first = MemberInvitation.objects.get()
    MemberInvitation.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() + dt.timedelta(days=2)
    )

    response = coordinator_client.post(
        members_url(partner_org), {"email": "ny@example.no", "role": "coordinator"}
    )

    assert flashed(response)[-1] == "The invitation to ny@example.no has been sent again."
    invitation = MemberInvitation.objects.get()
    assert (invitation.pk, invitation.token, invitation.role) == (
        first.pk,
        first.token,
        "coordinator",
    )
    assert invitation.expires_at > timezone.now() + dt.timedelta(days=29)
    assert OutboxMessage.objects.count() == 2
    assert "som koordinator for" in OutboxMessage.objects.order_by("pk").last().body
    assert [entry.action for entry in history_for(partner_org)] == [
        "partners.invitation.resend",
        "partners.invitation.create",
    ]


def test_inviting_again_after_expiry_gives_a_new_link(coordinator_client, partner_org):
    old = MemberInvitationFactory(
        organisation=partner_org,
        email="ny@example.no",
        expires_at=timezone.now() - dt.timedelta(days=1),
    )

    coordinator_client.post(members_url(partner_org), {"email": "ny@example.no", "role": "editor"})

    invitation = MemberInvitation.objects.get()
    assert invitation.pk == old.pk
    assert invitation.token != old.token
    assert invitation.is_open
    assert invitation.token in OutboxMessage.objects.get().body


def test_inviting_after_an_accepted_invitation_makes_a_new_one(coordinator_client, partner_org):
    MemberInvitationFactory(
        organisation=partner_org, email="ny@example.no", accepted_at=timezone.now()
    )

    coordinator_client.post(members_url(partner_org), {"email": "ny@example.no", "role": "editor"})

    assert MemberInvitation.objects.filter(email="ny@example.no").count() == 2


def test_adviser_of_the_conference_invites_into_a_partner_organisation(
    client, adviser, partner_org
):
    client.force_login(adviser)

    response = client.post(
        members_url(partner_org), {"email": "ny@example.no", "role": "coordinator"}
    )

    assert response.status_code == 302
    assert MemberInvitation.objects.get().invited_by == adviser


def test_adviser_has_no_access_once_the_organisation_is_no_longer_a_partner(
    client, adviser, partner_org, conference
):
    conference.partners.all().delete()
    client.force_login(adviser)

    assert client.get(members_url(partner_org)).status_code == 404


def test_editor_sees_a_disabled_form_and_cannot_invite(client, editor, partner_org):
    client.force_login(in_english(editor))

    response = client.get(members_url(partner_org))

    assert response.context["read_only"] is True
    assert all(field.disabled for field in response.context["form"].fields.values())
    body = response.content.decode()
    assert "only its coordinators and the conference's advisers can invite" in body
    assert "Send the invitation" not in body
    assert "Change or remove" not in body
    before = state()
    assert (
        client.post(
            members_url(partner_org), {"email": "x@example.no", "role": "editor"}
        ).status_code
        == 403
    )
    assert state() == before


# Roles and removal -----------------------------------------------------------------------------


def test_coordinator_makes_an_editor_coordinator(coordinator_client, editor, partner_org):
    editor.first_name, editor.last_name = "Eva", "Editor"
    editor.save()
    membership = editor.memberships.get()

    response = coordinator_client.post(edit_url(membership), {"role": "coordinator"})

    assert response.status_code == 302
    assert response["Location"] == members_url(partner_org)
    membership.refresh_from_db()
    assert membership.role == "coordinator"
    assert flashed(response) == ["Eva Editor is now partner coordinator."]
    entry = history_for(partner_org).get()
    assert (
        entry.action,
        entry.data["changes"][0]["before"],
        entry.data["changes"][0]["after"],
    ) == (
        "partners.member.role",
        "editor",
        "coordinator",
    )


def test_the_last_coordinator_cannot_be_made_editor(coordinator_client, coordinator, partner_org):
    membership = coordinator.memberships.get()
    before = state()

    response = coordinator_client.post(edit_url(membership), {"role": "editor"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role": [
            "This is the organisation's only coordinator. Make another member coordinator first."
        ]
    }
    assert state() == before


def test_the_last_coordinator_cannot_be_removed(client, adviser, coordinator, partner_org):
    client.force_login(in_english(adviser))
    membership = coordinator.memberships.get()
    before = state()

    response = client.post(edit_url(membership), {"remove": "1"})

    assert response.status_code == 302
    assert flashed(response) == [
        "This is the organisation's only coordinator. Make another member coordinator first."
    ]
    assert state() == before


def test_a_coordinator_steps_down_when_another_coordinator_remains(
    coordinator_client, coordinator, editor, partner_org
):
    Membership.objects.filter(user=editor).update(role=COORDINATOR)

    response = coordinator_client.post(edit_url(coordinator.memberships.get()), {"role": "editor"})

    assert response.status_code == 302
    assert coordinator.memberships.get().role == "editor"
    # the same session now only reads
    assert coordinator_client.get(members_url(partner_org)).context["read_only"] is True


def test_removal_asks_for_confirmation_first(coordinator_client, editor, partner_org):
    membership = editor.memberships.get()

    response = coordinator_client.get(edit_url(membership) + "?remove")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "partners/member_confirm_remove.html"
    assert "Should Kari Nordmann" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_removed_member_loses_access_with_the_next_request(
    client, coordinator, editor, partner_org
):
    editor.first_name = editor.last_name = ""
    editor.save()
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get(members_url(partner_org)).status_code == 200
    client.force_login(in_english(coordinator))

    response = client.post(edit_url(editor.memberships.get()), {"remove": "1"})

    assert response.status_code == 302
    assert flashed(response) == [
        "redaktor@example.no is no longer a member of NHO Vestfold og Telemark."
    ]
    assert list(
        Membership.objects.filter(organisation=partner_org).values_list("user__email", flat=True)
    ) == ["koordinator@example.no"]
    assert editor_client.get(members_url(partner_org)).status_code == 404
    assert [entry.action for entry in history_for(partner_org)] == ["partners.member.remove"]


def test_a_membership_of_another_organisation_is_not_found(
    coordinator_client, partner_org, other_editor
):
    other = other_editor.memberships.get()
    url = reverse("member_edit", args=[partner_org.slug, other.pk])

    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, {"remove": "1"}).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_an_advisers_membership_is_not_changed_here(client, adviser):
    colleague = UserFactory(email="kollega@example.no")
    membership = MembershipFactory(
        user=colleague,
        organisation=adviser.memberships.get().organisation,
        role=COORDINATOR,
        is_adviser=True,
    )
    client.force_login(in_english(adviser))

    response = client.post(edit_url(membership), {"remove": "1"})

    assert flashed(response) == [
        "This person is an adviser. Advisers' memberships are managed by the administrators."
    ]
    assert Membership.objects.filter(pk=membership.pk).exists()


# The invitation link ---------------------------------------------------------------------------


@pytest.fixture
def invitation(partner_org, coordinator):
    return MemberInvitationFactory(
        organisation=partner_org,
        email="ny@example.no",
        first_name="Nina",
        role=COORDINATOR,
        invited_by=coordinator,
        language="en",
    )


def test_anonymous_visitor_sees_the_organisation_and_role_and_is_offered_login_or_signup(
    client, invitation
):
    response = client.get(join_url(invitation))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Content-Language"] == "en"  # the invitation's language: no cookie, no login
    body = response.content.decode()
    assert (
        "You are invited to join Møteplass Telemark as partner coordinator for "
        "NHO Vestfold og Telemark." in body
    )
    path = join_url(invitation)
    assert f'href="{reverse("account_login")}?next={path}"' in body
    assert f'href="{reverse("account_signup")}?next={path}&amp;email=ny%40example.no"' in body
    assert "Accept the invitation" not in body


def test_visitor_with_a_language_cookie_reads_their_language(client, invitation):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"

    response = client.get(join_url(invitation))

    assert response["Content-Language"] == "nn"


def test_existing_account_accepts_the_invitation(client, invitation, partner_org):
    user = UserFactory(email="ny@example.no", language="en")
    client.force_login(user)
    page = client.get(join_url(invitation)).content.decode()
    assert "Accept the invitation" in page

    response = client.post(join_url(invitation))

    assert response.status_code == 302
    assert response["Location"] == reverse("partner_home")
    assert flashed(response) == [
        "Welcome! You are now a member of NHO Vestfold og Telemark as partner coordinator."
    ]
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role, membership.is_adviser) == (
        partner_org,
        "coordinator",
        False,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert [entry.action for entry in history_for(partner_org)] == ["partners.invitation.accept"]
    # the same session has the new role at once
    assert client.get(members_url(partner_org)).context["read_only"] is False
    # the link is used up
    again = client.get(join_url(invitation))
    assert again.status_code == 200
    assert "This invitation is no longer valid" in again.content.decode()


def test_new_account_signs_up_through_the_link_then_accepts(
    client, invitation, partner_org, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    signup = client.get(
        reverse("account_signup") + f"?next={join_url(invitation)}&email=ny%40example.no"
    )
    assert 'value="ny@example.no"' in signup.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup") + f"?next={join_url(invitation)}",
            {
                "email": "ny@example.no",
                "first_name": "Nina",
                "last_name": "Ny",
                "password1": "ein-lang-passordfrase",
                "password2": "ein-lang-passordfrase",
                "next": join_url(invitation),
            },
        )
    assert response.status_code == 302
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    confirmed = client.post("/" + link.group(0).split("/", 3)[3])
    # confirming the address logs the person in and brings them back to the invitation
    assert confirmed["Location"] == join_url(invitation)
    user = User.objects.get(email="ny@example.no")
    assert client.session["_auth_user_id"] == str(user.pk)

    response = client.post(join_url(invitation))

    assert response["Location"] == reverse("partner_home")
    assert Membership.objects.get(user=user).role == "coordinator"


def test_another_account_cannot_accept_and_is_told_which_address_was_invited(
    client, invitation, participant
):
    client.force_login(in_english(participant))

    page = client.get(join_url(invitation)).content.decode()

    assert (
        "This invitation was sent to ny@example.no, but you are logged in as deltaker@example.no."
        in page
    )
    assert "Accept the invitation" not in page
    before = state()
    response = client.post(join_url(invitation))
    assert response.status_code == 302
    assert response["Location"] == join_url(invitation)
    assert flashed(response) == ["This invitation was sent to another email address than yours."]
    assert state() == before


def test_a_verified_second_address_of_the_account_may_accept(
    client, invitation, participant, partner_org
):
    EmailAddress.objects.create(
        user=participant, email="ny@example.no", verified=True, primary=False
    )
    client.force_login(participant)

    client.post(join_url(invitation))

    assert Membership.objects.get(user=participant).organisation == partner_org


def test_an_unverified_second_address_may_not_accept(client, invitation, participant):
    EmailAddress.objects.create(
        user=participant, email="ny@example.no", verified=False, primary=False
    )
    client.force_login(participant)

    client.post(join_url(invitation))

    assert not Membership.objects.filter(user=participant).exists()


def test_a_member_accepting_keeps_their_role_and_uses_up_the_invitation(
    client, editor, partner_org
):
    invitation = MemberInvitationFactory(
        organisation=partner_org, email=editor.email, role=COORDINATOR
    )
    client.force_login(in_english(editor))

    response = client.post(join_url(invitation))

    assert flashed(response) == [
        "You were already a member of NHO Vestfold og Telemark as partner editor."
    ]
    assert list(Membership.objects.filter(user=editor).values_list("role", flat=True)) == ["editor"]
    invitation.refresh_from_db()
    assert invitation.accepted_by == editor


@pytest.mark.parametrize("kind", ["unknown", "expired", "used"])
def test_a_link_that_no_longer_works_shows_a_clear_page_and_changes_nothing(
    client, invitation, kind
):
    user = UserFactory(email="ny@example.no", language="en")
    if kind == "expired":
        MemberInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    if kind == "used":
        MemberInvitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    url = reverse("member_join", args=["x" * 43]) if kind == "unknown" else join_url(invitation)
    client.force_login(user)

    response = client.get(url)

    assert response.status_code == 200
    body = response.content.decode()
    assert "This invitation is no longer valid" in body
    assert "NHO" not in body
    before = state()
    assert client.post(url).status_code == 200
    assert state() == before


def test_an_expired_invitation_cannot_be_accepted_through_the_domain(invitation):
    user = UserFactory(email="ny@example.no")
    MemberInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    invitation.refresh_from_db()

    with pytest.raises(Exception, match="no longer valid"):
        accept_invitation(invitation=invitation, user=user)

    assert not Membership.objects.filter(user=user).exists()


def test_one_open_invitation_per_organisation_and_address_in_the_database(invitation):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberInvitation.objects.create(
            organisation=invitation.organisation, email=invitation.email
        )


def test_invite_member_refuses_an_existing_member_in_the_domain(coordinator, editor, partner_org):
    with pytest.raises(Exception, match="already a member"):
        invite_member(
            organisation=partner_org, email="Redaktor@Example.no", role="editor", by=coordinator
        )
    assert MemberInvitation.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


# Links to the page, and which organisations one may manage -------------------------------------


def test_profile_links_to_the_users_organisations(client, editor, partner_org):
    client.force_login(editor)

    body = client.get(reverse("profile")).content.decode()

    assert f'href="{members_url(partner_org)}">NHO Vestfold og Telemark</a>' in body


def test_partner_list_links_to_each_partners_people(
    client, adviser, conference, partner_org, rival_org
):
    client.force_login(adviser)

    body = client.get(reverse("partner_list", args=[conference.slug])).content.decode()

    assert f'href="{members_url(partner_org)}"' in body
    assert f'href="{members_url(rival_org)}"' in body


def test_partner_list_links_a_partner_only_to_its_own_people(
    client, editor, conference, partner_org, rival_org
):
    client.force_login(editor)

    body = client.get(reverse("partner_list", args=[conference.slug])).content.decode()

    assert f'href="{members_url(partner_org)}"' in body
    assert f'href="{members_url(rival_org)}"' not in body


def test_organisations_managed_by(
    adviser, coordinator, editor, other_adviser, partner_org, rival_org
):
    county = adviser.memberships.get().organisation
    elsewhere = ConferenceFactory(organiser=other_adviser.memberships.get().organisation)
    lone = OrganisationFactory(name="Andre AS")
    ConferencePartnerFactory(conference=elsewhere, organisation=lone)

    assert list(organisations_managed_by(adviser)) == [partner_org, rival_org, county]
    assert list(organisations_managed_by(coordinator)) == [partner_org]
    assert list(organisations_managed_by(editor)) == []
    assert list(organisations_managed_by(other_adviser)) == [
        lone,
        other_adviser.memberships.get().organisation,
    ]


# Query counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 5])
def test_members_page_queries(client, adviser, partner_org, count, django_assert_num_queries):
    for n in range(count):
        MembershipFactory(organisation=partner_org, role=EDITOR if n else COORDINATOR)
        MemberInvitationFactory(organisation=partner_org, invited_by=adviser)
    client.force_login(adviser)
    # session, user, memberships (the roles), organisation, the organisers of the conferences it
    # takes part in (adviser access), members, open invitations
    with django_assert_num_queries(7):
        response = client.get(members_url(partner_org))
    assert len(response.context["members"]) == count
    assert len(response.context["invitations"]) == count


# Languages -------------------------------------------------------------------------------------


def test_members_page_speaks_bokmal_and_nynorsk(client, editor, partner_org):
    client.force_login(editor)  # bokmål, the default
    body = client.get(members_url(partner_org)).content.decode()
    assert "Inviter en person" in body
    assert "Åpne invitasjoner" in body
    assert "men bare koordinatorene og konferansens rådgivere kan invitere og endre dem" in body

    editor.language = "nn"
    editor.save(update_fields=["language"])
    body = client.get(members_url(partner_org)).content.decode()
    assert "Inviter ein person" in body
    assert "Opne invitasjonar" in body
    assert (
        "men berre koordinatorane og rådgivarane for konferansen kan invitere og endre dei" in body
    )


def test_join_page_of_a_nynorsk_invitation_is_in_nynorsk(client, partner_org):
    invitation = MemberInvitationFactory(organisation=partner_org, role=EDITOR, language="nn")

    body = client.get(join_url(invitation)).content.decode()

    assert (
        "Du er invitert til å vere med i Møteplass Telemark som redaktør hos samarbeidspartnar "
        "for NHO Vestfold og Telemark." in body
    )
    assert "Opprett konto" in body


def test_flash_after_inviting_is_in_the_users_language(client, coordinator, partner_org):
    coordinator.language = "nn"
    coordinator.save(update_fields=["language"])
    client.force_login(coordinator)

    response = client.post(members_url(partner_org), {"email": "ny@example.no", "role": "editor"})

    assert flashed(response) == ["Ein invitasjon er send til ny@example.no."]
