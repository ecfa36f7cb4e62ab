"""The invitation list (advisers) and the personal answer link (invitees)."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conferences.domain.invitations import answer_url
from conferences.enums import MailRole
from conferences.models import Invitation, OutboxMessage
from conferences.views.invitations import PREVIEW_ROWS_SHOWN
from moteplass.audit import history_for
from partners.models import Municipality
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "Fornavn,Etternavn,E-post,Organisasjon,Kommune,Målform\n"


def invite(conference, email, *, first_name="Kari", last_name="Nordmann", **values):
    return Invitation.objects.create(
        conference=conference, first_name=first_name, last_name=last_name, email=email, **values
    )


def csv_file(text, name="invitasjoner.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def adviser_client(client, adviser):
    """The conference's adviser, reading the interface in English (the source language)."""
    adviser.language = "en"
    adviser.save(update_fields=["language"])
    client.force_login(adviser)
    return client


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def mark_sent(messages):
    OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
        state="sent", sent_at=timezone.now()
    )


# Import ---------------------------------------------------------------------------------------


def test_import_previews_then_imports_exactly_the_rows_on_confirm(adviser_client, conference):
    data = (
        HEADER
        + "Åse,Ødegård,ase@example.no,Bø Sparebank,Vinje,nn\n"
        + "Bjørn,Ærø-Haugen,Bjorn@Example.no,,4003,\n"
    )
    preview = adviser_client.post(url("invitation_import", conference), {"file": csv_file(data)})
    assert preview.status_code == 200
    assert Invitation.objects.count() == 0
    assert [row["email"] for row in preview.context["shown_rows"]] == [
        "ase@example.no",
        "bjorn@example.no",
    ]
    assert [row["municipality"] for row in preview.context["shown_rows"]] == ["Vinje", "Skien"]
    assert preview.context["result"].errors == []
    page = preview.content.decode()
    assert "Ødegård" in page
    assert "Import 2 people" in page
    token = preview.context["confirm_form"].initial["token"]

    response = adviser_client.post(url("invitation_import", conference), {"token": token})

    assert response.status_code == 302
    assert response["Location"] == url("invitations", conference)
    assert flashed(response) == ["2 people have been added to the invitation list."]
    rows = Invitation.objects.order_by("email").values_list(
        "first_name", "last_name", "email", "organisation_name", "municipality__name", "language"
    )
    assert list(rows) == [
        ("Åse", "Ødegård", "ase@example.no", "Bø Sparebank", "Vinje", "nn"),
        ("Bjørn", "Ærø-Haugen", "bjorn@example.no", "", "Skien", ""),
    ]
    assert [entry.action for entry in history_for(conference)] == ["conferences.invitations.import"]


def test_import_with_row_errors_imports_nothing_and_shows_each_error(adviser_client, conference):
    data = (
        HEADER
        + "Kari,Nordmann,kari@example.no,,,\n"
        + "Ola,,ola@example,,,\n"
        + "=HYPERLINK(1),Berg,per@example.no,,,\n"
    )
    response = adviser_client.post(url("invitation_import", conference), {"file": csv_file(data)})

    assert response.status_code == 200
    errors = [(p.row, p.column) for p in response.context["result"].errors]
    assert errors == [(3, "Etternavn"), (3, "E-post"), (4, "Fornavn")]
    assert response.context["confirm_form"] is None
    page = response.content.decode()
    assert page.count('class="import-error"') == 3
    assert "The file has 3 errors." in page
    assert "invitation_import:" not in str(dict(adviser_client.session))
    assert 'name="token"' not in page
    # a confirmation without a valid preview imports nothing
    confirm = adviser_client.post(url("invitation_import", conference), {"token": "guess"})
    assert confirm.status_code == 302
    assert Invitation.objects.count() == 0


def test_import_reports_duplicates_and_imports_each_person_once(adviser_client, conference):
    invite(conference, "kari@example.no")
    data = (
        HEADER
        + "Kari,Nordmann,KARI@example.no,,,\n"
        + "Ola,Nordmann,ola@example.no,,,\n"
        + "Ola,Nordmann,ola@example.no,,,\n"
    )
    preview = adviser_client.post(url("invitation_import", conference), {"file": csv_file(data)})
    duplicates = [(p.row, p.message) for p in preview.context["result"].duplicates]
    assert duplicates == [
        (2, "kari@example.no is already invited. This row will be skipped."),
        (4, "ola@example.no is also on row 3. This row will be skipped."),
    ]
    assert preview.content.decode().count('class="import-duplicate"') == 2
    token = preview.context["confirm_form"].initial["token"]

    response = adviser_client.post(url("invitation_import", conference), {"token": token})

    assert flashed(response) == ["1 person has been added to the invitation list."]
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "kari@example.no",
        "ola@example.no",
    ]


