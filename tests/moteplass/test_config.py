"""Start-up fails with one clear message naming the variable (subprocesses: real start-up)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from moteplass.config import ConfigError, database_from_env, env_bool, redis_url_from_env

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env,message",
    [
        (
            {"DATABASE_URL": "mysql://localhost/moteplass"},
            "Configuration error: DATABASE_URL must be a postgres://user:password@host:port/name "
            "or sqlite:///path URL (scheme 'mysql' is not supported).",
        ),
        (
            {"DEBUG": "0", "ALLOWED_HOSTS": "example.no"},
            "Configuration error: SECRET_KEY must be set (see README, 'Configuration').",
        ),
        (
            {"DEBUG": "maybe"},
            "Configuration error: DEBUG must be true or false (1/0, yes/no, on/off), not 'maybe'.",
        ),
        (
            {"RATE_LIMIT_REGISTRATION": "60 per minute"},
            "Configuration error: RATE_LIMIT_REGISTRATION must be a rate per client address such "
            "as 60/m/ip (amount/period, periods s m h d, several separated by commas), not "
            "'60 per minute'.",
        ),
        (
            {"REDIS_URL": "localhost:6379"},
            "Configuration error: REDIS_URL must be a redis://host:port/db URL, "
            "not 'localhost:6379'.",
        ),
    ],
)
def test_bad_configuration_stops_start_up_with_one_line(env, message):
    result = run_check(**env)
    assert result.returncode == 2
    assert result.stderr.strip() == message


def test_default_configuration_starts():
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_sqlite_default_uses_wal_and_immediate_transactions(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env("DATABASE_URL", tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://app:secret@db.example.no:5433/moteplass")
    config = database_from_env("DATABASE_URL", tmp_path / "unused.sqlite3")
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "db.example.no",
        5433,
        "moteplass",
    )


def test_postgres_url_without_database_name_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://db.example.no:5432")
    with pytest.raises(ConfigError, match="DATABASE_URL must name a database"):
        database_from_env("DATABASE_URL", tmp_path / "unused.sqlite3")


def test_env_bool_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False


def test_redis_url_port_must_be_a_number(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://localhost:port/0")
    with pytest.raises(ConfigError, match="REDIS_URL has an invalid port"):
        redis_url_from_env("REDIS_URL")


IPV6 = "is not a valid URL: Invalid IPv6 URL."


@pytest.mark.parametrize(
    "env,message",
    [
        ({"DATABASE_URL": "postgres://u@[::1/db"}, f"Configuration error: DATABASE_URL {IPV6}"),
        ({"REDIS_URL": "redis://[::1"}, f"Configuration error: REDIS_URL {IPV6}"),
        (
            {"REDIS_URL": "redis://127.0.0.1:6379/abc"},
            "Configuration error: REDIS_URL must end in a database number, e.g. /0, "
            "not 'redis://127.0.0.1:6379/abc'.",
        ),
    ],
)
def test_malformed_urls_stop_start_up_with_one_line(env, message):
    result = run_check(**env)
    assert result.returncode == 2
    assert result.stderr.strip() == message


def test_celery_worker_reports_configuration_errors_in_one_line():
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean["DEBUG"] = "maybe"
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "moteplass", "inspect", "ping"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuration error: DEBUG must be true or false (1/0, yes/no, on/off), not 'maybe'."
    )


def test_postgres_pool_is_configured_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://app:secret@db.example.no:5432/moteplass")
    monkeypatch.setenv("DATABASE_POOL_SIZE", "8")
    config = database_from_env("DATABASE_URL", tmp_path / "unused.sqlite3")
    assert config["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10}
    assert config["CONN_MAX_AGE"] == 0  # Django refuses persistent connections with a pool
    monkeypatch.delenv("DATABASE_POOL_SIZE")
    config = database_from_env("DATABASE_URL", tmp_path / "unused.sqlite3")
    assert "pool" not in config.get("OPTIONS", {})
    assert config["CONN_MAX_AGE"] == 60


def test_sqlite_ignores_the_pool_size(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_POOL_SIZE", "8")
    config = database_from_env("DATABASE_URL", tmp_path / "db.sqlite3")
    assert "pool" not in config["OPTIONS"]


LOG_SCRIPT = """
import logging
import django
django.setup()
log = logging.getLogger("conferences.tasks")
log.warning("PDF %s failed", "nb", extra={"conference": "mt-2031"})
"""


def test_production_logs_are_one_json_object_a_line():
    import json

    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="moteplass.settings",
        DEBUG="0",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="moteplass.example.no",
    )
    result = subprocess.run(
        [sys.executable, "-c", LOG_SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "conferences.tasks"
    assert line["message"] == "PDF nb failed"
    assert line["conference"] == "mt-2031"
    assert line["time"][10] == "T" and line["time"][-5] in "+-"


def test_an_unknown_log_format_stops_start_up():
    result = run_check(LOG_FORMAT="xml")
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "Configuration error: LOG_FORMAT must be json or text, not 'xml'."
    )
