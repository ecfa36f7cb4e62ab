"""The issue's whole round through the web interface and a real worker: an adviser imports 300
invitees, drafts and reviews the invitations, sends them in bokmål and nynorsk, invitees answer
through their personal links, and the reminders reach exactly those who did not answer."""

from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conferences.domain.mail import message_id_header
from conferences.enums import MailRole, MessageState
from conferences.models import Invitation, OutboxMessage
from partners.enums import MembershipRole
from tests.factories import ConferenceFactory, MembershipFactory, UserFactory, county
from tests.integration.conftest import INTEGRATION
from tests.integration.test_mail_delivery import wait_for_states

pytestmark = INTEGRATION

S = MessageState
PEOPLE = 300


def csv_file() -> SimpleUploadedFile:
    lines = ["fornavn;etternavn;e-post;kommune"]
    for number in range(PEOPLE):
        municipality = "Vinje" if number % 2 else "Porsgrunn"  # nynorsk / bokmål
        lines.append(f"Åse;Bø;leiar{number}@example.no;{municipality}")
    return SimpleUploadedFile("inviterte.csv", "\n".join(lines).encode("utf-8"))


def test_import_review_send_answer_and_remind(publisher, sink, start_worker):
    adviser = UserFactory(email="radgiver@example.no")
    MembershipFactory(
        user=adviser, organisation=county(), role=MembershipRole.COORDINATOR, is_adviser=True
    )
    conference = ConferenceFactory(title="Møteplass Telemark 2031", slug="mt-2031", year=2031)
    client = Client()
    client.force_login(adviser)
    base = f"/adviser/conferences/{conference.slug}"
    worker = start_worker()

    # 1. Import: preview, then confirm with the preview's one-time token.
    preview = client.post(f"{base}/invitations/import/", {"file": csv_file()})
    token = preview.context["confirm_form"].initial["token"]
    client.post(f"{base}/invitations/import/", {"token": token})
    assert Invitation.objects.filter(conference=conference).count() == PEOPLE

    # 2. Draft the invitations; nothing is sent before an adviser has reviewed them.
    client.post(f"{base}/invitations/draft/", {"expected": PEOPLE})
    drafts = OutboxMessage.objects.filter(conference=conference, role=MailRole.INVITATION)
    assert Counter(drafts.values_list("state", flat=True)) == {S.DRAFT: PEOPLE}
    assert Counter(drafts.values_list("language", flat=True)) == {"nb": 150, "nn": 150}
    assert sink.handler.count() == 0

    # 3. Send them all, after the confirmation that states the number.
    send = reverse("outbox_send", args=[conference.slug])
    confirm = client.post(send, {"everything": "on", "role": MailRole.INVITATION})
    assert confirm.context["count"] == PEOPLE
    client.post(
        send,
        {"everything": "on", "role": MailRole.INVITATION, "expected": PEOPLE, "confirm": "on"},
    )
    wait_for_states({S.SENT: PEOPLE})
    invitations = list(drafts)
    assert sink.handler.message_id_counts() == Counter(
        {message_id_header(message): 1 for message in invitations}
    )
    nynorsk = [r for r in sink.handler.received() if "Du er invitert til" in r.body]
    assert len(nynorsk) == 150

    # 4. A third answer through their personal links, without logging in.
    invitees = list(Invitation.objects.filter(conference=conference).order_by("email"))
    answered = invitees[:100]
    for number, invitee in enumerate(answered):
        # each from their own address: the answer links are rate-limited per address
        response = Client(REMOTE_ADDR=f"198.51.100.{number}").post(
            reverse("invitation_answer", args=[invitee.token]),
            {"answer": "yes" if number % 3 else "no", "reason": ""},
        )
        assert response.status_code in (200, 302)
    assert Invitation.objects.exclude(answer="pending").count() == 100

    # 5. Reminders: drafted only for those who did not answer, then sent.
    remind = client.get(f"{base}/invitations/reminders/")
    assert remind.context["count"] == PEOPLE - 100
    client.post(f"{base}/invitations/reminders/", {"expected": PEOPLE - 100})
    client.post(
        send,
        {
            "everything": "on",
            "role": MailRole.INVITATION_REMINDER,
            "expected": PEOPLE - 100,
            "confirm": "on",
        },
    )
    wait_for_states({S.SENT: PEOPLE + PEOPLE - 100})
    worker.stop()

    reminders = OutboxMessage.objects.filter(role=MailRole.INVITATION_REMINDER)
    reminded = set(reminders.values_list("to_email", flat=True))
    assert reminded == {invitee.email for invitee in invitees[100:]}
    assert reminded.isdisjoint({invitee.email for invitee in answered})
    everything = list(OutboxMessage.objects.all())
    assert len(everything) == PEOPLE + PEOPLE - 100
    assert sink.handler.message_id_counts() == Counter(
        {message_id_header(message): 1 for message in everything}
    )