def test_import_confirmed_twice_imports_once(adviser_client, conference):
    data = HEADER + "Kari,Nordmann,kari@example.no,,,\n"
    preview = adviser_client.post(url("invitation_import", conference), {"file": csv_file(data)})
    token = preview.context["confirm_form"].initial["token"]
    first = adviser_client.post(url("invitation_import", conference), {"token": token})
    second = adviser_client.post(url("invitation_import", conference), {"token": token})

    assert first["Location"] == url("invitations", conference)
    assert second["Location"] == url("invitation_import", conference)
    assert flashed(second) == [
        "1 person has been added to the invitation list.",
        "Nothing was imported: this preview has already been imported or is no longer valid. "
        "Upload the file again to see a new preview.",
    ]
    assert Invitation.objects.count() == 1


def test_import_with_a_tampered_token_imports_nothing(adviser_client, conference):
    preview = adviser_client.post(
        url("invitation_import", conference),
        {"file": csv_file(HEADER + "Kari,Nordmann,kari@example.no,,,\n")},
    )
    token = preview.context["confirm_form"].initial["token"]
    response = adviser_client.post(url("invitation_import", conference), {"token": token + "x"})
    assert response.status_code == 302
    assert Invitation.objects.count() == 0
    # the right token still works afterwards
    adviser_client.post(url("invitation_import", conference), {"token": token})
    assert Invitation.objects.count() == 1


def test_import_of_an_unreadable_file_is_an_error_next_to_the_field(adviser_client, conference):
    response = adviser_client.post(
        url("invitation_import", conference),
        {"file": SimpleUploadedFile("liste.xlsx", b"not a workbook")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is not an Excel workbook, although its name ends in .xlsx. Open it in Excel "
        "and use “Save as” to save it as “Excel Workbook” or “CSV UTF-8”."
    ]
    assert 'id="id_file_error"' in response.content.decode()
    assert "result" not in response.context
    assert Invitation.objects.count() == 0


def test_import_of_too_large_a_file_is_an_error_next_to_the_field(adviser_client, conference):
    big = HEADER + "Kari,Nordmann,kari@example.no,,,\n" * 200_000  # about 6.6 MB
    response = adviser_client.post(url("invitation_import", conference), {"file": csv_file(big)})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is larger than 5.0\xa0MB. Split the list into smaller files."
    ]
    assert Invitation.objects.count() == 0


def test_import_without_a_file_is_an_error_next_to_the_field(adviser_client, conference):
    response = adviser_client.post(url("invitation_import", conference), {})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Choose a CSV or Excel file to upload."]


def test_import_page_lists_the_accepted_columns_and_the_size_limit(adviser_client, conference):
    page = adviser_client.get(url("invitation_import", conference)).content.decode()
    assert "Fornavn / Førenamn / First name" in page
    assert "Målform / Written standard" in page
    assert "at most 5.0\xa0MB and 10,000 people" in page


def test_import_preview_shows_at_most_200_rows_but_imports_all(adviser_client, conference):
    lines = "".join(f"Kari,Nordmann,kari{n}@example.no,,,\n" for n in range(205))
    preview = adviser_client.post(
        url("invitation_import", conference), {"file": csv_file(HEADER + lines)}
    )
    assert PREVIEW_ROWS_SHOWN == 200
    assert preview.content.decode().count('class="import-row"') == 200
    assert preview.context["hidden_rows"] == 5
    token = preview.context["confirm_form"].initial["token"]
    adviser_client.post(url("invitation_import", conference), {"token": token})
    assert Invitation.objects.count() == 205


# Members of partner organisations --------------------------------------------------------------


