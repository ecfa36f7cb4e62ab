"""Mail delivery throughput: the outbox through a real Celery worker to a local SMTP sink.

A worker (``celery -A moteplass worker -B``, threads pool, 4 threads unless
BENCH_MAIL_POOL / BENCH_MAIL_CONCURRENCY say otherwise) runs with the bench environment
(production settings, the bench PostgreSQL, Redis as broker) and delivers over plain SMTP to an
aiosmtpd sink in this process (tests/integration/harness.py, shared with the integration tests).
Once it is ready, a subprocess queues 1,000 messages (nb and nn) in one transaction; the tasks
are published to Redis after commit. The figure is messages per second from the start of
queuing to the moment the sink accepted the last of them; every message must arrive exactly
once, or the benchmark fails.

Other benchmarks leave messages queued in the bench database with their tasks in Redis
(bench_invite queues 5,000 invitations and no worker runs then): the broker database is flushed
first, and the worker's sweeper waits an hour before re-queuing anything, so only this
benchmark's messages are delivered while it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from bench.server import ROOT, Server, log
from tests.integration.harness import (
    CONTROLLED_ENV,
    Worker,
    flush_redis,
    smtp_sink,
    wait_until,
    worker_env,
)

COUNT = 1000
POOL = os.environ.get("BENCH_MAIL_POOL", "threads")
CONCURRENCY = int(os.environ.get("BENCH_MAIL_CONCURRENCY", "4"))
TIMEOUT = 600.0

JOB = f"""
import json, time
import django
django.setup()
from django.db import transaction
from conferences.domain.mail import Outgoing, message_id_header, queue_messages

specs = [
    Outgoing(
        to_email=f"leiar{{n}}@bench.example.no",
        to_name=f"Åse Bø {{n}}",
        language=("nb", "nn")[n % 2],
        subject=f"Invitasjon til Møteplass Telemark ({{n}})",
        body=("Hei Åse,\\n\\nDu inviteres til Møteplass Telemark.", "Hei Åse,\\n\\nDu er "
              "invitert til Møteplass Telemark.")[n % 2] + "\\n\\nHelsing\\nTelemark fylkeskommune",
    )
    for n in range({COUNT})
]
started = time.time()
with transaction.atomic():
    messages = queue_messages(specs)
published = time.time()  # after commit: every task is in Redis
print(json.dumps({{
    "started": started,
    "published": published,
    "message_ids": [message_id_header(message) for message in messages],
}}))
"""


def run(server: Server, *, seconds: float) -> list[tuple[str, float, str]]:
    env = {key: value for key, value in server.env.items() if key in CONTROLLED_ENV}
    env.pop("OUTBOX_RATE_LIMIT", None)  # throughput of the worker, not of a configured limit
    flush_redis(env["REDIS_URL"])
    log_dir = tempfile.mkdtemp(prefix="moteplass-bench-mail-")
    with smtp_sink() as sink:
        worker = Worker(
            worker_env(**env, **sink.worker_env(), OUTBOX_QUEUED_GRACE_SECONDS="3600"),
            log_dir=log_dir,
            pool=POOL,
            concurrency=CONCURRENCY,
        )
        log(f"mail: worker --pool {POOL} --concurrency {CONCURRENCY}, SMTP sink :{sink.port}")
        worker.start()
        try:
            figures = queue_in_subprocess(server.env)
            expected = set(figures["message_ids"])

            def all_arrived() -> bool:
                return expected <= set(sink.handler.message_id_counts())

            try:
                wait_until(all_arrived, timeout=TIMEOUT, interval=0.05, what="every message")
            except TimeoutError as error:
                got = len(expected & set(sink.handler.message_id_counts()))
                raise RuntimeError(
                    f"{error}: {got} of {COUNT} arrived\n{worker.log_tail()}"
                ) from None
        finally:
            worker.stop()
        counts = sink.handler.message_id_counts()
        twice = sorted(message_id for message_id in expected if counts[message_id] > 1)
        if twice:
            raise RuntimeError(f"{len(twice)} messages arrived more than once, e.g. {twice[:3]}")
        last = max(record.at for record in sink.handler.received() if record.message_id in expected)
    took = last - figures["started"]
    outcomes = worker.task_outcomes()
    log(
        f"mail: {COUNT} messages queued and published in "
        f"{figures['published'] - figures['started']:.2f} s, all delivered after {took:.2f} s; "
        f"task outcomes {dict(outcomes)}"
    )
    return [
        ("mail_delivery_per_s", COUNT / took, "msg/s"),
        ("mail_worker_concurrency", CONCURRENCY, POOL),
    ]


def queue_in_subprocess(server_env: dict[str, str]) -> dict:
    """Queue the messages in a subprocess with the bench settings (the broker included)."""
    env = {**server_env, "DJANGO_SETTINGS_MODULE": "moteplass.settings"}
    result = subprocess.run(
        [sys.executable, "-c", JOB], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"queuing for the mail benchmark failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
