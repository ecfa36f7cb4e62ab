"""The Celery app. Without REDIS_URL, tasks run in-process (eager); see settings."""

import os
import sys

from celery import Celery, signals

from moteplass.config import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moteplass.settings")

app = Celery("moteplass")
try:
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url  # noqa: B018 - reads the settings now, so a bad value stops start-up
except ConfigError as error:
    sys.stderr.write(f"Configuration error: {error}\n")
    sys.exit(2)
app.autodiscover_tasks()


@signals.task_failure.connect
def record_task_failure(sender=None, task_id=None, exception=None, **kwargs):
    """A task failed for good: log it (one JSON line in production) and record it for the
    advisers' dashboard. Recording must never raise: the database may be what failed."""
    import logging

    name = getattr(sender, "name", str(sender))
    error = f"{type(exception).__name__}: {exception}"[:2000]
    logging.getLogger("moteplass.tasks").error(
        "background job %s failed: %s", name, error, extra={"task": name, "task_id": task_id}
    )
    try:
        from moteplass.models import TaskFailure

        TaskFailure.objects.create(task_name=name, task_id=task_id or "", error=error)
    except Exception:  # noqa: BLE001 - reported in the log line above
        logging.getLogger("moteplass.tasks").exception("could not record the failed job %s", name)
