"""The outbox: every message the application sends goes through here (house style rules 10–11).

- :func:`queue_message` is the one public way to send a message (or to draft one for review).
- :func:`set_message_state` is the one place a message's state changes.
- :func:`deliver` is what the Celery task runs: lock, mark sending, send, record the outcome.
- :func:`sweep_outbox` re-queues messages stuck in queued or sending (Celery beat).
"""

from __future__ import annotations

import contextlib
import logging
import math
import smtplib
import socket
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation

from conferences.enums import MailRole, MessageState
from conferences.mail_defaults import default_texts
from conferences.models import Conference, FlaggedAddress, MailTemplate, OutboxMessage
from conferences.placeholders import render
from moteplass.audit import log_action, update_and_log

logger = logging.getLogger(__name__)

S = MessageState
TRANSITIONS = {
    S.DRAFT: {S.QUEUED},
    S.QUEUED: {S.SENDING, S.FAILED},
    S.SENDING: {S.SENT, S.QUEUED, S.FAILED},
    S.FAILED: {S.QUEUED},
    S.SENT: set(),
}


class InvalidTransition(Exception):
    pass


def one_line(text: str) -> str:
    """Collapse all whitespace (newlines included): header values can never be injected."""
    return " ".join((text or "").split())


# --- templates ---------------------------------------------------------------------------------


def ensure_default_templates(conference: Conference) -> None:
    """Give a conference a template for every role that it lacks."""
    existing = set(conference.mail_templates.values_list("role", flat=True))
    missing = [role for role in MailRole.values if role not in existing]
    if missing:  # two first messages at once: the second one's rows are skipped, not an error
        MailTemplate.objects.bulk_create(
            [
                MailTemplate(conference=conference, role=role, **default_texts(role))
                for role in missing
            ],
            ignore_conflicts=True,
        )


def template_for(conference: Conference, role: str) -> MailTemplate:
    """The conference's template for ``role`` (made from the defaults when it is missing):
    one query when it exists."""
    template = conference.mail_templates.filter(role=role).first()
    if template is None:
        ensure_default_templates(conference)
        template = conference.mail_templates.get(role=role)
    return template


def conference_values(conference: Conference, language: str) -> dict[str, str]:
    with translation.override(language):
        if conference.start_date == conference.end_date:
            dates = formats.date_format(conference.start_date, "j. F Y")
        else:
            dates = (
                f"{formats.date_format(conference.start_date, 'j. F')}–"
                f"{formats.date_format(conference.end_date, 'j. F Y')}"
            )
        closes = (
            formats.date_format(timezone.localtime(conference.registration_closes), "j. F Y")
            if conference.registration_closes
            else ""
        )
    return {
        "conference": conference.title,
        "dates": dates,
        "venue": conference.venue,
        "registration_closes": closes,
    }


def render_template(
    template: MailTemplate, *, language: str, values: dict[str, str]
) -> tuple[str, str]:
    """Subject and body of ``template`` in ``language`` with the placeholders filled in."""
    subject = one_line(render(template.subject_in(language), values))
    body = render(template.body_in(language), values)
    return subject, body


# --- written standard --------------------------------------------------------------------------


def recipient_language(*, person_language="", organisation=None, municipality=None) -> str:
    """The person's preference, else their organisation's, else their municipality's, else nb."""
    if person_language in {"nb", "nn", "en"}:
        return person_language
    if organisation is not None and organisation.written_standard in {"nb", "nn"}:
        return organisation.written_standard
    if municipality is not None and municipality.written_standard in {"nb", "nn"}:
        return municipality.written_standard
    return "nb"


# --- queueing ----------------------------------------------------------------------------------


def queue_message(
    *,
    to_email: str,
    language: str,
    subject: str,
    body: str,
    to_name: str = "",
    conference: Conference | None = None,
    role: str = "",
    about=None,
    user=None,
    by=None,
    draft: bool = False,
    attachment: tuple[str, str, str] | None = None,
) -> OutboxMessage:
    """Create a message in the outbox; unless ``draft``, queue it for delivery after commit.

    This (and its plural, :func:`queue_messages`) is the only way the application sends email."""
    spec = Outgoing(
        to_email=to_email,
        language=language,
        subject=subject,
        body=body,
        to_name=to_name,
        role=role,
        about=about,
        user=user,
        attachment=attachment,
    )
    return queue_messages([spec], conference=conference, by=by, draft=draft)[0]


@dataclass(frozen=True)
class Outgoing:
    """One message to put in the outbox."""

    to_email: str
    language: str
    subject: str
    body: str
    to_name: str = ""
    role: str = ""
    about: object = None
    user: object = None
    attachment: tuple[str, str, str] | None = None  # (file name, text, MIME type)


