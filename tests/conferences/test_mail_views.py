import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from conferences.domain import mail as outbox
from conferences.domain.mail import ensure_default_templates
from conferences.enums import MailRole
from conferences.mail_defaults import default_texts
from conferences.models import Invitation, MailTemplate, OutboxMessage
from moteplass.models import ActivityLog
from partners.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(conference):
    ensure_default_templates(conference)
    return conference


def draft(conference, n, **overrides):
    values = {
        "to_email": f"person{n}@example.no",
        "to_name": f"Person {n}",
        "language": "nb",
        "subject": f"Invitasjon {n}",
        "body": "Hei",
        "conference": conference,
        "role": MailRole.INVITATION,
        "draft": True,
    }
    values.update(overrides)
    return outbox.queue_message(**values)


def test_template_list_shows_every_role(client, adviser, templates):
    client.force_login(adviser)
    response = client.get(reverse("mail_templates", args=[templates.slug]))
    assert [t.role for t in response.context["mail_templates"]] == sorted(MailRole.values)


def test_unknown_placeholder_is_refused_and_nothing_changes(client, adviser, templates):
    client.force_login(adviser)
    url = reverse("mail_template_edit", args=[templates.slug, MailRole.INVITATION])
    data = default_texts(MailRole.INVITATION) | {"body_nn": "Hei {fornamn}"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'id="id_body_nn_error"' in response.content.decode()
    template = MailTemplate.objects.get(conference=templates, role=MailRole.INVITATION)
    assert template.body_nn == default_texts(MailRole.INVITATION)["body_nn"]


def test_template_edit_is_saved_and_logged(client, adviser, templates):
    client.force_login(adviser)
    url = reverse("mail_template_edit", args=[templates.slug, MailRole.INVITATION])
    data = default_texts(MailRole.INVITATION) | {"subject_nn": "Velkomen til {conference}"}
    assert client.post(url, data).status_code == 302
    template = MailTemplate.objects.get(conference=templates, role=MailRole.INVITATION)
    assert template.subject_nn == "Velkomen til {conference}"
    entry = ActivityLog.objects.get(action="conferences.mailtemplate.update")
    assert [(c["field"], c["after"]) for c in entry.changes] == [
        ("subject_nn", "Velkomen til {conference}")
    ]


def test_preview_renders_for_a_chosen_recipient_in_nynorsk(client, adviser, templates):
    invitee = Invitation.objects.create(
        conference=templates,
        first_name="Åse",
        last_name="Vinje",
        email="ase@example.no",
        municipality=Municipality.objects.get(name="Vinje"),
    )
    client.force_login(adviser)
    url = reverse("mail_template_edit", args=[templates.slug, MailRole.INVITATION])
    response = client.get(url, {"preview-language": "nn", "preview-recipient": invitee.pk})
    preview = response.context["preview"]
    assert preview["subject"] == f"Invitasjon til {templates.title}"
    assert preview["body"].startswith("Hei Åse,\n\nDu er invitert til")
    assert f"/invitation/{invitee.token}/" in preview["body"]


def test_unknown_role_is_404(client, adviser, templates):
    client.force_login(adviser)
    assert client.get(f"/adviser/conferences/{templates.slug}/mail/nope/").status_code == 404


def test_outbox_filters_by_state_role_and_recipient(client, adviser, conference):
    draft(conference, 1)
    draft(conference, 2, role=MailRole.INVITATION_REMINDER)
    draft(conference, 3, to_name="Ola Vinje")
    client.force_login(adviser)
    url = reverse("outbox", args=[conference.slug])
    listed = lambda **query: [  # noqa: E731
        m.to_email for m in client.get(url, query).context["page_obj"].object_list
    ]
    assert listed() == ["person3@example.no", "person2@example.no", "person1@example.no"]
    assert listed(role="invitation_reminder") == ["person2@example.no"]
    assert listed(q="vinje") == ["person3@example.no"]
    assert listed(state="sent") == []


def test_sending_a_selection_asks_for_confirmation_with_exact_numbers(
    client, adviser, conference, django_capture_on_commit_callbacks
):
    one, two, three = draft(conference, 1), draft(conference, 2), draft(conference, 3)
    client.force_login(adviser)
    url = reverse("outbox_send", args=[conference.slug])
    client.cookies["moteplass_language"] = "en"
    adviser.language = "en"
    adviser.save()
    response = client.post(url, {"message": [one.pk, two.pk]})
    assert response.status_code == 200
    assert response.context["count"] == 2
    assert "Send 2 messages?" in response.content.decode()
    assert "They go to 2 different recipients." in response.content.decode()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": [one.pk, two.pk], "expected": 2, "confirm": "on"})
    assert response.status_code == 302
    states = dict(OutboxMessage.objects.values_list("pk", "state"))
    assert states == {one.pk: "sent", two.pk: "sent", three.pk: "draft"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "Person 1 <person1@example.no>",
        "Person 2 <person2@example.no>",
    ]


def test_send_all_rechecks_the_number_before_sending(
    client, adviser, conference, django_capture_on_commit_callbacks
):
    draft(conference, 1)
    draft(conference, 2)
    client.force_login(adviser)
    url = reverse("outbox_send", args=[conference.slug])
    assert client.post(url, {"everything": "on"}).context["count"] == 2
    draft(conference, 3)  # a new draft appears meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"everything": "on", "expected": 2, "confirm": "on"})
    assert response.status_code == 200
    assert response.context["count"] == 3
    assert response.context["changed"] is True
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"everything": "on", "expected": 3, "confirm": "on"})
    assert OutboxMessage.objects.filter(state="sent").count() == 3
    assert len(mail.outbox) == 3


def test_sending_nothing_is_a_clear_error(client, adviser, conference):
    client.force_login(adviser)
    response = client.post(reverse("outbox_send", args=[conference.slug]), {}, follow=True)
    with translation.override("nb"):
        expected = translation.gettext("Choose at least one draft to send.")
    assert expected in response.content.decode()


def test_adviser_edits_and_discards_a_draft(client, adviser, conference):
    message = draft(conference, 1)
    client.force_login(adviser)
    url = reverse("outbox_message", args=[conference.slug, message.pk])
    response = client.post(url, {"subject": "Ny emnelinje", "body": "Ny tekst"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.subject, message.body) == ("Ny emnelinje", "Ny tekst")
    discard = reverse("outbox_discard", args=[conference.slug, message.pk])
    assert client.get(discard).status_code == 200
    assert client.post(discard).status_code == 302
    assert OutboxMessage.objects.count() == 0
    assert ActivityLog.objects.filter(action="conferences.message.discard").count() == 1


def test_sent_message_cannot_be_edited_or_discarded(client, adviser, conference):
    message = draft(conference, 1)
    OutboxMessage.objects.filter(pk=message.pk).update(state="sent", sent_at=message.created_at)
    client.force_login(adviser)
    url = reverse("outbox_message", args=[conference.slug, message.pk])
    client.post(url, {"subject": "Endret", "body": "Endret"})
    assert OutboxMessage.objects.get(pk=message.pk).subject == "Invitasjon 1"
    discard = reverse("outbox_discard", args=[conference.slug, message.pk])
    assert client.post(discard).status_code == 404
    assert OutboxMessage.objects.count() == 1


def test_message_of_another_conference_is_404(client, adviser, conference):
    from tests.factories import ConferenceFactory

    other = ConferenceFactory()
    message = draft(other, 1)
    client.force_login(adviser)
    url = reverse("outbox_message", args=[conference.slug, message.pk])
    assert client.get(url).status_code == 404
