"""A production-shaped Møteplass for benchmarks: gunicorn on PostgreSQL and Redis.

`bench_server()` creates a fresh PostgreSQL database, migrates it, loads the demo data, collects
the static files and starts gunicorn (3 sync workers) on a free port of 127.0.0.1. On leaving the
`with` block it stops gunicorn (only the process group it started).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "moteplass_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))  # the compose file's web
THREADS = int(os.environ.get("BENCH_THREADS", "1"))  # 1: sync workers
STAGE = "programme"


class BenchError(RuntimeError):
    """The benchmark could not be set up; the message says what to do."""


@dataclass(frozen=True)
class Server:
    base_url: str
    workers: int
    env: dict  # the production-shaped environment (DATABASE_URL of the bench database, …)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "-_"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def production_env(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off) for a plain-HTTP server on 127.0.0.1."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "EMAIL_HOST", "CSRF_TRUSTED_ORIGINS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="moteplass.settings",
        DEBUG="0",
        SECRET_KEY=random_secret_key(),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        # the clients play people behind one reverse proxy: rate limits count each person's
        # address from X-Forwarded-For (bench_rush sends one per person)
        TRUSTED_PROXY_COUNT="1",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        MEDIA_ROOT=tempfile.mkdtemp(prefix="moteplass-bench-media-"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def check_services() -> None:
    import psycopg
    import redis

    try:
        with psycopg.connect(f"{POSTGRES_URL}/postgres", connect_timeout=3):
            pass
    except psycopg.Error as error:
        raise BenchError(
            f"PostgreSQL does not answer at {POSTGRES_URL} ({error}). Start it, e.g. "
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, "
            "or set BENCH_POSTGRES_URL."
        ) from None
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        raise BenchError(
            f"Redis does not answer at {REDIS_URL} ({error}). Start it, e.g. "
            'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" '
            "--appendonly no, or set BENCH_REDIS_URL."
        ) from None
    redis.Redis.from_url(REDIS_URL).flushdb()


def recreate_database() -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    return f"{POSTGRES_URL}/{DATABASE}"


def manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    log(" ".join(["manage.py", *args]))
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise BenchError(f"manage.py {' '.join(args)} failed (exit code {result.returncode}).")


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with code {process.returncode} while starting.")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers; the benchmark checks the status itself
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer at {url} within {timeout:.0f} s.")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn's master stops its workers gracefully
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@contextlib.contextmanager
def bench_server() -> Iterator[Server]:
    check_services()
    database_url = recreate_database()
    env = production_env(database_url)
    log(f"database {DATABASE} (fresh), redis {REDIS_URL}, DEBUG=0")
    manage(env, "migrate", "--noinput")
    # A throwaway demo database: --force lets seed_demo run with DEBUG off.
    manage(env, "seed_demo", "--stage", STAGE, "--force")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    port = free_port()
    # the production gunicorn.conf.py, with the bench's worker count and threads, no access log
    env = {
        **env,
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_THREADS": str(THREADS),
        "GUNICORN_ACCESS_LOG": "off",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_BIND": f"{HOST}:{port}",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "moteplass.wsgi:application",
    ]
    log(f"gunicorn moteplass.wsgi, {WORKERS} workers × {THREADS} threads, http://{HOST}:{port}/")
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_until_up(f"http://{HOST}:{port}/health/", process)
        yield Server(base_url=f"http://{HOST}:{port}", workers=WORKERS, env=env)
    finally:
        stop(process)
        log("gunicorn stopped")