def queue_messages(
    specs: list[Outgoing], *, conference: Conference | None = None, by=None, draft: bool = False
) -> list[OutboxMessage]:
    """Create many messages in one go (drafts for review, or queued for delivery after commit)."""
    now = timezone.now()
    content_types = {}

    def about_type(obj):
        if obj is None:
            return None
        model = type(obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(obj)
        return content_types[model]

    rows = [
        OutboxMessage(
            conference=conference,
            role=spec.role,
            to_email=spec.to_email.strip().lower(),
            to_name=one_line(spec.to_name),
            user=spec.user,
            language=spec.language,
            subject=one_line(spec.subject),
            body=spec.body,
            state=S.DRAFT if draft else S.QUEUED,
            created_at=now,
            state_changed_at=now,
            next_attempt_at=None if draft else now,
            created_by=by if by is not None and by.is_authenticated else None,
            about_type=about_type(spec.about),
            about_id=spec.about.pk if spec.about is not None else None,
            **attachment_fields(spec.attachment),
        )
        for spec in specs
    ]
    created = OutboxMessage.objects.bulk_create(rows, batch_size=500)
    if not draft:
        ids = [message.pk for message in created]
        transaction.on_commit(lambda: enqueue_many(ids))
    return created


def attachment_fields(attachment: tuple[str, str, str] | None) -> dict:
    if attachment is None:
        return {}
    name, text, mimetype = attachment
    return {"attachment_name": name, "attachment": text, "attachment_type": mimetype}


_broker_down_until = 0.0
BROKER_DOWN_PAUSE = 30.0  # seconds without publishing after a failed publish


def forget_broker_failure() -> None:
    """Publish again at once (e.g. after pointing Celery at another broker)."""
    global _broker_down_until
    _broker_down_until = 0.0


def _publish(send, what: str) -> bool:
    """Run ``send`` (publishing to the broker) unless a publish failed in the last
    ``BROKER_DOWN_PAUSE`` seconds; on failure, log that ``what`` waits for the sweeper and pause.
    Eager Celery (tests, the embedded default) sends at once and lets errors through."""
    global _broker_down_until
    if settings.CELERY_TASK_ALWAYS_EAGER:
        send()
        return True
    if time.monotonic() < _broker_down_until:
        return False
    try:
        send()
    except Exception as error:  # noqa: BLE001 - kombu/redis raise many kinds
        _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE
        logger.warning("%s waits for the sweeper: %s", what, error)
        return False
    _broker_down_until = 0.0
    return True


def enqueue(message_id: int, *, countdown: int | None = None) -> bool:
    """Hand a message to Celery. If the broker is unreachable the message stays queued in the
    outbox and the sweeper hands it over later; the caller's request still succeeds (and, after
    one failed publish, the process stops trying for a while instead of waiting on each)."""
    from conferences.tasks import send_outbox_message

    return _publish(
        lambda: send_outbox_message.apply_async(
            kwargs={"message_id": message_id}, countdown=countdown, retry=False
        ),
        f"outbox message {message_id}",
    )


PUBLISH_BATCH = 500  # tasks sent to the broker in one round trip


def enqueue_many(message_ids: list[int]) -> None:
    """Hand many messages to Celery, one task each, sent to the broker in batches of
    ``PUBLISH_BATCH`` (one Redis round trip per batch instead of one per message: queuing 5,000
    invitations is then bound by the database). When the broker is unreachable, the batch being
    sent and the rest stay queued in the outbox for the sweeper, as with :func:`enqueue`."""
    from conferences.tasks import send_outbox_message
    from moteplass.celery import app

    if len(message_ids) <= 1 or settings.CELERY_TASK_ALWAYS_EAGER:
        for message_id in message_ids:
            if not enqueue(message_id):
                return  # the broker is down: the sweeper hands over the rest
        return

    def send_all():
        with app.producer_or_acquire() as producer, producer.batch(max_size=PUBLISH_BATCH):
            for message_id in message_ids:
                send_outbox_message.apply_async(
                    kwargs={"message_id": message_id}, producer=producer, retry=False
                )

    _publish(send_all, f"a batch of {len(message_ids)} outbox messages")


def set_message_state(
    message: OutboxMessage, state: str, *, error: str = "", retry_at=None, by=None
) -> bool:
    """The one transition function for messages. Returns False when another process changed the
    message first (the update is conditional on the state we read)."""
    now = timezone.now()
    changes = _changes(message.state, state, now=now, error=error, retry_at=retry_at)
    if state == S.SENDING:
        changes["attempts"] = message.attempts + 1
    if not _transition(
        OutboxMessage.objects.filter(pk=message.pk), message.state, state, now=now, changes=changes
    ):
        return False
    for name, value in changes.items():
        setattr(message, name, value)
    if by is not None:
        log_action(message, f"conferences.message.{state}", user=by)
    if state == S.QUEUED:
        transaction.on_commit(lambda: enqueue(message.pk, countdown=countdown_until(retry_at)))
    return True


def _changes(from_state: str, state: str, *, now, error: str = "", retry_at=None) -> dict:
    if state not in TRANSITIONS[from_state]:
        raise InvalidTransition(f"{from_state} → {state}")
    changes = {"state": state, "state_changed_at": now}
    if state == S.SENT:
        changes.update(sent_at=now, last_error="", next_attempt_at=None)
    if state == S.QUEUED:
        changes["next_attempt_at"] = retry_at or now
    if state == S.FAILED:
        changes["next_attempt_at"] = None
    if error:
        changes["last_error"] = error[:2000]
    return changes


def _transition(messages, from_state: str, to_state: str, *, now, changes=None) -> int:
    """The one place that writes a message's state: a conditional UPDATE from ``from_state``."""
    changes = changes or _changes(from_state, to_state, now=now)
    return messages.filter(state=from_state).update(**changes)


def countdown_until(moment) -> int | None:
    if moment is None:
        return None
    return max(0, math.ceil((moment - timezone.now()).total_seconds()))


@transaction.atomic
def send_drafts(messages, *, by) -> int:
    """Queue the given drafts (one, a selection or all) in one transition; they are handed to
    Celery after commit. Returns how many were queued."""
    ids = list(messages.select_for_update().filter(state=S.DRAFT).values_list("pk", flat=True))
    if not ids:
        return 0
    now = timezone.now()
    count = _transition(OutboxMessage.objects.filter(pk__in=ids), S.DRAFT, S.QUEUED, now=now)
    conference_ids = set(
        OutboxMessage.objects.filter(pk__in=ids).values_list("conference_id", flat=True)
    )
    for conference in Conference.objects.filter(pk__in=conference_ids):
        log_action(conference, "conferences.message.queued", user=by, data={"count": count})
    transaction.on_commit(lambda: enqueue_many(ids))
    return count


@transaction.atomic
def update_draft(message: OutboxMessage, *, subject: str, body: str, by) -> None:
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.state != S.DRAFT:
        raise InvalidTransition("only drafts can be edited")
    before = {"subject": message.subject, "body": message.body}
    message.subject, message.body = one_line(subject), body
    message.save(update_fields=["subject", "body"])
    changes = [
        {"field": name, "label": name, "before": old, "after": getattr(message, name)}
        for name, old in before.items()
        if old != getattr(message, name)
    ]
    if changes:
        log_action(message, "conferences.message.edit", user=by, changes=changes)


@transaction.atomic
def discard_draft(message: OutboxMessage, *, by) -> None:
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.state != S.DRAFT:
        raise InvalidTransition("only drafts can be discarded")
    target = message.conference or message
    log_action(
        target,
        "conferences.message.discard",
        user=by,
        data={"to": message.to_email, "subject": message.subject},
    )
    message.delete()


# --- delivery ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    state: str  # "skipped", "sent", "retry", "failed"
    retry_at: object = None


SKIPPED = Outcome("skipped")
EARLY = timedelta(seconds=1)


def message_id_header(message: OutboxMessage) -> str:
    """A stable Message-ID: a retry of the same message carries the same id."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "moteplass.local"
    return f"<outbox-{message.pk}@{domain}>"


def build_email(message: OutboxMessage) -> EmailMessage:
    from email.utils import formataddr

    to = formataddr((message.to_name, message.to_email)) if message.to_name else message.to_email
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id_header(message), "Auto-Submitted": "auto-generated"},
    )
    if message.attachment_name:
        email.attach(message.attachment_name, message.attachment, message.attachment_type)
    return email


def classify(error: Exception) -> tuple[bool, str]:
    """(permanent?, reason) for an exception raised while sending."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return code >= 500, f"{code} {_text(text)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500, f"{error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPException | OSError | socket.timeout):
        return False, f"{type(error).__name__}: {error}"
    return True, f"{type(error).__name__}: {error}"


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes, at most an hour."""
    return timedelta(seconds=min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 3600))


def deliver(message_id: int) -> Outcome:
    """Send one queued message at most once: lock, mark sending, send, record the outcome."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state != S.QUEUED:
            return SKIPPED  # gone, in flight elsewhere, or final
        if message.next_attempt_at and message.next_attempt_at > timezone.now() + EARLY:
            return SKIPPED  # an extra task came before the backoff is over; its own will come
        flagged = FlaggedAddress.objects.filter(email__iexact=message.to_email).first()
        if flagged is not None:
            set_message_state(message, S.FAILED, error=f"address flagged: {flagged.reason}")
            return Outcome("failed")
        set_message_state(message, S.SENDING)
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        connection.send_messages([build_email(message)])  # an open connection stays open
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        with contextlib.suppress(Exception):
            connection.close()
        return record_failure(message, error)
    # Recorded the moment the server has accepted the message, before the QUIT round trip:
    # the window in which a dying worker would leave a delivered message in "sending" is as
    # short as it can be.
    set_message_state(message, S.SENT)
    with contextlib.suppress(Exception):
        connection.close()
    return Outcome("sent")


def record_failure(message: OutboxMessage, error: Exception) -> Outcome:
    permanent, reason = classify(error)
    if permanent or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        set_message_state(message, S.FAILED, error=reason)
        if permanent and isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError):
            FlaggedAddress.objects.get_or_create(
                email=message.to_email.lower(), defaults={"reason": reason}
            )
        logger.warning("outbox message %s failed: %s", message.pk, reason)
        return Outcome("failed")
    retry_at = timezone.now() + backoff(message.attempts)
    with transaction.atomic():
        set_message_state(message, S.QUEUED, error=reason, retry_at=retry_at)
    return Outcome("retry", retry_at)


def broker_backlog() -> int | None:
    """How many tasks wait in the broker's queue; None when it cannot be read."""
    from moteplass.celery import app

    try:
        with app.connection_for_read() as connection:
            declared = connection.default_channel.queue_declare(
                queue=settings.CELERY_TASK_DEFAULT_QUEUE, passive=True
            )
            return declared.message_count
    except Exception:  # noqa: BLE001 - unreadable is an answer too
        return None


def sweep_outbox() -> int:
    """Re-queue messages stuck in queued (their task was lost, e.g. the broker was down) or in
    sending (the worker died). Returns how many were handed to Celery again.

    Queued rows are rescued only when the broker's queue is empty (or unreadable): while tasks
    still wait there, a queued row is most likely behind them, not lost."""
    now = timezone.now()
    queued_grace = timedelta(seconds=settings.OUTBOX_QUEUED_GRACE_SECONDS)
    sending_timeout = timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT_SECONDS)
    stuck = Q(state=S.SENDING, state_changed_at__lte=now - sending_timeout)
    if settings.CELERY_TASK_ALWAYS_EAGER or not broker_backlog():
        stuck |= Q(state=S.QUEUED, next_attempt_at__lte=now - queued_grace)
    count = 0
    for pk, state in OutboxMessage.objects.filter(stuck).values_list("pk", "state"):
        if state == S.SENDING:
            with transaction.atomic():
                message = OutboxMessage.objects.select_for_update().get(pk=pk)
                if message.state != S.SENDING or message.state_changed_at > now - sending_timeout:
                    continue  # it moved on (or started sending again) since we looked
                set_message_state(message, S.QUEUED, error="the worker stopped while sending")
            count += 1  # set_message_state enqueues after commit
        else:
            OutboxMessage.objects.filter(pk=pk, state=S.QUEUED).update(next_attempt_at=now)
            count += enqueue(pk)
    return count


