"""Read configuration from environment variables, failing early with one clear message.

Every variable is documented in the README ("Configuration"). A wrong or missing required value
raises :class:`ConfigError`, which ``manage.py``, the WSGI entry point and the Celery app turn into
a single line on standard error and a non-zero exit.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(ImproperlyConfigured):
    """A configuration variable is missing or malformed."""


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if required:
            raise ConfigError(f"{name} must be set (see README, 'Configuration').")
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} must be true or false (1/0, yes/no, on/off), not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {number}.")
    return number


RATE_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rates(text: str) -> list[tuple[int, int]]:
    """Per-address rates in allauth's syntax, ``"60/m/ip"`` or ``"10/5m,100/h"``, as
    (amount, window in seconds) pairs; ValueError for anything else."""
    rates = []
    for part in text.split(","):
        amount, duration, *per = part.strip().split("/")
        if per not in ([], ["ip"]):
            raise ValueError(f"only per-address rates (…/ip) are supported, not {part!r}")
        if not amount.isdigit() or duration[-1:] not in RATE_UNITS:
            raise ValueError(f"not a rate: {part!r}")
        count = duration[:-1] or "1"
        if not count.isdigit() or int(count) == 0:
            raise ValueError(f"not a rate: {part!r}")
        rates.append((int(amount), int(count) * RATE_UNITS[duration[-1]]))
    return rates


def env_rate(name: str, default: str) -> str:
    """A rate limit per client address, checked at start-up (see :func:`parse_rates`)."""
    value = env_str(name, default)
    try:
        parse_rates(value)
    except ValueError:
        raise ConfigError(
            f"{name} must be a rate per client address such as 60/m/ip (amount/period, "
            f"periods s m h d, several separated by commas), not {value!r}."
        ) from None
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env(name: str, default_sqlite_path: Path) -> dict:
    """Parse DATABASE_URL (PostgreSQL or SQLite); SQLite gets WAL and IMMEDIATE transactions."""
    import dj_database_url

    url = env_str(name)
    if url is None:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    else:
        scheme = _split(name, url).scheme
        if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
            raise ConfigError(
                f"{name} must be a postgres://user:password@host:port/name or sqlite:///path URL "
                f"(scheme {scheme or 'missing'!r} is not supported)."
            )
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except (ValueError, KeyError) as error:
            raise ConfigError(f"{name} is not a valid database URL: {error}") from None
        if not config.get("NAME"):
            raise ConfigError(f"{name} must name a database, e.g. postgres://host:5432/moteplass.")
    pool_size = env_int("DATABASE_POOL_SIZE", 0, minimum=0)
    if pool_size and config["ENGINE"] != "django.db.backends.sqlite3":
        # psycopg's connection pool in each process (Django >= 5.1): connections are shared
        # by the threads of a gunicorn gthread worker and the Celery worker's threads; persistent
        # connections (CONN_MAX_AGE) are then off, as Django requires.
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(2, pool_size),
            "max_size": pool_size,
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
        }
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
        }
    return config


def redis_url_from_env(name: str) -> str | None:
    url = env_str(name)
    if url is None:
        return None
    parts = _split(name, url)
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise ConfigError(f"{name} must be a redis://host:port/db URL, not {url!r}.")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise ConfigError(f"{name} has an invalid port: {url!r}.") from None
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise ConfigError(f"{name} must end in a database number, e.g. /0, not {url!r}.")
    return url


def _split(name: str, url: str):
    try:
        return urlsplit(url)
    except ValueError as error:
        raise ConfigError(f"{name} is not a valid URL: {error}.") from None
