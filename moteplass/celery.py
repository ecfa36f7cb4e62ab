"""The Celery app. Without REDIS_URL, tasks run in-process (eager); see settings."""

import os
import sys

from celery import Celery

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