def test_invite_members_of_the_chosen_partner_organisations(adviser_client, conference):
    nho = OrganisationFactory(name="NHO Vestfold og Telemark")
    vinje = OrganisationFactory(name="Vinje kommune", written_standard="nn")
    other = OrganisationFactory(name="Ikke partner")
    for organisation in (nho, vinje):
        ConferencePartnerFactory(conference=conference, organisation=organisation)
    MembershipFactory(organisation=nho, user=UserFactory(email="a@nho.no"))
    MembershipFactory(organisation=nho, user=UserFactory(email="b@nho.no", is_active=False))
    MembershipFactory(organisation=vinje, user=UserFactory(email="c@vinje.kommune.no"))
    MembershipFactory(organisation=other, user=UserFactory(email="d@other.no"))

    page = adviser_client.get(url("invitation_members", conference))
    labels = [str(label) for _, label in page.context["form"].fields["organisations"].choices]
    assert labels == ["NHO Vestfold og Telemark (1 member)", "Vinje kommune (1 member)"]

    response = adviser_client.post(
        url("invitation_members", conference), {"organisations": [nho.pk, vinje.pk]}
    )

    assert response["Location"] == url("invitations", conference)
    assert flashed(response) == ["2 people have been added to the invitation list."]
    assert sorted(Invitation.objects.values_list("email", "organisation__name")) == [
        ("a@nho.no", "NHO Vestfold og Telemark"),
        ("c@vinje.kommune.no", "Vinje kommune"),
    ]


def test_invite_members_needs_a_partner_organisation(adviser_client, conference):
    other = OrganisationFactory(name="Ikke partner")
    MembershipFactory(organisation=other)
    nothing = adviser_client.post(url("invitation_members", conference), {})
    assert nothing.context["form"].errors["organisations"] == ["Choose at least one organisation."]
    outsider = adviser_client.post(
        url("invitation_members", conference), {"organisations": [other.pk]}
    )
    assert outsider.status_code == 200
    assert list(outsider.context["form"].errors) == ["organisations"]
    assert Invitation.objects.count() == 0


# Drafts and reminders -----------------------------------------------------------------------------


def test_draft_invitations_asks_for_the_exact_number_then_drafts_in_each_language(
    adviser_client, conference
):
    vinje = Municipality.objects.get(name="Vinje")
    invite(conference, "ase@example.no", first_name="Åse", municipality=vinje)
    invite(conference, "bjorn@example.no", first_name="Bjørn")
    invite(conference, "guest@example.com", first_name="Guest", language="en")
    already = invite(conference, "done@example.no")
    OutboxMessage.objects.create(
        conference=conference,
        role=MailRole.INVITATION,
        to_email="done@example.no",
        language="nb",
        subject="Invitasjon",
        body="…",
        about=already,
    )

    confirm = adviser_client.get(url("invitation_draft", conference))
    assert confirm.context["count"] == 3
    assert "Draft invitations to 3 people who are on the list" in confirm.content.decode()
    assert OutboxMessage.objects.count() == 1

    response = adviser_client.post(url("invitation_draft", conference), {"expected": "3"})

    assert response["Location"] == url("outbox", conference) + "?state=draft&role=invitation"
    assert flashed(response) == ["3 invitations have been drafted. Review them here and send them."]
    drafts = OutboxMessage.objects.filter(state="draft", role="invitation").exclude(
        to_email="done@example.no"
    )
    assert sorted(drafts.values_list("to_email", "language")) == [
        ("ase@example.no", "nn"),
        ("bjorn@example.no", "nb"),
        ("guest@example.com", "en"),
    ]
    nynorsk = drafts.get(to_email="ase@example.no")
    assert nynorsk.body.startswith(
        "Hei Åse,\n\nDu er invitert til Møteplass Telemark 2031, 22. april–23. april 2031"
    )
    assert drafts.get(to_email="bjorn@example.no").body.startswith(
        "Hei Bjørn,\n\nDu inviteres til Møteplass Telemark 2031"
    )
    assert answer_url(Invitation.objects.get(email="ase@example.no")) in nynorsk.body


def test_draft_invitations_with_a_changed_number_drafts_nothing(adviser_client, conference):
    invite(conference, "kari@example.no")
    invite(conference, "ola@example.no")
    response = adviser_client.post(url("invitation_draft", conference), {"expected": "1"})
    assert response.status_code == 200
    assert response.context["changed"] is True
    assert response.context["count"] == 2
    assert OutboxMessage.objects.count() == 0
    tampered = adviser_client.post(url("invitation_draft", conference), {"expected": "x"})
    assert tampered.status_code == 200
    assert OutboxMessage.objects.count() == 0


