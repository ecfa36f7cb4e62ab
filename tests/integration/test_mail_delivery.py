"""The outbox delivered by a real Celery worker process through real Redis to a local SMTP sink.

Each test counts exactly: the Message-IDs the sink accepted (every message carries the stable
``<outbox-<pk>@…>`` id) and the OutboxMessage rows. Before counting, the worker is stopped with a
warm shutdown, so no send can still be on its way.
"""

import base64
import json
import time
from collections import Counter

import redis
from django.db import transaction

from conferences.domain.mail import (
    PUBLISH_BATCH,
    Outgoing,
    message_id_header,
    queue_messages,
    render_template,
    send_drafts,
)
from conferences.enums import MailRole, MessageState
from conferences.mail_defaults import default_texts
from conferences.models import FlaggedAddress, MailTemplate, OutboxMessage
from tests.factories import UserFactory
from tests.integration.conftest import INTEGRATION, WORKER_CONCURRENCY
from tests.integration.harness import wait_until

pytestmark = INTEGRATION

S = MessageState
TIMEOUT = 60
# A sweeper that waits a minute cannot stand in for the task enqueued after commit.
NO_SWEEPER_HELP = {"OUTBOX_QUEUED_GRACE_SECONDS": 60}


def invitation(number: int, language: str) -> dict:
    """Subject and body of the default invitation in ``language``, for invitee ``number``."""
    template = MailTemplate(**default_texts(MailRole.INVITATION))
    subject, body = render_template(
        template,
        language=language,
        values={
            "first_name": "Åse",
            "last_name": f"Bø {number}",
            "full_name": f"Åse Bø {number}",
            "conference": "Møteplass Telemark 2031",
            "dates": "22.–23. april 2031",
            "venue": "Ibsenhuset, Skien",
            "answer_url": f"https://moteplass.example.no/svar/{number:04d}/",
            "registration_closes": "1. april 2031",
        },
    )
    return {"subject": subject, "body": body, "language": language}


def queue(addresses: list[str], *, draft: bool = False, by=None) -> list[OutboxMessage]:
    """Queue one invitation to each address in one transaction, alternately in nb and nn, as a
    request does; the tasks are handed to Celery when the transaction commits."""
    with transaction.atomic():
        return queue_messages(
            [
                Outgoing(
                    to_email=address,
                    to_name=f"Åse Bø {number}",
                    role=MailRole.INVITATION,
                    **invitation(number, "nb" if number % 2 == 0 else "nn"),
                )
                for number, address in enumerate(addresses)
            ],
            draft=draft,
            by=by,
        )


def states() -> Counter:
    return Counter(OutboxMessage.objects.values_list("state", flat=True))


def wait_for_states(expected: dict[str, int], *, timeout: float = TIMEOUT) -> None:
    try:
        wait_until(lambda: states() == Counter(expected), timeout=timeout, what=f"{expected}")
    except TimeoutError as error:
        raise AssertionError(f"{error}; the outbox holds {dict(states())}") from None


def exactly_once(messages: list[OutboxMessage]) -> Counter:
    return Counter({message_id_header(message): 1 for message in messages})


def test_bulk_send_of_300_reviewed_drafts_arrives_exactly_once(publisher, sink, start_worker):
    adviser = UserFactory(email="radgiver@example.no")
    drafts = queue([f"leiar{number}@example.no" for number in range(300)], draft=True, by=adviser)
    worker = start_worker()

    with transaction.atomic():
        queued = send_drafts(OutboxMessage.objects.filter(state=S.DRAFT), by=adviser)
    wait_for_states({S.SENT: 300})
    worker.stop()

    assert queued == 300
    assert sink.handler.message_id_counts() == exactly_once(drafts)
    rows = {message_id_header(row): row for row in OutboxMessage.objects.all()}
    received = sink.handler.received()
    assert sorted((r.message_id, r.to, r.subject, r.body) for r in received) == sorted(
        (message_id, row.to_email, row.subject, row.body) for message_id, row in rows.items()
    )
    # Each in the recipient's written standard: the nynorsk text says "Du er invitert".
    assert Counter(
        (rows[record.message_id].language, "Du er invitert" in record.body) for record in received
    ) == {("nb", False): 150, ("nn", True): 150}
    assert Counter(OutboxMessage.objects.values_list("attempts", flat=True)) == {1: 300}


def broker_tasks(url: str) -> list[tuple[str, dict]]:
    """(task name, keyword arguments) of every task waiting in the broker's queue."""
    client = redis.Redis.from_url(url)
    tasks = []
    for raw in client.lrange("moteplass", 0, -1):
        message = json.loads(raw)
        _args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        tasks.append((message["headers"]["task"], kwargs))
    return tasks


def test_sending_more_drafts_than_one_publish_batch_queues_one_task_per_message(
    publisher, broker_url
):
    count = 2 * PUBLISH_BATCH + 7  # two full batches and a part one
    adviser = UserFactory(email="radgiver@example.no")
    drafts = queue([f"leiar{number}@example.no" for number in range(count)], draft=True, by=adviser)
    assert broker_tasks(broker_url) == []

    with transaction.atomic():
        queued = send_drafts(OutboxMessage.objects.filter(state=S.DRAFT), by=adviser)

    assert queued == count
    tasks = broker_tasks(broker_url)
    assert len(tasks) == count
    assert Counter(name for name, _ in tasks) == {"conferences.send_outbox_message": count}
    assert sorted(kwargs["message_id"] for _, kwargs in tasks) == sorted(d.pk for d in drafts)
    assert states() == {S.QUEUED: count}