# --- editing templates -------------------------------------------------------------------------

TEMPLATE_FIELDS = ["subject_nb", "subject_nn", "subject_en", "body_nb", "body_nn", "body_en"]


@transaction.atomic
def update_mail_template(template: MailTemplate, *, by, values: dict) -> list[dict]:
    return update_and_log(
        template,
        fields=TEMPLATE_FIELDS,
        values=values,
        by=by,
        action="conferences.mailtemplate.update",
    )


def example_values(conference: Conference, language: str, invitation=None) -> dict[str, str]:
    """Values for a preview: the chosen invitee's, or an example person's."""
    from conferences.domain.invitations import answer_url

    values = {
        **conference_values(conference, language),
        "first_name": "Kari",
        "last_name": "Nordmann",
        "full_name": "Kari Nordmann",
        "answer_url": f"{settings.SITE_URL}/invitation/…/",
        "manage_url": f"{settings.SITE_URL}/…",
        "programme_url": f"{settings.SITE_URL}/…",
        "proposal_url": f"{settings.SITE_URL}/partner/…",
        "decision": "",
        "session": "Grønn omstilling i praksis",
        "organisation": "Telemark fylkeskommune",
        "reason": "",
        "offer_expires": "",
    }
    if invitation is not None:
        values.update(
            first_name=invitation.first_name,
            last_name=invitation.last_name,
            full_name=invitation.full_name,
            answer_url=answer_url(invitation),
            organisation=invitation.organisation_name,
        )
    return values