def test_draft_invitations_when_everyone_has_one(adviser_client, conference):
    page = adviser_client.get(url("invitation_draft", conference))
    assert page.context["count"] == 0
    assert "Everyone on the list already has an invitation in the outbox." in (
        page.content.decode()
    )
    response = adviser_client.post(url("invitation_draft", conference), {"expected": "0"})
    assert response["Location"] == url("invitations", conference)
    assert OutboxMessage.objects.count() == 0


def test_reminders_go_only_to_those_who_got_the_invitation_and_did_not_answer(
    adviser_client, conference
):
    invite(conference, "waiting@example.no", first_name="Vente")
    answered = invite(conference, "answered@example.no")
    invite(conference, "unsent@example.no")  # invitation still a draft
    invite(conference, "failed@example.no")  # invitation bounced
    adviser_client.post(url("invitation_draft", conference), {"expected": "4"})
    messages = {m.to_email: m for m in OutboxMessage.objects.filter(role="invitation")}
    mark_sent([messages["waiting@example.no"], messages["answered@example.no"]])
    OutboxMessage.objects.filter(pk=messages["failed@example.no"].pk).update(
        state="failed", last_error="550 no such user"
    )
    Invitation.objects.filter(pk=answered.pk).update(answer="no", answered_at=timezone.now())

    confirm = adviser_client.get(url("invitation_reminders", conference))
    assert confirm.context["count"] == 1
    response = adviser_client.post(url("invitation_reminders", conference), {"expected": "1"})

    assert response["Location"] == (
        url("outbox", conference) + "?state=draft&role=invitation_reminder"
    )
    assert flashed(response) == ["1 reminder has been drafted. Review it here and send it."]
    reminders = OutboxMessage.objects.filter(role="invitation_reminder")
    assert list(reminders.values_list("to_email", "state")) == [("waiting@example.no", "draft")]
    # a reminder is waiting now: nobody else needs one
    assert adviser_client.get(url("invitation_reminders", conference)).context["count"] == 0


# The list ---------------------------------------------------------------------------------------


def test_list_figures_are_exact(adviser_client, conference):
    people = [invite(conference, f"p{n}@example.no", last_name=f"P{n}") for n in range(6)]
    adviser_client.post(url("invitation_draft", conference), {"expected": "6"})
    messages = {m.to_email: m for m in OutboxMessage.objects.all()}
    mark_sent([messages[f"p{n}@example.no"] for n in (0, 1, 2)])
    OutboxMessage.objects.filter(to_email="p3@example.no").update(state="failed")
    now = timezone.now()
    Invitation.objects.filter(pk=people[0].pk).update(answer="yes", answered_at=now)
    Invitation.objects.filter(pk__in=[people[1].pk, people[2].pk]).update(
        answer="no", answered_at=now
    )
    invite(ConferenceFactory(), "elsewhere@example.no", answer="yes", answered_at=now)

    response = adviser_client.get(url("invitations", conference))

    assert response.context["figures"] == {
        "invited": 6,
        "sent": 3,
        "yes": 1,
        "no": 2,
        "pending": 3,
        "bounced": 1,
    }
    page = response.content.decode()
    assert '<dd data-figure="invited">6</dd>' in page
    assert '<dd data-figure="bounced">1</dd>' in page
    states = [(row.email, str(row.message_state_label)) for row in response.context["rows"]]
    assert states == [
        ("p0@example.no", "Sent"),
        ("p1@example.no", "Sent"),
        ("p2@example.no", "Sent"),
        ("p3@example.no", "Failed"),
        ("p4@example.no", "Draft"),
        ("p5@example.no", "Draft"),
    ]


def test_list_filters_by_answer_and_by_message_state(adviser_client, conference):
    invite(conference, "yes@example.no", last_name="A", answer="yes", answered_at=timezone.now())
    drafted = invite(conference, "drafted@example.no", last_name="B")
    invite(conference, "new@example.no", last_name="C")
    OutboxMessage.objects.create(
        conference=conference,
        role=MailRole.INVITATION,
        to_email=drafted.email,
        language="nb",
        subject="Invitasjon",
        body="…",
        about=drafted,
    )

    def emails(query):
        response = adviser_client.get(url("invitations", conference), query)
        return [row.email for row in response.context["rows"]]

    assert emails({"answer": "yes"}) == ["yes@example.no"]
    assert emails({"answer": "pending"}) == ["drafted@example.no", "new@example.no"]
    assert emails({"message": "draft"}) == ["drafted@example.no"]
    assert emails({"message": "none"}) == ["yes@example.no", "new@example.no"]
    assert emails({"answer": "pending", "message": "none"}) == ["new@example.no"]
    invalid = adviser_client.get(url("invitations", conference), {"answer": "maybe"})
    assert invalid.status_code == 200
    assert [row.email for row in invalid.context["rows"]] == [
        "yes@example.no",
        "drafted@example.no",
        "new@example.no",
    ]
    assert list(invalid.context["filter_form"].errors) == ["answer"]


