"""A background job that fails for good is logged and shown to the advisers on their dashboard."""

import datetime as dt
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences import tasks
from moteplass.models import TaskFailure

pytestmark = pytest.mark.django_db


def test_a_failing_job_is_recorded_and_logged(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the database refused the erasure")

    monkeypatch.setattr("conferences.domain.personal_data.erase_expired_data", broken)
    # as a worker runs it: the error is not raised into the caller (throw=False), the task fails
    with caplog.at_level(logging.ERROR, logger="moteplass.tasks"):
        result = tasks.erase_personal_data.apply(throw=False)
    assert result.failed()
    failure = TaskFailure.objects.get()
    assert failure.task_name == "conferences.erase_personal_data"
    assert failure.error == "RuntimeError: the database refused the erasure"
    assert failure.task_id
    (record,) = [r for r in caplog.records if r.name == "moteplass.tasks"]
    assert record.getMessage() == (
        "background job conferences.erase_personal_data failed: "
        "RuntimeError: the database refused the erasure"
    )
    assert record.task == "conferences.erase_personal_data"


def test_a_job_that_succeeds_records_nothing():
    assert tasks.erase_personal_data.apply(throw=False).successful()
    assert TaskFailure.objects.count() == 0


def test_advisers_see_recent_failures_on_their_dashboard(client, adviser):
    TaskFailure.objects.create(
        task_name="conferences.make_programme_pdf", error="OSError: the disk is full"
    )
    old = TaskFailure.objects.create(
        task_name="conferences.send_outbox_message", error="SMTPServerDisconnected: gone"
    )
    TaskFailure.objects.filter(pk=old.pk).update(failed_at=timezone.now() - dt.timedelta(days=15))
    client.force_login(adviser)
    html = client.get(reverse("adviser_dashboard")).content.decode()
    assert "Én bakgrunnsjobb feilet de siste 14 dagene" in html
    assert (
        'Lage PDF-programmet – <span class="task-failure__error">OSError: the disk is full' in html
    )
    assert "SMTPServerDisconnected" not in html  # older than two weeks


def test_no_failures_no_warning(client, adviser):
    client.force_login(adviser)
    html = client.get(reverse("adviser_dashboard")).content.decode()
    assert "bakgrunnsjobb" not in html
