"""The outbox's state machine, delivery outcomes, the sweeper and the recipient's language."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from conferences.domain import mail as outbox
from conferences.enums import MessageState
from conferences.models import FlaggedAddress, OutboxMessage
from partners.models import Municipality
from tests.factories import OrganisationFactory
from tests.support import mail_backends
from tests.support.mail_backends import refuse

pytestmark = pytest.mark.django_db


@pytest.fixture
def scripted(settings):
    settings.EMAIL_BACKEND = "tests.support.mail_backends.ScriptedBackend"
    mail_backends.ANSWERS.clear()
    yield mail_backends.ANSWERS
    mail_backends.ANSWERS.clear()


def queue(conference=None, *, draft=False, **overrides):
    values = {
        "to_email": "kari@example.no",
        "to_name": "Kari Nordmann",
        "language": "nn",
        "subject": "Invitasjon",
        "body": "Hei Kari",
        "conference": conference,
        "draft": draft,
    }
    values.update(overrides)
    return outbox.queue_message(**values)


def test_queue_then_commit_sends_exactly_once(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(conference)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == ("sent", 1, "")
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.subject, sent.to, sent.body) == (
        "Invitasjon",
        ["Kari Nordmann <kari@example.no>"],
        "Hei Kari",
    )
    assert sent.extra_headers["Message-ID"] == f"<outbox-{message.pk}@localhost>"
    assert outbox.deliver(message.pk) == outbox.SKIPPED
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_commit(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue(conference)
    assert len(callbacks) == 1
    assert OutboxMessage.objects.get(pk=message.pk).state == "queued"
    assert mail.outbox == []


def test_draft_is_not_sent_until_sent_by_an_adviser(
    conference, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = queue(conference, draft=True)
    assert (OutboxMessage.objects.get(pk=draft.pk).state, mail.outbox) == ("draft", [])
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send_drafts(OutboxMessage.objects.all(), by=adviser) == 1
    assert OutboxMessage.objects.get(pk=draft.pk).state == "sent"
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send_drafts(OutboxMessage.objects.all(), by=adviser) == 0
    assert len(mail.outbox) == 1


def test_header_injection_is_impossible(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(
            conference,
            to_name="Kari\r\nBcc: evil@example.com",
            subject="Hei\nBcc: evil@example.com",
        )
    message.refresh_from_db()
    assert message.subject == "Hei Bcc: evil@example.com"
    assert message.to_name == "Kari Bcc: evil@example.com"
    from email.utils import getaddresses

    headers = mail.outbox[0].message()
    assert headers["Bcc"] is None
    assert [address for _name, address in getaddresses([headers["To"]])] == ["kari@example.no"]
    assert headers["Subject"] == "Hei Bcc: evil@example.com"


@pytest.mark.parametrize(
    "state,allowed",
    [
        ("draft", {"queued"}),
        ("queued", {"sending", "failed"}),
        ("sending", {"sent", "queued", "failed"}),
        ("sent", set()),
        ("failed", {"queued"}),
    ],
)
def test_state_machine(state, allowed):
    assert outbox.TRANSITIONS[state] == allowed


def test_invalid_transition_is_refused(conference):
    message = queue(conference, draft=True)
    with pytest.raises(outbox.InvalidTransition):
        outbox.set_message_state(message, MessageState.SENT)
    assert OutboxMessage.objects.get(pk=message.pk).state == "draft"


def test_transition_loses_a_race_quietly(conference):
    message = queue(conference)
    stale = OutboxMessage.objects.get(pk=message.pk)
    assert outbox.set_message_state(message, MessageState.SENDING) is True
    assert outbox.set_message_state(stale, MessageState.SENDING) is False
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 1


def test_transient_4xx_is_retried_with_backoff(conference, scripted, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    scripted.append(refuse(451, "4.3.0 Try again later"))
    message = queue(conference)
    before = timezone.now()
    outcome = outbox.deliver(message.pk)
    message.refresh_from_db()
    assert outcome.state == "retry"
    assert (message.state, message.attempts, message.last_error) == (
        "queued",
        1,
        "451 4.3.0 Try again later",
    )
    assert before + dt.timedelta(seconds=59) < message.next_attempt_at
    assert message.next_attempt_at < before + dt.timedelta(seconds=62)
    assert outbox.deliver(message.pk) == outbox.SKIPPED  # too early: the backoff is not over
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert outbox.deliver(message.pk).state == "sent"
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 2)


def test_connection_error_is_transient(conference, scripted):
    scripted.append(smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    message = queue(conference)
    assert outbox.deliver(message.pk).state == "retry"


def test_transient_errors_give_up_after_max_attempts(conference, scripted, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    scripted.extend([refuse(451, "busy"), refuse(451, "still busy")])
    message = queue(conference)
    assert outbox.deliver(message.pk).state == "retry"
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert outbox.deliver(message.pk).state == "failed"
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == ("failed", 2, "451 still busy")
    assert FlaggedAddress.objects.count() == 0


def test_permanent_5xx_fails_with_reason_and_flags_the_address(conference, scripted):
    scripted.append(refuse(550, "5.1.1 No such user", "kari@example.no"))
    message = queue(conference)
    assert outbox.deliver(message.pk).state == "failed"
    message.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (
        "failed",
        1,
        "550 5.1.1 No such user",
    )
    assert FlaggedAddress.objects.get().email == "kari@example.no"
    later = queue(conference, subject="Påminning")
    assert outbox.deliver(later.pk).state == "failed"
    later.refresh_from_db()
    assert (later.attempts, later.last_error) == (0, "address flagged: 550 5.1.1 No such user")
    assert mail.outbox == []


def test_sweeper_requeues_stuck_messages_and_leaves_fresh_ones(conference, settings):
    settings.OUTBOX_QUEUED_GRACE_SECONDS = 120
    settings.OUTBOX_SENDING_TIMEOUT_SECONDS = 300
    old = timezone.now() - dt.timedelta(minutes=10)
    stuck_queued = queue(conference, to_email="a@example.no")
    stuck_sending = queue(conference, to_email="b@example.no")
    fresh = queue(conference, to_email="c@example.no")
    OutboxMessage.objects.filter(pk=stuck_queued.pk).update(next_attempt_at=old)
    OutboxMessage.objects.filter(pk=stuck_sending.pk).update(
        state="sending", state_changed_at=old, attempts=1
    )
    swept = outbox.sweep_outbox()
    assert swept == 2
    states = dict(OutboxMessage.objects.values_list("to_email", "state"))
    # eager Celery: the re-queued messages are delivered at once; the fresh one waits its turn
    assert states == {"a@example.no": "sent", "b@example.no": "queued", "c@example.no": "queued"}
    assert OutboxMessage.objects.get(pk=stuck_sending.pk).last_error == (
        "the worker stopped while sending"
    )
    assert fresh.state == "queued"


def test_broker_down_at_queue_time_keeps_the_message(
    conference, settings, django_capture_on_commit_callbacks
):
    from moteplass.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(conference)
    finally:
        app.conf.broker_url = original
        app.conf.task_always_eager = True
        outbox.forget_broker_failure()
    assert OutboxMessage.objects.get(pk=message.pk).state == "queued"
    assert mail.outbox == []


def test_language_person_then_organisation_then_municipality_then_bokmal():
    vinje = Municipality.objects.get(name="Vinje")
    porsgrunn = Municipality.objects.get(name="Porsgrunn")
    skien = Municipality.objects.get(name="Skien")
    nn_org = OrganisationFactory(written_standard="nn")
    assert outbox.recipient_language(person_language="en", organisation=nn_org) == "en"
    assert outbox.recipient_language(organisation=nn_org, municipality=porsgrunn) == "nn"
    assert outbox.recipient_language(municipality=vinje) == "nn"
    assert outbox.recipient_language(municipality=porsgrunn) == "nb"
    assert outbox.recipient_language(municipality=skien) == "nb"  # neutral → bokmål
    assert outbox.recipient_language() == "nb"


def test_after_one_failed_publish_the_process_stops_trying_for_a_while(
    conference, settings, django_capture_on_commit_callbacks
):
    import time

    from moteplass.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(20):
                queue(conference, to_email=f"p{n}@example.no")
        elapsed = time.monotonic() - started
    finally:
        app.conf.broker_url = original
        app.conf.task_always_eager = True
        outbox.forget_broker_failure()
    assert OutboxMessage.objects.filter(state="queued").count() == 20
    assert elapsed < 5  # one failed connection attempt, not twenty
