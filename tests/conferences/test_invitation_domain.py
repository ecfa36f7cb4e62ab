"""conferences.domain.invitations: the functions the invitation views rely on."""

import pytest
from django.utils import timezone

from conferences.domain.invitations import (
    answer_invitation,
    create_invitations,
    draft_invitations,
    invitation_language,
    invite_members,
    reminder_candidates,
)
from conferences.enums import MailRole
from conferences.imports import InviteeRow
from conferences.models import Invitation, OutboxMessage
from partners.models import Municipality
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def municipality(name):
    return Municipality.objects.get(name=name)


def invite(conference, email, **values):
    values.setdefault("first_name", "Kari")
    values.setdefault("last_name", "Nordmann")
    return Invitation.objects.create(conference=conference, email=email, **values)


def row(email, *, n=2, organisation="", language="", municipality_id=None):
    return InviteeRow(
        row=n,
        first_name="Kari",
        last_name="Nordmann",
        email=email,
        organisation=organisation,
        municipality_id=municipality_id,
        language=language,
    )


# The written standard -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "person,account,organisation,place,expected",
    [
        ("en", None, "nn", "Vinje", "en"),  # the person's preference first
        ("nb", None, "nn", "Vinje", "nb"),
        ("", "nn", "nb", "Porsgrunn", "nn"),  # then the saved language of their account
        ("", None, "nn", "Porsgrunn", "nn"),  # then their organisation's
        ("", None, "nb", "Vinje", "nb"),
        ("", None, None, "Vinje", "nn"),  # then their municipality's
        ("", None, None, "Skien", "nb"),  # a neutral municipality: bokmål
        ("", None, None, None, "nb"),  # nothing known: bokmål
    ],
)
def test_invitation_language(conference, person, account, organisation, place, expected):
    invitation = invite(
        conference,
        "kari@example.no",
        language=person,
        user=UserFactory(language=account) if account else None,
        organisation=OrganisationFactory(written_standard=organisation) if organisation else None,
        municipality=municipality(place) if place else None,
    )
    assert invitation_language(invitation) == expected


# Creating invitations -------------------------------------------------------------------------


def test_create_invitations_skips_people_already_invited(conference, adviser):
    invite(conference, "kari@example.no")
    rows = [row("kari@example.no"), row("ola@example.no", n=3), row("ola@example.no", n=4)]

    created = create_invitations(conference, rows, by=adviser)

    assert [invitation.email for invitation in created] == ["ola@example.no"]
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "kari@example.no",
        "ola@example.no",
    ]
    assert create_invitations(conference, rows, by=adviser) == []
    assert Invitation.objects.count() == 2


def test_create_invitations_links_known_organisations_and_accounts(conference, adviser):
    nho = OrganisationFactory(name="NHO Vestfold og Telemark")
    account = UserFactory(email="ola@example.no")
    vinje = municipality("Vinje")
    create_invitations(
        conference,
        [
            row(
                "ola@example.no", organisation="nho vestfold og telemark", municipality_id=vinje.pk
            ),
            row("per@example.no", n=3, organisation="Ukjent AS", language="nn"),
        ],
        by=adviser,
    )
    ola, per = Invitation.objects.order_by("email")
    assert (ola.organisation, ola.organisation_name, ola.user, ola.municipality) == (
        nho,
        "NHO Vestfold og Telemark",
        account,
        vinje,
    )
    assert (per.organisation, per.organisation_name, per.user, per.language) == (
        None,
        "Ukjent AS",
        None,
        "nn",
    )


def test_invite_members_skips_inactive_and_already_invited(conference, adviser, partner_org):
    MembershipFactory(organisation=partner_org, user=UserFactory(email="a@nho.no"))
    MembershipFactory(organisation=partner_org, user=UserFactory(email="b@nho.no"))
    MembershipFactory(organisation=partner_org, user=UserFactory(email="c@nho.no", is_active=False))
    invite(conference, "B@nho.no")

    created = invite_members(conference, [partner_org], by=adviser)

    assert [invitation.email for invitation in created] == ["a@nho.no"]
    assert invite_members(conference, [partner_org], by=adviser) == []


# Drafts and reminders ---------------------------------------------------------------------------


def test_draft_invitations_drafts_each_person_once(conference, adviser):
    invite(conference, "kari@example.no")
    invite(conference, "ola@example.no", municipality=municipality("Tokke"))
    assert draft_invitations(conference, by=adviser) == 2
    assert draft_invitations(conference, by=adviser) == 0
    drafts = OutboxMessage.objects.order_by("to_email")
    assert list(drafts.values_list("to_email", "language", "state", "role")) == [
        ("kari@example.no", "nb", "draft", "invitation"),
        ("ola@example.no", "nn", "draft", "invitation"),
    ]


def invitation_message(invitation, *, role=MailRole.INVITATION, state="draft"):
    message = OutboxMessage.objects.create(
        conference=invitation.conference,
        role=role,
        to_email=invitation.email,
        language="nb",
        subject="Invitasjon",
        body="…",
        about=invitation,
    )
    if state != "draft":
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=state, sent_at=timezone.now() if state == "sent" else None
        )
    return message


def test_reminder_candidates_got_the_invitation_and_did_not_answer(conference):
    people = {
        name: invite(conference, f"{name}@example.no")
        for name in ("pending", "answered", "draft", "failed", "none", "reminded", "resent")
    }
    for name in ("pending", "answered", "reminded", "resent"):
        invitation_message(people[name], state="sent")
    invitation_message(people["draft"])
    invitation_message(people["failed"], state="failed")
    invitation_message(people["reminded"], role=MailRole.INVITATION_REMINDER)  # waiting draft
    invitation_message(people["resent"], role=MailRole.INVITATION_REMINDER, state="sent")
    answer_invitation(people["answered"], answer="no")

    candidates = reminder_candidates(conference).order_by("email")

    assert list(candidates.values_list("email", flat=True)) == [
        "pending@example.no",
        "resent@example.no",
    ]


def test_reminder_candidates_ignore_messages_of_another_conference(conference):
    kari = invite(conference, "kari@example.no")
    elsewhere = invite(ConferenceFactory(), "kari@example.no")
    invitation_message(elsewhere, state="sent")
    assert list(reminder_candidates(conference)) == []
    invitation_message(kari, state="sent")
    assert list(reminder_candidates(conference)) == [kari]


# Answers ----------------------------------------------------------------------------------------


def test_answer_no_keeps_the_reason_and_yes_drops_it(conference):
    kari = invite(conference, "kari@example.no")
    answered = answer_invitation(kari, answer="no", reason="  Ferie.  ")
    assert (answered.answer, answered.answer_reason) == ("no", "Ferie.")
    assert answered.answered_at is not None
    answer_invitation(kari, answer="yes", reason="Ferie.")
    kari.refresh_from_db()
    assert (kari.answer, kari.answer_reason) == ("yes", "")
