"""Hostile input against the forms every logged-in person and partner uses outside the proposal
pages: their own profile (and the pages that show their name), a coordinator's invitation of a
member, and a partner's status update of a commitment."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from conferences.domain.proposals import add_comment
from conferences.enums import CommitmentState
from conferences.forms.followup import StatusForm
from conferences.models import Commitment, StatusUpdate
from partners.enums import MembershipRole
from partners.forms import InviteMemberForm, ProfileForm
from partners.models import MemberInvitation, User
from tests.factories import CommitmentFactory, PriorityFactory, SessionFactory, goal
from tests.property.conftest import (
    MARKUP,
    as_data,
    assert_escaped,
    checked,
    field,
    form,
    isolated,
    new_client,
    post_form,
)

pytestmark = pytest.mark.django_db

names = st.sampled_from(["Kari", "Áile", "Øyvind", "Ŋuolja-Čáhppes", ""])
profiles = form(
    {
        "first_name": field(names),
        "last_name": field(names),
        "language": field(st.sampled_from(["nb", "nn", "en"])),
    }
)


@given(post=profiles)
def test_profile_never_fails_and_saves_everything_or_nothing(editor, post):
    with isolated():
        client = new_client(editor)
        response = post_form(client, reverse("profile"), post)
        if response is None:
            return
        assert response.status_code == 302
        cleaned = ProfileForm(as_data(post), instance=User.objects.get(pk=editor.pk))
        assert cleaned.is_valid()
        saved = User.objects.get(pk=editor.pk)
        assert (saved.first_name, saved.last_name, saved.language) == (
            cleaned.cleaned_data["first_name"],
            cleaned.cleaned_data["last_name"],
            cleaned.cleaned_data["language"],
        )


@pytest.mark.parametrize("markup", MARKUP)
def test_a_name_with_markup_is_shown_as_text_wherever_it_appears(
    conference, partner_org, editor, coordinator, adviser, markup
):
    """A person may call themselves anything: their name is text on every page that shows it
    (their profile, their organisation's members, a proposal's comments on both sides)."""
    editor.first_name, editor.last_name = markup, markup
    editor.save(update_fields=["first_name", "last_name"])
    session = SessionFactory(conference=conference, owner=partner_org, goals=[goal("S1")])
    add_comment(session, by=editor, text=markup, internal=False)
    pages = [
        (editor, reverse("profile")),
        (coordinator, reverse("organisation_members", args=[partner_org.slug])),
        (editor, reverse("proposal_detail", args=[conference.slug, session.pk])),
        (adviser, reverse("review_detail", args=[conference.slug, session.pk])),
    ]
    for user, url in pages:
        response = checked(new_client(user).get(url))
        assert response.status_code == 200, url
        assert_escaped(response)
        assert escape(markup) in response.content.decode(), url  # shown, as text


invites = form(
    {
        "email": field(st.one_of(st.emails(), st.sampled_from(["ny@example.no", "NY@Example.no"]))),
        "first_name": field(names),
        "last_name": field(names),
        "role": field(st.sampled_from(MembershipRole.values)),
    }
)


@given(post=invites)
def test_member_invitation_never_fails_and_invites_exactly_the_person_asked_for(
    partner_org, coordinator, editor, post
):
    url = reverse("organisation_members", args=[partner_org.slug])
    with isolated():
        client = new_client(coordinator)
        response = post_form(client, url, post)
        if response is None:
            return
        assert response.status_code == 302
        cleaned = InviteMemberForm(as_data(post), organisation=partner_org)
        assert cleaned.is_valid()
        invitation = MemberInvitation.objects.get(
            organisation=partner_org, email=cleaned.cleaned_data["email"]
        )
        assert invitation.role == cleaned.cleaned_data["role"]
        assert invitation.accepted_at is None


@pytest.fixture
def commitment(conference, partner_org):
    return CommitmentFactory(
        priority=PriorityFactory(conference=conference), responsible_organisation=partner_org
    )


statuses = form(
    {
        "state": field(st.sampled_from(CommitmentState.chosen())),
        "note": field(st.sampled_from(["Vi har starta arbeidet.", "Ferdig i mars."])),
        "seen": field(st.sampled_from([CommitmentState.PLANNED, ""])),
    }
)


@given(post=statuses)
def test_commitment_status_never_fails_and_saves_status_and_note_together_or_neither(
    conference, commitment, editor, post
):
    url = reverse("commitment_detail", args=[conference.slug, commitment.pk])
    with isolated():
        client = new_client(editor)
        response = post_form(client, url, post)
        if response is None:
            return
        assert response.status_code == 302
        cleaned = StatusForm(as_data(post))
        assert cleaned.is_valid()
        saved = Commitment.objects.get(pk=commitment.pk)
        [update] = StatusUpdate.objects.filter(commitment=commitment)
        note = " ".join(cleaned.cleaned_data["note"].split())
        assert (saved.state, saved.status_note) == (cleaned.cleaned_data["state"], note)
        assert (update.to_state, update.note) == (saved.state, note)
