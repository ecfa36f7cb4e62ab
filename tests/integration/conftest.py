"""Integration harness: a real Celery worker process, real Redis and a local SMTP sink.

Every integration test module sets ``pytestmark = INTEGRATION``. The worker is another process,
so it must see committed rows: the tests use a transactional database, and only PostgreSQL — a
worker cannot open pytest's in-memory SQLite database. On SQLite they are deselected (not run,
with a one-line note saying why; CI runs them in its PostgreSQL + Redis pass). On PostgreSQL they
must run: if Redis does not answer or the worker does not start, the test fails.

The worker uses the same test database as pytest (``test_<name>``), Redis database 12 as its
broker (``MOTEPLASS_IT_REDIS_URL`` to change it; flushed before and after each test) and the
sink as its SMTP server, with short outbox timings (WORKER_SETTINGS) so that retries and the
sweeper act within seconds. For the duration of a test this process's Celery app publishes to
the same Redis instead of running tasks eagerly.
"""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings

from tests.integration.harness import (
    Worker,
    check_redis,
    flush_redis,
    free_port,
    smtp_sink,
    worker_env,
)
from tests.support.reference import restore_reference_data

REDIS_URL = os.environ.get("MOTEPLASS_IT_REDIS_URL", "redis://127.0.0.1:6379/12")
WORKER_SETTINGS = {
    "OUTBOX_SWEEP_SECONDS": 1,
    "OUTBOX_QUEUED_GRACE_SECONDS": 2,
    "OUTBOX_SENDING_TIMEOUT_SECONDS": 3,
    "EMAIL_TIMEOUT": 1,  # the settings require the sending timeout to exceed twice this
    "OUTBOX_RETRY_BASE_SECONDS": 1,
    "OUTBOX_MAX_ATTEMPTS": 3,
}
WORKER_CONCURRENCY = 4


def uses_postgres() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


INTEGRATION = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
NEEDS_POSTGRES = (
    "integration tests deselected: they need PostgreSQL (the Celery worker is another process and "
    "cannot open pytest's SQLite test database). Run them with "
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/moteplass and Redis on 6379; CI does."
)


def pytest_collection_modifyitems(config, items):
    if uses_postgres():
        return
    here = os.path.dirname(__file__)
    chosen = [item for item in items if not str(item.fspath).startswith(here)]
    if len(chosen) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen
        print(f"\n{NEEDS_POSTGRES}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def failed(request) -> bool:
    return any(
        getattr(request.node, f"report_{when}", None) is not None
        and getattr(request.node, f"report_{when}").failed
        for when in ("setup", "call")
    )


@pytest.fixture
def broker_url():
    """The Redis database the worker and this process use as broker, empty at the start."""
    try:
        check_redis(REDIS_URL)
    except RuntimeError as error:
        pytest.fail(
            f"{error} The integration tests run on PostgreSQL and need Redis.", pytrace=False
        )
    flush_redis(REDIS_URL)
    yield REDIS_URL
    flush_redis(REDIS_URL)


class Publisher:
    """This process's Celery app, pointed at a broker (not eager) for one test."""

    def __init__(self, app) -> None:
        self.app = app

    def point_at(self, url: str) -> None:
        from conferences.domain.mail import forget_broker_failure

        self.app.conf.broker_url = url
        self.app.conf.task_always_eager = False
        self._reset_pools()
        forget_broker_failure()  # a new broker: the pause after a failed publish ends

    def _reset_pools(self) -> None:
        # Celery keeps a connection pool and a producer pool, and kombu keeps one per broker URL
        # for the whole process: a closed pool would be handed out again for the same URL and
        # silently lose what is published through it. Drop them all; new ones are made on use.
        import kombu.pools

        self.app._pool = None
        amqp = self.app.__dict__.get("amqp")
        if amqp is not None:
            amqp._producer_pool = None
        kombu.pools.reset()


@pytest.fixture
def publisher(settings, broker_url):
    """``enqueue`` publishes to Redis, as in production; restored after the test."""
    from moteplass.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    for name, value in WORKER_SETTINGS.items():
        setattr(settings, name, value)
    publisher = Publisher(app)
    publisher.point_at(broker_url)
    yield publisher
    app.conf.broker_url, app.conf.task_always_eager = saved
    publisher._reset_pools()


@pytest.fixture
def unreachable_broker_url() -> str:
    """A Redis URL on a free port of 127.0.0.1: nothing listens there."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def sink():
    """The SMTP server the worker delivers to: its handler records and scripts replies."""
    with smtp_sink() as running:
        yield running


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The plan, municipalities and county, as the data migrations made them (an earlier
    transactional test may have emptied the database)."""
    restore_reference_data()


@pytest.fixture
def worker_database_url(transactional_db) -> str:
    """pytest's test database (test_<name>) as a DATABASE_URL for the worker."""
    from django.db import connection

    config = connection.settings_dict
    credentials = quote(config["USER"] or "", safe="")
    if config.get("PASSWORD"):
        credentials += ":" + quote(config["PASSWORD"], safe="")
    host = config["HOST"] or "127.0.0.1"
    port = config["PORT"] or "5432"
    at = f"{credentials}@" if credentials else ""
    return f"postgres://{at}{host}:{port}/{quote(config['NAME'], safe='')}"


@pytest.fixture
def start_worker(request, transactional_db, worker_database_url, broker_url, sink, tmp_path):
    """Start a worker (threads pool, 4 threads, beat embedded) on the test database, the broker
    and the sink; every worker started is stopped after the test, and its log is printed if the
    test failed. It is stopped before the database is flushed."""
    workers: list[Worker] = []

    def start(
        *, pool: str = "threads", concurrency: int = WORKER_CONCURRENCY, **outbox_settings: int
    ) -> Worker:
        """``outbox_settings`` (e.g. OUTBOX_QUEUED_GRACE_SECONDS=60) override WORKER_SETTINGS."""
        env = worker_env(
            DEBUG="1",
            DATABASE_URL=worker_database_url,
            REDIS_URL=broker_url,
            LOG_LEVEL="INFO",
            **sink.worker_env(),
            **{name: str(value) for name, value in {**WORKER_SETTINGS, **outbox_settings}.items()},
        )
        worker = Worker(env, log_dir=tmp_path, pool=pool, concurrency=concurrency)
        workers.append(worker)
        try:
            worker.start()
        except RuntimeError as error:
            pytest.fail(f"the Celery worker could not start: {error}", pytrace=False)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    if failed(request):
        for worker in workers:
            print(f"\n----- {worker.log_path} (last lines) -----\n{worker.log_tail(120)}")
