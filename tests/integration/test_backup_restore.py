"""Backup and restore with scripts/backup.sh and scripts/restore.sh, on a PostgreSQL database of
the test's own (moteplass_backup_<random>, dropped at the end) and a media directory of its own.

The database is migrated and seeded with the demo data at its richest stage (``seed_demo
--stage after``, tasks in-process, so the programme and report PDFs exist in the media
directory). Its fingerprint — the rows of every table (count and a hash of the ordered rows),
the sequences and the sha256 of every media file — must be the same after a backup, a wipe (the
database dropped and created again, the media directory deleted) and a restore; the restored app
must pass ``check`` and ``migrate --check``, serve its pages and find every generated file.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from psycopg import sql

from tests.integration.conftest import INTEGRATION
from tests.integration.harness import ROOT, worker_env

pytestmark = INTEGRATION

BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
SLUG = "moteplass-telemark-2026"


def server() -> dict:
    config = settings.DATABASES["default"]
    return {
        "host": config["HOST"] or "127.0.0.1",
        "port": str(config["PORT"] or "5432"),
        "user": config["USER"] or "",
        "password": config.get("PASSWORD") or "",
    }


def database_url(name: str) -> str:
    parts = server()
    credentials = quote(parts["user"], safe="")
    if parts["password"]:
        credentials += ":" + quote(parts["password"], safe="")
    at = f"{credentials}@" if credentials else ""
    return f"postgres://{at}{parts['host']}:{parts['port']}/{name}"


def connect(name: str) -> psycopg.Connection:
    parts = server()
    return psycopg.connect(
        host=parts["host"],
        port=parts["port"],
        user=parts["user"] or None,
        password=parts["password"] or None,
        dbname=name,
        autocommit=True,
    )


def create_database(name: str) -> None:
    with connect("postgres") as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    with connect("postgres") as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def run(*command, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited with {result.returncode}:\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return result


def manage(*arguments, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    return run(sys.executable, "manage.py", *arguments, env=env, check=check)


def table_fingerprint(name: str) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: its row count and the md5 of its rows in order."""
    with connect(name) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        result = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                "FROM {} AS t"
            ).format(sql.Identifier(table))
            count, digest = conn.execute(query).fetchone()
            result[table] = (count, digest)
        return result


def sequence_fingerprint(name: str) -> dict[str, int | None]:
    with connect(name) as conn:
        rows = conn.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        return dict(rows.fetchall())


