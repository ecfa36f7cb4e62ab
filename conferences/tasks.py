"""Celery tasks: thin adapters around conferences.domain (house style rule 8)."""

from celery import shared_task
from django.conf import settings

from conferences.domain import mail


@shared_task(
    name="conferences.send_outbox_message",
    acks_late=True,
    ignore_result=True,
    rate_limit=settings.OUTBOX_RATE_LIMIT or None,
)
def send_outbox_message(*, message_id: int) -> str:
    """Deliver one outbox message. Retries are scheduled on the row (next_attempt_at) and handed
    to Celery with a countdown by set_message_state; the sweeper catches any that get lost."""
    return mail.deliver(message_id).state


@shared_task(name="conferences.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    return mail.sweep_outbox()


@shared_task(
    name="conferences.make_programme_pdf",
    acks_late=True,
    ignore_result=True,
    # the render stops itself at PDF_RENDER_TIME_LIMIT (a clear message on the row); Celery's
    # limits are the backstop
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT + 10,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 30,
)
def make_programme_pdf(*, file_id: int) -> str:
    """Render one programme PDF; the row records progress, the file or the error."""
    from conferences.domain.schedule import make_programme_pdf as make

    return make(file_id)


@shared_task(name="conferences.sweep_programme_files", ignore_result=True)
def sweep_programme_files() -> int:
    from conferences.domain.schedule import sweep_programme_files as sweep

    return sweep()


@shared_task(name="conferences.expire_offers", ignore_result=True)
def expire_offers() -> int:
    from conferences.domain.registration import expire_offers as expire

    return expire()


@shared_task(name="conferences.erase_personal_data", ignore_result=True)
def erase_personal_data() -> dict:
    from conferences.domain.personal_data import erase_expired_data

    return erase_expired_data()


@shared_task(
    name="conferences.make_badges",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT + 10,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 30,
)
def make_badges(*, file_id: int) -> str:
    """Render one name badge PDF; the row records progress, the file or the error."""
    from conferences.domain.badges import make_badges as make

    return make(file_id)


@shared_task(name="conferences.sweep_badge_files", ignore_result=True)
def sweep_badge_files() -> int:
    from conferences.domain.badges import sweep_badge_files as sweep

    return sweep()


@shared_task(name="conferences.send_commitment_reminders", ignore_result=True)
def send_commitment_reminders() -> int:
    from conferences.domain.reminders import send_reminders

    return send_reminders()


@shared_task(
    name="conferences.make_report_pdf",
    acks_late=True,
    ignore_result=True,
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT + 10,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 30,
)
def make_report_pdf(*, file_id: int) -> str:
    """Render one follow-up report PDF; the row records progress, the file or the error."""
    from conferences.domain.report import make_report_pdf as make

    return make(file_id)


@shared_task(name="conferences.sweep_report_files", ignore_result=True)
def sweep_report_files() -> int:
    from conferences.domain.report import sweep_report_files as sweep

    return sweep()
