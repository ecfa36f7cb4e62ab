#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL and MEDIA_ROOT.
#
#   scripts/restore.sh [--force] BACKUP_DIRECTORY
#
# It checks everything first and changes nothing when a check fails:
#   - the backup is complete and intact (manifest format, SHA256SUMS, pg_restore reads the dump);
#   - this code knows every migration in the backup (if not, the backup was made by a newer
#     version of Møteplass: deploy that version first);
#   - the database has no tables and MEDIA_ROOT has no files.
# --force overrides the last two: it replaces what is in the database and in MEDIA_ROOT. Stop
# web, worker and beat first, and back up what you are about to replace. Checksums cannot be
# overridden.
#
# Then: pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction (all or
# nothing) into DATABASE_URL, and the media unpacked into MEDIA_ROOT (old files are removed only
# once the new ones are unpacked). If the code has migrations the backup lacks, run
# `python manage.py migrate` afterwards. Needs pg_restore and psql of the server's major version
# or newer, tar, gzip, sha256sum and the app's Python (PYTHON, else .venv, else python3).
set -euo pipefail

PROG=restore
# shellcheck source=scripts/backup-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/backup-common.sh"

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
    exit "${1:-0}"
}

FORCE=0
BACKUP=""
while (($#)); do
    case "$1" in
        -h | --help) usage ;;
        --force) FORCE=1 ;;
        -*) die "unknown option $1 (see --help)." ;;
        *)
            [[ -z "$BACKUP" ]] || die "one backup directory only (see --help)."
            BACKUP=$1
            ;;
    esac
    shift
done
[[ -n "$BACKUP" ]] || usage 2

require_tools pg_restore psql tar gzip sha256sum
read_database_url
read_media_root

# --- 1. The backup ------------------------------------------------------------------------------

[[ -d "$BACKUP" ]] || die "$BACKUP is not a directory."
BACKUP="$(cd "$BACKUP" && pwd)"
for file in "${BACKUP_FILES[@]}" SHA256SUMS; do
    [[ -f "$BACKUP/$file" ]] || die "$BACKUP/$file is missing: not a complete backup."
done
format="$(sed -n 's/^format=//p' "$BACKUP/manifest.txt")"
[[ "$format" = "$BACKUP_FORMAT" ]] || die "$BACKUP/manifest.txt is not a $BACKUP_FORMAT" \
    "manifest (format=${format:-missing})."
listed="$(awk '{ sub(/^\*/, "", $2); print $2 }' "$BACKUP/SHA256SUMS" | sort | tr '\n' ' ')"
expected="$(printf '%s\n' "${BACKUP_FILES[@]}" | sort | tr '\n' ' ')"
[[ "$listed" = "$expected" ]] || die "$BACKUP/SHA256SUMS lists [${listed% }], expected" \
    "[${expected% }]."
if ! problems="$(cd "$BACKUP" && sha256sum --check --quiet SHA256SUMS 2>&1)"; then
    die "checksums do not match, the backup is damaged or was changed:" \
        "$(printf '%s' "$problems" | tr '\n' ';')"
fi
pg_restore --list "$BACKUP/database.dump" >/dev/null \
    || die "pg_restore cannot read $BACKUP/database.dump (made by a newer pg_dump?)."
say "backup $BACKUP ($(grep -E '^(created|commit)=' "$BACKUP/manifest.txt" | tr '\n' ' '))"

# --- 2. Its migrations against this code --------------------------------------------------------

PY="$(python_bin)"
if ! code_migrations="$(cd "$ROOT" && "$PY" -c '
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moteplass.settings")
import django
django.setup()
from django.db.migrations.loader import MigrationLoader
for app, name in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations):
    print(app, name)
' 2>&1)"; then
    die "cannot list this code's migrations with $PY (is the app's environment set?): $code_migrations"
fi
unknown="$(comm -23 <(sort "$BACKUP/migrations.txt") <(printf '%s\n' "$code_migrations" | sort))"
missing="$(comm -13 <(sort "$BACKUP/migrations.txt") <(printf '%s\n' "$code_migrations" | sort))"
refusals=()
if [[ -n "$unknown" ]]; then
    refusals+=("the backup has $(printf '%s\n' "$unknown" | wc -l) migrations this code does not"
        "know (first: $(printf '%s\n' "$unknown" | head -n 1)); it was made by a newer version"
        "($(sed -n 's/^commit=//p' "$BACKUP/manifest.txt")): deploy that version and restore"
        "with it.")
fi

# --- 3. The target ------------------------------------------------------------------------------

check_connection
check_tool_version pg_restore

tables="$(psql_run -c "
    select count(*) from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'")"
if ((tables > 0)); then
    applied="$(applied_migrations | wc -l || true)"
    refusals+=("the database $DB_LABEL is not empty ($tables tables, $applied applied migrations);"
        "restoring replaces its contents.")
fi
if [[ -e "$MEDIA_DIR" && ! -d "$MEDIA_DIR" ]]; then
    die "MEDIA_ROOT $MEDIA_DIR is not a directory."
fi
if [[ -d "$MEDIA_DIR" && -n "$(find "$MEDIA_DIR" -mindepth 1 -print -quit)" ]]; then
    refusals+=("MEDIA_ROOT $MEDIA_DIR is not empty ($(find "$MEDIA_DIR" -type f | wc -l) files);"
        "restoring replaces them.")
fi
if ((${#refusals[@]})); then
    if ((FORCE)); then
        say "--force: going ahead although ${refusals[*]}"
    else
        die "refusing to restore: ${refusals[*]} If that is what you want, stop web, worker and" \
            "beat, back up what is there now, and run again with --force."
    fi
fi

# --- 4. Restore ---------------------------------------------------------------------------------

say "database -> $DB_LABEL"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --dbname="$DB_URL" "$BACKUP/database.dump"

say "media -> $MEDIA_DIR"
mkdir -p "$MEDIA_DIR"
UNPACK="$MEDIA_DIR/.moteplass-restore.$$"
trap 'rm -rf "$UNPACK"' EXIT
mkdir "$UNPACK"
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$UNPACK" --no-same-owner
find "$MEDIA_DIR" -mindepth 1 -maxdepth 1 ! -path "$UNPACK" -exec rm -rf -- {} +
find "$UNPACK" -mindepth 1 -maxdepth 1 -exec mv -t "$MEDIA_DIR" -- {} +
rmdir "$UNPACK"
trap - EXIT

expected_files="$(sed -n 's/^media_files=//p' "$BACKUP/manifest.txt")"
restored_files="$(find "$MEDIA_DIR" -type f | wc -l)"
[[ "$restored_files" = "$expected_files" ]] || die "MEDIA_ROOT has $restored_files files after" \
    "the restore, the manifest says $expected_files."

say "done: database and $restored_files media files restored."
if [[ -n "$missing" ]]; then
    say "this code has $(printf '%s\n' "$missing" | wc -l) migrations the backup lacks: run" \
        "'python manage.py migrate' (docker compose run --rm migrate) before starting the app."
fi
