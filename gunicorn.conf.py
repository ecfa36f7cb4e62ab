"""gunicorn settings for Møteplass, read by the Dockerfile's command
(``gunicorn -c gunicorn.conf.py moteplass.wsgi:application``). Tune them with environment
variables; the README's production guide gives figures for a small and a larger deployment.

- ``WEB_CONCURRENCY``: worker processes (default 2 × cores + 1, at most 8).
- ``GUNICORN_THREADS``: threads per worker (default 1: the sync worker; more than 1 uses the
  gthread worker). The pages are CPU-bound: on 2 cores, 5 workers × 2 threads served the
  registration rush no faster than 3 sync workers and with a p95 half as long again (make bench,
  issue 8), as ten requests share two cores instead of five or three.
- ``GUNICORN_TIMEOUT`` (30 s): a worker silent this long is killed and restarted.
- ``GUNICORN_GRACEFUL_TIMEOUT`` (30 s): on restart or stop, time to finish the requests in hand.
- ``GUNICORN_KEEPALIVE`` (5 s): how long an idle keep-alive connection from the proxy is kept;
  keep it above the proxy's idle timeout for upstream connections, if it reuses them.
- ``GUNICORN_MAX_REQUESTS`` (1000) and ``GUNICORN_MAX_REQUESTS_JITTER`` (100): a worker is
  replaced after about this many requests, so a slow leak never grows large.
- ``FORWARDED_ALLOW_IPS`` (127.0.0.1,::1): addresses of the reverse proxies whose
  X-Forwarded-Proto gunicorn trusts. Django decides HTTPS itself (BEHIND_TLS_PROXY) and the
  client address for rate limits (TRUSTED_PROXY_COUNT).
- ``GUNICORN_BIND`` (0.0.0.0:8000).

The access log is one JSON object per line on stdout. The secret parts of personal links
(invitation, registration and membership tokens, check-in codes, email confirmation and password
reset keys) are replaced by ``[redacted]`` in its path, query and referer.
"""

import datetime
import json
import os
import re

from gunicorn.glogging import Logger


def _int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(
            f"Configuration error: {name} must be a whole number, not {value!r}."
        ) from None
    if number < minimum:
        raise SystemExit(f"Configuration error: {name} must be at least {minimum}.")
    return number


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("WEB_CONCURRENCY", default_workers(), minimum=1)
threads = _int("GUNICORN_THREADS", 1, minimum=1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = _int("GUNICORN_KEEPALIVE", 5, minimum=0)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# the heartbeat file lives in memory: a worker is not killed because a disk was slow
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# GUNICORN_ACCESS_LOG=off: no access log (e.g. when the proxy in front writes one, or benchmarks)
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG", "").strip().lower() == "off" else "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

SECRET_PATH = re.compile(
    r"(/(?:invitation|registration|join|checkin/code|confirm-email|reset/key)/)[^/]+"
)
SECRET_QUERY = re.compile(r"((?:^|[?&])(?:token|code|key)=)[^&#]*")


def redact(text: str) -> str:
    """``text`` (a path, a query string or a whole URL) without the secrets of personal links."""
    return SECRET_QUERY.sub(r"\1[redacted]", SECRET_PATH.sub(r"\1[redacted]", text))


class JsonAccessLogger(Logger):
    """gunicorn's logger, with one JSON object per request as the access log line."""

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        line = {
            "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds"),
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            # gunicorn's own error responses come with an empty environ: fall back on the request
            "method": environ.get("REQUEST_METHOD") or getattr(req, "method", ""),
            "path": redact(environ.get("PATH_INFO") or getattr(req, "path", "") or ""),
            "query": redact(environ.get("QUERY_STRING") or getattr(req, "query", "") or ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "referer": redact(environ.get("HTTP_REFERER", "")),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - gunicorn's own logger does the same
            self.exception("could not write the access log line")


logger_class = JsonAccessLogger