def test_list_shows_the_written_standard_each_person_gets(adviser_client, conference):
    nn_org = OrganisationFactory(name="Tokke kommune", written_standard="nn")
    invite(conference, "a@example.no", last_name="A", organisation=nn_org)
    invite(conference, "b@example.no", last_name="B", language="en", organisation=nn_org)
    invite(conference, "c@example.no", last_name="C")
    response = adviser_client.get(url("invitations", conference))
    assert [str(row.written_standard) for row in response.context["rows"]] == [
        "Nynorsk",
        "English",
        "Bokmål",
    ]


def test_list_shows_50_people_a_page(adviser_client, conference):
    Invitation.objects.bulk_create(
        Invitation(
            conference=conference,
            first_name="Kari",
            last_name=f"Nordmann {n:03}",
            email=f"kari{n}@example.no",
        )
        for n in range(51)
    )
    first = adviser_client.get(url("invitations", conference), {"answer": "pending"})
    second = adviser_client.get(url("invitations", conference), {"answer": "pending", "page": 2})
    assert len(first.context["rows"]) == 50
    assert [row.last_name for row in second.context["rows"]] == ["Nordmann 050"]
    assert 'href="?answer=pending&amp;page=2"' in first.content.decode()


# A person's page ------------------------------------------------------------------------------


def test_person_page_lists_exactly_their_messages_newest_first(adviser_client, conference):
    kari = invite(conference, "kari@example.no")
    ola = invite(conference, "ola@example.no")
    other_conference = ConferenceFactory()
    now = timezone.now()

    def message(subject, *, to="kari@example.no", about=None, conference=conference, minutes=0):
        return OutboxMessage.objects.create(
            conference=conference,
            to_email=to,
            language="nb",
            subject=subject,
            body="…",
            about=about,
            created_at=now - dt.timedelta(minutes=minutes),
        )

    invitation = message("Invitasjon", about=kari, minutes=30)
    confirmation = message("Påmelding", minutes=10)  # to her address, about nothing
    message("Til Ola", to="ola@example.no", about=ola, minutes=20)
    message("Annen konferanse", conference=other_conference, minutes=5)
    OutboxMessage.objects.filter(pk=invitation.pk).update(
        state="failed", last_error="550 mailbox unavailable"
    )

    response = adviser_client.get(url("invitation_detail", conference, kari.pk))

    assert [m.subject for m in response.context["outbox_messages"]] == ["Påmelding", "Invitasjon"]
    page = response.content.decode()
    assert page.count('class="person-message"') == 2
    assert reverse("outbox_message", args=[conference.slug, confirmation.pk]) in page
    assert "550 mailbox unavailable" in page
    assert answer_url(kari) in page
    assert "Til Ola" not in page


def test_person_page_shows_the_answer_with_reason_and_time(adviser_client, conference):
    kari = invite(
        conference,
        "kari@example.no",
        answer="no",
        answer_reason="Kollisjon med kommunestyremøte.",
        answered_at=timezone.now(),
    )
    page = adviser_client.get(url("invitation_detail", conference, kari.pk)).content.decode()
    assert 'data-answer="no">No (' in page
    assert "Kollisjon med kommunestyremøte." in page


def test_person_page_of_another_conference_is_404(adviser_client, conference):
    elsewhere = invite(ConferenceFactory(), "kari@example.no")
    response = adviser_client.get(url("invitation_detail", conference, elsewhere.pk))
    assert response.status_code == 404


# The answer link ------------------------------------------------------------------------------


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_answer_yes_through_the_personal_link(english, conference):
    kari = invite(conference, "kari@example.no")
    link = reverse("invitation_answer", args=[kari.token])
    page = english.get(link)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Invitation to Møteplass Telemark 2031" in body
    assert "This invitation is for Kari Nordmann." in body
    assert "Ibsenhuset, Skien" in body

    response = english.post(link, {"answer": "yes", "reason": "ignored for yes"})

    assert response.status_code == 302
    assert response["Location"] == link + "#answer"
    kari.refresh_from_db()
    assert (kari.answer, kari.answer_reason) == ("yes", "")
    assert kari.answered_at is not None
    thanks = english.get(link).content.decode()
    assert "Thank you for your answer" in thanks
    assert "You have answered: yes, you are coming." in thanks
    assert "Change your answer" in thanks


