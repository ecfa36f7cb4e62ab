"""A local SMTP sink and a real Celery worker process, for the integration tests and bench_mail.

Nothing here imports pytest or configures Django, so ``bench/bench_mail.py`` can use it too.

- :class:`SmtpSink` runs an aiosmtpd server on 127.0.0.1 in this process. Its
  :class:`SinkHandler` records every message it accepts and can be scripted per recipient:
  refuse with a given reply (``451 …`` or ``550 …``) the next N times, delay every RCPT TO, or
  hold every RCPT TO at a gate until released (so a test knows each sending thread of the
  worker is waiting for the server's answer, before DATA).
- :class:`Worker` starts ``celery -A moteplass worker -B`` in its own process group with the
  environment it is given, waits until it is ready and stops it (SIGTERM, then SIGKILL to its
  group) — or kills it outright with :meth:`Worker.kill`.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
# Worker settings that the integration tests (and the bench) choose themselves; nothing leaks in.
CONTROLLED_ENV = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "OUTBOX_RATE_LIMIT",
    "OUTBOX_MAX_ATTEMPTS",
    "OUTBOX_RETRY_BASE_SECONDS",
    "OUTBOX_SWEEP_SECONDS",
    "OUTBOX_QUEUED_GRACE_SECONDS",
    "OUTBOX_SENDING_TIMEOUT_SECONDS",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(
    condition: Callable[[], object], *, timeout: float, interval: float = 0.1, what: str
) -> object:
    """Poll ``condition`` until it returns something truthy; TimeoutError naming ``what`` if not."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        time.sleep(interval)


# --- SMTP sink ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    message_id: str
    to: str  # the addr-spec of the To header
    subject: str
    body: str
    rcpt_tos: tuple[str, ...]
    at: float  # time.time() when DATA was accepted