def test_worker_killed_mid_send_then_restarted_sends_each_message_once(
    publisher, sink, start_worker
):
    # The sink holds every RCPT TO once 30 messages have arrived, so at the kill each of the
    # worker's threads waits for the server's answer before DATA: a kill after DATA was accepted
    # but before the row was marked sent would send that message twice (a limit of SMTP itself).
    sink.handler.rcpt_delay = 0.05
    first = start_worker()
    messages = queue([f"deltakar{number}@example.no" for number in range(150)])
    wait_until(lambda: sink.handler.count() >= 30, timeout=TIMEOUT, what="30 messages delivered")
    sink.handler.hold()
    wait_until(
        lambda: sink.handler.held == WORKER_CONCURRENCY,
        timeout=TIMEOUT,
        what=f"all {WORKER_CONCURRENCY} worker threads to wait for RCPT TO",
    )
    arrived_before_kill = sink.handler.count()

    first.kill()
    at_kill = states()
    in_flight = set(OutboxMessage.objects.filter(state=S.SENDING).values_list("pk", flat=True))
    sink.handler.release()
    second = start_worker()
    wait_for_states({S.SENT: 150})
    second.stop()

    assert at_kill == {
        S.SENT: arrived_before_kill,
        S.SENDING: WORKER_CONCURRENCY,
        S.QUEUED: 150 - arrived_before_kill - WORKER_CONCURRENCY,
    }
    assert sink.handler.message_id_counts() == exactly_once(messages)
    attempts = dict(OutboxMessage.objects.values_list("pk", "attempts"))
    assert attempts == {message.pk: 2 if message.pk in in_flight else 1 for message in messages}


def test_broker_down_at_queue_time_loses_nothing_and_the_sweeper_delivers_once(
    publisher, unreachable_broker_url, sink, start_worker, caplog
):
    publisher.point_at(unreachable_broker_url)

    started = time.monotonic()
    messages = queue([f"ordforar{number}@example.no" for number in range(20)])  # no exception
    took = time.monotonic() - started

    assert states() == {S.QUEUED: 20}
    assert sink.handler.count() == 0
    assert any("waits for the sweeper" in record.getMessage() for record in caplog.records)
    # A request must not wait for the broker once per message (2 s each: 40 s for these 20).
    assert took < 10, f"queuing 20 messages with the broker down took {took:.1f} s"

    # The worker's embedded beat reaches Redis: its sweeper hands the waiting messages over.
    worker = start_worker()
    wait_for_states({S.SENT: 20})
    worker.stop()

    assert sink.handler.message_id_counts() == exactly_once(messages)
    assert Counter(OutboxMessage.objects.values_list("attempts", flat=True)) == {1: 20}


def test_transient_refusal_is_retried_with_its_reason_then_delivered_once(
    publisher, sink, start_worker
):
    sink.handler.refuse("travel@example.no", "451 4.3.0 Try again later", times=2)
    worker = start_worker(**NO_SWEEPER_HELP)
    message, control = queue(["travel@example.no", "ledig@example.no"])
    seen_errors = []

    def sent() -> bool:
        message.refresh_from_db()
        if message.last_error and message.last_error not in seen_errors:
            seen_errors.append(message.last_error)
        return message.state == S.SENT

    wait_until(sent, timeout=TIMEOUT, interval=0.02, what="the refused message to be sent")
    wait_for_states({S.SENT: 2})
    worker.stop()

    message.refresh_from_db()
    control.refresh_from_db()
    assert (message.state, message.attempts, message.last_error) == (S.SENT, 3, "")
    assert seen_errors == ["451 4.3.0 Try again later"]
    assert sink.handler.rcpt_attempts("travel@example.no") == 3
    assert (control.state, control.attempts) == (S.SENT, 1)
    assert sink.handler.message_id_counts() == exactly_once([message, control])


def test_permanent_refusal_fails_with_its_reason_and_flags_the_address(
    publisher, sink, start_worker
):
    sink.handler.refuse("finst.ikkje@example.no", "550 5.1.1 No such user")
    worker = start_worker(**NO_SWEEPER_HELP)
    refused, control = queue(["finst.ikkje@example.no", "finst@example.no"])
    wait_for_states({S.FAILED: 1, S.SENT: 1})

    refused.refresh_from_db()
    assert (refused.state, refused.attempts, refused.last_error) == (
        S.FAILED,
        1,
        "550 5.1.1 No such user",
    )
    assert list(FlaggedAddress.objects.values_list("email", "reason")) == [
        ("finst.ikkje@example.no", "550 5.1.1 No such user")
    ]
    assert sink.handler.rcpt_attempts("finst.ikkje@example.no") == 1

    (later,) = queue(["Finst.Ikkje@example.no"])
    wait_for_states({S.FAILED: 2, S.SENT: 1})
    worker.stop()

    later.refresh_from_db()
    assert (later.state, later.attempts, later.last_error) == (
        S.FAILED,
        0,
        "address flagged: 550 5.1.1 No such user",
    )
    assert sink.handler.rcpt_attempts("finst.ikkje@example.no") == 1  # the sink was not asked
    assert sink.handler.message_id_counts() == exactly_once([control])
