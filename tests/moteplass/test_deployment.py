"""The deployment files: docker-compose.yml's shape and health checks, and gunicorn.conf.py.

Docker is not available in CI, so the compose file is read with a YAML parser; its health checks
that are Python run here, against a live server and a schedule file. gunicorn.conf.py runs under
a real gunicorn.
"""

import inspect
import json
import os
import runpy
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from moteplass import views
from tests.integration.harness import ROOT, free_port, wait_until, worker_env

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
LONG_RUNNING = sorted(
    name
    for name, service in SERVICES.items()
    if service.get("restart") != "no" and not service.get("profiles")
)
GUNICORN_CONF = ROOT / "gunicorn.conf.py"


def test_every_long_running_service_has_a_health_check():
    assert LONG_RUNNING == ["beat", "db", "mailpit", "redis", "web", "worker"]
    for name in LONG_RUNNING:
        check = SERVICES[name]["healthcheck"]
        assert check["test"][0] in {"CMD", "CMD-SHELL"}, name
        assert check["interval"].endswith("s"), name
        assert check["timeout"].endswith("s"), name
        assert check["retries"] >= 2, name


def test_the_app_starts_after_the_migrations_on_healthy_services():
    migrate = SERVICES["migrate"]
    assert migrate["restart"] == "no"
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ("web", "worker"):
        depends = SERVICES[name]["depends_on"]
        assert depends["db"] == {"condition": "service_healthy"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name
    assert SERVICES["beat"]["depends_on"] == {
        "redis": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_one_beat_and_the_media_volume_shared_by_web_and_workers():
    beats = [name for name, service in SERVICES.items() if "beat" in (service.get("command") or [])]
    assert beats == ["beat"]
    assert "deploy" not in SERVICES["beat"]
    for name in ("web", "worker", "beat", "migrate", "backup"):
        assert "media:/app/media" in SERVICES[name]["volumes"], name
        assert SERVICES[name]["environment"]["MEDIA_ROOT"] == "/app/media", name
    assert "media" in COMPOSE["volumes"]


def test_web_runs_the_gunicorn_conf_and_the_worker_recycles_its_processes():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "moteplass.wsgi:application"]'
    assert cmd in dockerfile
    assert "command" not in SERVICES["web"]
    assert SERVICES["web"]["environment"]["WEB_CONCURRENCY"] == "${WEB_CONCURRENCY:-3}"
    assert SERVICES["web"]["environment"]["GUNICORN_THREADS"] == "${GUNICORN_THREADS:-1}"
    assert SERVICES["web"]["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:-")
    assert SERVICES["worker"]["command"][:4] == ["celery", "-A", "moteplass", "worker"]
    assert (
        "--max-tasks-per-child=${CELERY_MAX_TASKS_PER_CHILD:-100}"
        in (SERVICES["worker"]["command"])
    )


def test_the_worker_health_check_pings_its_own_node():
    kind, command = SERVICES["worker"]["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    assert command.startswith("celery -A moteplass inspect ping ")
    # $$ is compose's escape: the shell in the container expands $HOSTNAME, the worker's node
    # name is celery@<host name>
    assert '--destination "celery@$${HOSTNAME}"' in command


def test_the_backup_service_runs_only_on_request():
    backup = SERVICES["backup"]
    assert backup["profiles"] == ["tools"]
    assert backup["command"] == ["scripts/backup.sh", "--keep", "${BACKUP_KEEP:-14}", "/backups"]
    assert "${BACKUP_DIR:-../moteplass-backups}:/backups" in backup["volumes"]


def python_check(service: str) -> str:
    test = SERVICES[service]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    return test[3]


def run_check(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db(transaction=True)
def test_the_web_health_check_asks_health_as_the_proxy_would(live_server, settings, monkeypatch):
    code = python_check("web")
    assert '"http://127.0.0.1:8000/health/"' in code
    code = code.replace("http://127.0.0.1:8000", live_server.url)
    settings.ALLOWED_HOSTS = ["moteplass.example.no"]

    # the first host name of ALLOWED_HOSTS is sent (a leading dot, a wildcard skipped)
    assert run_check(code, ALLOWED_HOSTS="moteplass.example.no,other").returncode == 0
    assert run_check(code, ALLOWED_HOSTS="*, .moteplass.example.no").returncode == 0
    refused = run_check(code, ALLOWED_HOSTS="localhost")
    assert refused.returncode == 1
    assert "HTTP Error 400" in refused.stderr

    def broken() -> str:
        raise RuntimeError("the database is down")

    monkeypatch.setitem(views.CHECKS, "database", broken)
    unhealthy = run_check(code, ALLOWED_HOSTS="moteplass.example.no")
    assert unhealthy.returncode == 1
    assert "HTTP Error 503" in unhealthy.stderr


def test_the_beat_health_check_wants_a_recently_saved_schedule(tmp_path):
    code = python_check("beat")
    assert '"/tmp/celerybeat-schedule*"' in code
    assert SERVICES["beat"]["command"][-2:] == ["--schedule", "/tmp/celerybeat-schedule"]
    code = code.replace("/tmp/celerybeat-schedule", str(tmp_path / "celerybeat-schedule"))

    assert run_check(code).returncode == 1  # beat has not saved a schedule yet
    saved = tmp_path / "celerybeat-schedule.dat"  # dbm.dumb's name; gdbm's has no suffix
    saved.write_bytes(b"schedule")
    assert run_check(code).returncode == 0
    nine_minutes_ago = time.time() - 9 * 60
    os.utime(saved, (nine_minutes_ago, nine_minutes_ago))
    assert run_check(code).returncode == 0
    eleven_minutes_ago = time.time() - 11 * 60
    os.utime(saved, (eleven_minutes_ago, eleven_minutes_ago))
    assert run_check(code).returncode == 1


def load_conf(monkeypatch, **env: str) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "FORWARDED_ALLOW_IPS", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_conf_reads_the_environment(monkeypatch):
    from gunicorn.config import Config

    conf = load_conf(monkeypatch)
    assert conf["workers"] == min(2 * (os.cpu_count() or 1) + 1, 8)
    assert (conf["threads"], conf["worker_class"]) == (1, "sync")
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert conf["worker_tmp_dir"] == "/dev/shm"

    conf = load_conf(
        monkeypatch,
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="4",
        FORWARDED_ALLOW_IPS="10.0.0.2",
        GUNICORN_TIMEOUT="45",
    )
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (3, 4, "gthread")
    assert (conf["forwarded_allow_ips"], conf["timeout"]) == ("10.0.0.2", 45)

    # every setting in the file is one gunicorn knows (it ignores unknown names silently)
    # and has a value it accepts
    settings = {
        name: value
        for name, value in conf.items()
        if name.islower()
        and not name.startswith("_")
        and not inspect.ismodule(value)
        and not inspect.isfunction(value)
    }
    config = Config()
    assert set(settings) <= set(config.settings)
    for name, value in settings.items():
        config.set(name, value)
    assert config.workers == 3

    with pytest.raises(SystemExit, match="WEB_CONCURRENCY must be a whole number, not 'many'"):
        load_conf(monkeypatch, WEB_CONCURRENCY="many")
    with pytest.raises(SystemExit, match="GUNICORN_THREADS must be at least 1"):
        load_conf(monkeypatch, GUNICORN_THREADS="0")


def get(url: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_gunicorn_serves_the_app_and_logs_json_lines_without_secrets(tmp_path):
    port = free_port()
    env = worker_env(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
    )
    env.pop("REDIS_URL", None)
    stdout, stderr = tmp_path / "stdout", tmp_path / "stderr"
    # files, not pipes: a full pipe would block gunicorn
    with stdout.open("w") as out, stderr.open("w") as err:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "moteplass.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: get(f"{base}/health/") == 200, timeout=60, what="gunicorn")
        secret = get(
            f"{base}/registration/s3cret-t0ken/ticket/?code=C0DE42&lang=nb",
            headers={
                "Referer": f"{base}/invitation/inv1tat10n/",
                "X-Forwarded-For": "203.0.113.7",
            },
        )
    finally:
        server.terminate()
        server.wait(timeout=60)
    out, err = stdout.read_text(), stderr.read_text()
    assert "Using worker: gthread" in err
    lines = [json.loads(line) for line in out.splitlines()]
    health = next(line for line in lines if line["path"] == "/health/" and line["status"] == 200)
    assert health["method"] == "GET"
    assert health["remote_addr"] == "127.0.0.1"
    assert health["bytes"] > 0
    assert health["duration_ms"] >= 0
    [personal] = [line for line in lines if line["path"].startswith("/registration/")]
    assert personal["path"] == "/registration/[redacted]/ticket/"
    assert personal["query"] == "code=[redacted]&lang=nb"
    assert personal["referer"] == f"{base}/invitation/[redacted]/"
    assert personal["forwarded_for"] == "203.0.113.7"
    assert personal["status"] == secret
    for leaked in ("s3cret-t0ken", "C0DE42", "inv1tat10n"):
        assert leaked not in out