def media_fingerprint(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def fingerprint(name: str, media: Path) -> dict:
    return {
        "tables": table_fingerprint(name),
        "sequences": sequence_fingerprint(name),
        "media": media_fingerprint(media),
    }


# Run in a subprocess against the restored database: the pages answer and every generated file
# the database names is in MEDIA_ROOT (its sha256, to compare with the media fingerprint).
APP_CHECK = f"""
import hashlib, json, os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moteplass.settings")
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from conferences.models import ProgrammeFile, ReportFile
setup_test_environment()
client = Client()
pages = {{}}
for url in ["/", "/programme/{SLUG}/"]:
    response = client.get(url, headers={{"accept-language": "nb"}})
    pages[url] = [response.status_code, "Møteplass Telemark 2026" in response.text]
files = {{}}
for model in (ProgrammeFile, ReportFile):
    for row in model.objects.exclude(file=""):
        with row.file.open("rb") as handle:
            files[row.file.name] = hashlib.sha256(handle.read()).hexdigest()
print(json.dumps({{"pages": pages, "files": files}}))
"""


@dataclass
class Seeded:
    name: str
    url: str
    media: Path
    env: dict[str, str]
    backup: Path
    fingerprint: dict


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Seeded:
    """A migrated database with the demo data at the `after` stage, its media and one backup."""
    base = tmp_path_factory.mktemp("backup")
    name = f"moteplass_backup_{secrets.token_hex(4)}"
    media = base / "media"
    url = database_url(name)
    env = worker_env(DEBUG="1", DATABASE_URL=url, MEDIA_ROOT=str(media), PYTHON=sys.executable)
    create_database(name)
    try:
        manage("migrate", "--noinput", "-v", "0", env=env)
        manage("seed_demo", "--stage", "after", env=env)
        before = fingerprint(name, media)
        result = run(BACKUP, base / "backups", env=env)
        [backup] = (base / "backups").iterdir()
        assert f"done: {backup}" in result.stdout
        yield Seeded(name, url, media, env, backup, before)
    finally:
        drop_database(name)


def test_the_demo_data_is_worth_backing_up(seeded):
    """The fingerprint covers every model's table, and the seed filled the important ones."""
    tables = seeded.fingerprint["tables"]
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    assert model_tables <= set(tables)
    assert tables["conferences_session"][0] == 32
    assert tables["conferences_registration"][0] == 65
    assert tables["conferences_programmefile"][0] == 2
    assert tables["conferences_reportfile"][0] == 2
    media = sorted(seeded.fingerprint["media"])
    assert media[:2] == [
        "programmes/moteplass-telemark-2026-v1-nb.pdf",
        "programmes/moteplass-telemark-2026-v1-nn.pdf",
    ]
    assert [name.split("-report-")[0] for name in media[2:]] == [
        "reports/moteplass-telemark-2026",
        "reports/moteplass-telemark-2026",
    ]
    manifest = (seeded.backup / "manifest.txt").read_text()
    assert "format=moteplass-backup-1" in manifest
    assert "media_files=4" in manifest
    assert f"/{seeded.name}\n" in manifest
    assert sorted(path.name for path in seeded.backup.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "manifest.txt",
        "media.tar.gz",
        "migrations.txt",
    ]
    applied = (seeded.backup / "migrations.txt").read_text().splitlines()
    assert len(applied) == tables["django_migrations"][0]


def test_backup_wipe_restore_gives_the_same_data_and_a_working_app(seeded):
    # wipe: the database dropped and created empty, the media directory gone
    drop_database(seeded.name)
    create_database(seeded.name)
    shutil.rmtree(seeded.media)
    assert table_fingerprint(seeded.name) == {}

    result = run(RESTORE, seeded.backup, env=seeded.env)  # empty target: no --force needed
    assert "restore: done: database and 4 media files restored." in result.stdout
    assert "migrations the backup lacks" not in result.stdout

    after = fingerprint(seeded.name, seeded.media)
    assert after["tables"] == seeded.fingerprint["tables"]
    assert after["sequences"] == seeded.fingerprint["sequences"]
    assert after["media"] == seeded.fingerprint["media"]

    manage("check", env=seeded.env)
    manage("migrate", "--check", env=seeded.env)
    checked = run(sys.executable, "-c", APP_CHECK, env=seeded.env)
    report = json.loads(checked.stdout.strip().splitlines()[-1])
    assert report["pages"] == {"/": [200, True], f"/programme/{SLUG}/": [200, True]}
    assert report["files"] == seeded.fingerprint["media"]


def test_restore_refuses_a_damaged_backup_and_a_full_target(seeded, tmp_path):
    before = fingerprint(seeded.name, seeded.media)

    refused = run(RESTORE, seeded.backup, env=seeded.env, check=False)
    assert refused.returncode == 1
    assert "refusing to restore: the database" in refused.stderr
    assert "is not empty (" in refused.stderr
    assert f"MEDIA_ROOT {seeded.media} is not empty (4 files)" in refused.stderr
    assert "run again with --force" in refused.stderr

    damaged = tmp_path / "damaged"
    shutil.copytree(seeded.backup, damaged)
    with (damaged / "media.tar.gz").open("ab") as handle:
        handle.write(b"\0")
    refused = run(RESTORE, "--force", damaged, env=seeded.env, check=False)
    assert refused.returncode == 1
    assert "checksums do not match" in refused.stderr
    assert "media.tar.gz: FAILED" in refused.stderr

    newer = tmp_path / "newer"
    shutil.copytree(seeded.backup, newer)
    with (newer / "migrations.txt").open("a") as handle:
        handle.write("conferences 9999_from_a_newer_version\n")
    sums = subprocess.run(
        ["sha256sum", "database.dump", "media.tar.gz", "migrations.txt", "manifest.txt"],
        cwd=newer,
        capture_output=True,
        text=True,
        check=True,
    )
    (newer / "SHA256SUMS").write_text(sums.stdout)
    refused = run(RESTORE, newer, env=seeded.env, check=False)
    assert refused.returncode == 1
    assert "the backup has 1 migrations this code does not know" in refused.stderr
    assert "(first: conferences 9999_from_a_newer_version)" in refused.stderr

    sqlite = run(
        BACKUP, tmp_path / "b", env={**seeded.env, "DATABASE_URL": "sqlite:///x.db"}, check=False
    )
    assert sqlite.returncode == 1
    assert "DATABASE_URL is SQLite: these scripts back up PostgreSQL only" in sqlite.stderr

    assert fingerprint(seeded.name, seeded.media) == before