class SinkHandler:
    """aiosmtpd handler: records accepted messages; scripted replies, delay and gate on RCPT TO.

    The handler's coroutines run on the controller's event-loop thread; every shared value is
    read and written under one lock, and readers get copies.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._rcpt_attempts: list[tuple[str, float]] = []  # (address, time.time())
        self._scripted: dict[str, list] = {}  # address → [reply, remaining times or None]
        self._gate = threading.Event()
        self._gate.set()
        self._held = 0
        self.rcpt_delay = 0.0

    # scripting, from the test's thread

    def refuse(self, address: str, reply: str, *, times: int | None = None) -> None:
        """Answer RCPT TO ``address`` with ``reply`` the next ``times`` times (None: always)."""
        with self._lock:
            self._scripted[address.lower()] = [reply, times]

    def hold(self) -> None:
        """From now on every RCPT TO waits, unanswered, until :meth:`release`."""
        self._gate.clear()

    def release(self) -> None:
        self._gate.set()

    # reading, from the test's thread

    @property
    def held(self) -> int:
        """How many SMTP sessions are waiting at the gate right now."""
        with self._lock:
            return self._held

    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def count(self) -> int:
        with self._lock:
            return len(self._received)

    def message_id_counts(self) -> Counter:
        with self._lock:
            return Counter(record.message_id for record in self._received)

    def rcpt_times(self, address: str) -> list[float]:
        """When a client asked RCPT TO ``address`` (accepted or refused), in order."""
        with self._lock:
            return [at for asked, at in self._rcpt_attempts if asked == address.lower()]

    def rcpt_attempts(self, address: str) -> int:
        return len(self.rcpt_times(address))

    # aiosmtpd hooks, on the event-loop thread

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self._lock:
            self._rcpt_attempts.append((address.lower(), time.time()))
            reply = None
            script = self._scripted.get(address.lower())
            if script is not None and script[1] != 0:
                reply = script[0]
                if script[1] is not None:
                    script[1] -= 1
        if self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay)
        if not self._gate.is_set():
            with self._lock:
                self._held += 1
            try:
                while not self._gate.is_set():
                    await asyncio.sleep(0.005)
            finally:  # also when the client goes away and aiosmtpd cancels the session
                with self._lock:
                    self._held -= 1
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        to = message["To"]
        record = Received(
            message_id=str(message["Message-ID"]),
            to=to.addresses[0].addr_spec if to is not None and to.addresses else "",
            subject=str(message["Subject"]),
            # The text as the application wrote it: without the line end the transport adds.
            body=message.get_content().replace("\r\n", "\n").removesuffix("\n"),
            rcpt_tos=tuple(envelope.rcpt_tos),
            at=time.time(),
        )
        with self._lock:
            self._received.append(record)
        return "250 2.0.0 Message accepted for delivery"


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 and a free port, running on its own thread."""

    def __init__(self) -> None:
        self.handler = SinkHandler()
        self.host = HOST
        self.port = free_port()
        self._controller = None

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
        self._controller = Controller(self.handler, hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        self.handler.release()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def worker_env(self) -> dict[str, str]:
        """What a worker needs to deliver to this sink over plain SMTP."""
        return {"EMAIL_HOST": self.host, "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "0"}


@contextlib.contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    try:
        yield sink
    finally:
        sink.stop()


# --- Redis -------------------------------------------------------------------------------------


def check_redis(url: str) -> None:
    """Raise RuntimeError saying how to start Redis unless it answers at ``url``."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        raise RuntimeError(
            f"Redis does not answer at {url} ({error}). Start it, e.g. "
            'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" '
            "--appendonly no."
        ) from None


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=3).flushdb()


# --- Celery worker -----------------------------------------------------------------------------


def worker_env(**variables: str) -> dict[str, str]:
    """The caller's environment without the settings we control, plus ``variables``."""
    env = {key: value for key, value in os.environ.items() if key not in CONTROLLED_ENV}
    env.update(DJANGO_SETTINGS_MODULE="moteplass.settings", PYTHONUNBUFFERED="1")
    env.update(variables)
    return env


class Worker:
    """``celery -A moteplass worker -B`` (beat embedded, so the sweeper runs) as a subprocess."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        log_dir: Path,
        pool: str = "threads",
        concurrency: int = 4,
        loglevel: str = "info",
    ) -> None:
        self.env = env
        self.pool = pool
        self.concurrency = concurrency
        self.loglevel = loglevel
        self.name = f"it-{uuid.uuid4().hex[:8]}"
        self.log_path = Path(log_dir) / f"worker-{self.name}.log"
        self.schedule_path = Path(log_dir) / f"beat-schedule-{self.name}"
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "celery", "-A", "moteplass", "worker",
            "--pool", self.pool, "--concurrency", str(self.concurrency),
            "-B", "--schedule", str(self.schedule_path),
            "-l", self.loglevel, "-n", f"{self.name}@%h",
            "--without-mingle", "--without-gossip", "--without-heartbeat",
        ]  # fmt: skip

    def start(self, *, timeout: float = 45.0) -> Worker:
        """Start the worker and wait until it consumes tasks (its log says "ready")."""
        with open(self.log_path, "ab") as log:
            # Its own process group: the embedded beat is a child process, and a kill reaches both.
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

        def ready() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the Celery worker exited with code {self.process.returncode} while "
                    f"starting:\n{self.log_tail()}"
                )
            return " ready." in self.log_text()

        try:
            wait_until(ready, timeout=timeout, interval=0.1, what="the Celery worker to be ready")
        except TimeoutError as error:
            self.kill()
            raise RuntimeError(f"{error}:\n{self.log_tail()}") from None
        return self

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the worker's process group (the worker and its embedded beat): no
        clean-up, no acknowledgements, connections dropped — as when a machine dies."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, *, timeout: float = 15.0) -> None:
        """Warm shutdown (SIGTERM); SIGKILL to the group if it takes longer than ``timeout``."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        # The beat child may outlive its parent; whatever is left of the group goes.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def task_outcomes(self) -> Counter:
        """How many send tasks ended 'sent', 'skipped', 'retry' or 'failed' (from the log)."""
        outcomes: Counter = Counter()
        for line in self.log_text().splitlines():
            if line.startswith("{"):  # LOG_FORMAT=json (the default with DEBUG off)
                with contextlib.suppress(ValueError):
                    line = str(json.loads(line).get("message", ""))
            if "conferences.send_outbox_message[" in line and " succeeded in " in line:
                outcomes[line.rsplit(":", 1)[-1].strip().strip("'")] += 1
        return outcomes