def test_answer_no_with_a_reason_then_change_it(english, conference):
    kari = invite(conference, "kari@example.no")
    link = reverse("invitation_answer", args=[kari.token])
    english.post(link, {"answer": "no", "reason": "  Kommunestyremøte samme dag.  "})
    kari.refresh_from_db()
    assert (kari.answer, kari.answer_reason) == ("no", "Kommunestyremøte samme dag.")
    page = english.get(link)
    assert page.context["form"].initial == {
        "answer": "no",
        "reason": "Kommunestyremøte samme dag.",
    }
    assert "You have answered: no, you can't come." in page.content.decode()

    english.post(link, {"answer": "yes"})
    kari.refresh_from_db()
    assert (kari.answer, kari.answer_reason) == ("yes", "")
    assert [entry.data["changes"][0]["after"] for entry in history_for(kari)] == ["yes", "no"]


def test_answer_with_too_long_a_reason_changes_nothing(english, conference):
    kari = invite(conference, "kari@example.no")
    link = reverse("invitation_answer", args=[kari.token])
    response = english.post(link, {"answer": "no", "reason": "x" * 1001})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Write at most 1000 characters (you have written 1001)."
    ]
    assert 'id="id_reason_error"' in response.content.decode()
    kari.refresh_from_db()
    assert (kari.answer, kari.answered_at) == ("pending", None)


def test_answer_without_a_choice_changes_nothing(english, conference):
    kari = invite(conference, "kari@example.no")
    response = english.post(reverse("invitation_answer", args=[kari.token]), {"answer": "maybe"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["answer"]
    kari.refresh_from_db()
    assert kari.answer == "pending"


def test_unknown_token_is_404(client, conference):
    kari = invite(conference, "kari@example.no")
    near_miss = kari.token[:-1] + ("A" if kari.token[-1] != "A" else "B")
    assert client.get(reverse("invitation_answer", args=[near_miss])).status_code == 404
    response = client.post(reverse("invitation_answer", args=["x" * 43]), {"answer": "yes"})
    assert response.status_code == 404
    kari.refresh_from_db()
    assert kari.answer == "pending"


def test_get_of_the_answer_link_changes_nothing(client, conference):
    kari = invite(conference, "kari@example.no")
    before = list(Invitation.objects.values())
    response = client.get(reverse("invitation_answer", args=[kari.token]), {"answer": "no"})
    assert response.status_code == 200
    assert list(Invitation.objects.values()) == before
    assert history_for(kari).count() == 0
    assert "no-store" in response["Cache-Control"]


def test_answer_page_is_in_nynorsk_for_an_invitee_in_a_nynorsk_municipality(client, conference):
    kari = invite(
        conference, "kari@example.no", municipality=Municipality.objects.get(name="Vinje")
    )
    response = client.get(reverse("invitation_answer", args=[kari.token]))
    page = response.content.decode()
    assert response["Content-Language"] == "nn"
    assert '<html lang="nn"' in page
    assert "Hopp til hovudinnhaldet" in page  # "Skip to main content" in nynorsk
    assert "<dt>Tid</dt>" in page  # "When"


def test_answer_page_follows_the_language_the_visitor_chose(client, conference):
    kari = invite(
        conference, "kari@example.no", municipality=Municipality.objects.get(name="Vinje")
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get(reverse("invitation_answer", args=[kari.token]))
    assert response["Content-Language"] == "nb"
    assert '<html lang="nb"' in response.content.decode()


def test_answer_page_for_a_bokmal_invitee_is_in_bokmal(client, conference):
    kari = invite(conference, "kari@example.no")
    response = client.get(reverse("invitation_answer", args=[kari.token]))
    assert response["Content-Language"] == "nb"


def test_answer_page_for_a_logged_in_person_is_in_their_saved_language(client, conference):
    vinje = Municipality.objects.get(name="Vinje")
    kari = invite(conference, "kari@example.no", municipality=vinje)
    client.force_login(UserFactory(email="kari@example.no", language="en"))
    response = client.get(reverse("invitation_answer", args=[kari.token]))
    assert response["Content-Language"] == "en"
