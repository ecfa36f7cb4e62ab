# Shared by scripts/backup.sh and scripts/restore.sh (sourced, not run): reading DATABASE_URL and
# MEDIA_ROOT the way the settings do, the PostgreSQL client tools and their versions.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BACKUP_FORMAT="moteplass-backup-1"
BACKUP_FILES=(database.dump media.tar.gz migrations.txt manifest.txt)

die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

say() { printf '%s: %s\n' "$PROG" "$*"; }

# The Python that runs the app: $PYTHON, else the project's .venv, else python3 (the image's).
python_bin() {
    if [[ -n "${PYTHON:-}" ]]; then
        echo "$PYTHON"
    elif [[ -x "$ROOT/.venv/bin/python" ]]; then
        echo "$ROOT/.venv/bin/python"
    else
        command -v python3 || command -v python || die "no python3 on PATH (set PYTHON)."
    fi
}

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || case "$tool" in
            pg_dump | pg_restore | psql)
                die "$tool is missing: install the PostgreSQL client tools (Debian: postgresql-client;" \
                    "their major version must be at least the server's)."
                ;;
            *) die "$tool is missing." ;;
        esac
    done
}

# DATABASE_URL as libpq understands it, in DB_URL; DB_LABEL names it without the password.
read_database_url() {
    local url="${DATABASE_URL:-}"
    [[ -n "$url" ]] || die "DATABASE_URL is not set. It must point at the PostgreSQL database" \
        "(postgres://user:password@host:5432/name), as for the app."
    case "$url" in
        postgres://* | postgresql://*) DB_URL="$url" ;;
        pgsql://*) DB_URL="postgresql://${url#pgsql://}" ;;
        sqlite:*)
            die "DATABASE_URL is SQLite: these scripts back up PostgreSQL only. For a development" \
                "database copy the file with: sqlite3 db.sqlite3 \".backup db-copy.sqlite3\""
            ;;
        *) die "DATABASE_URL must be a postgres://user:password@host:5432/name URL." ;;
    esac
    DB_LABEL="$(printf '%s' "$DB_URL" | sed -E 's#//([^:@/]*):[^@/]*@#//\1:***@#')"
}

psql_run() {
    psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB_URL" "$@"
}

check_connection() {
    local error
    if ! error="$(psql_run -c 'select 1' 2>&1 >/dev/null)"; then
        die "cannot connect to $DB_LABEL: ${error:-no answer}"
    fi
}

major_of_tool() {
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" -> 15
    "$1" --version | sed -nE 's/.*\(PostgreSQL\) ([0-9]+).*/\1/p'
}

# The client tool must be at least the server's major version (pg_dump refuses newer servers).
check_tool_version() {
    local tool=$1 server client
    server="$(psql_run -c 'show server_version_num')"
    server=$((server / 10000))
    client="$(major_of_tool "$tool")"
    [[ -n "$client" ]] || die "cannot tell the version of $tool ($($tool --version))."
    if ((client < server)); then
        die "$tool is version $client but the server runs PostgreSQL $server: install the" \
            "client tools of version $server or newer (e.g. postgresql-client-$server from" \
            "apt.postgresql.org) and put them first on PATH."
    fi
    SERVER_VERSION="$(psql_run -c 'show server_version')"
}

read_media_root() {
    MEDIA_DIR="${MEDIA_ROOT:-$ROOT/media}"
    [[ "$MEDIA_DIR" = /* ]] || MEDIA_DIR="$PWD/$MEDIA_DIR"
    MEDIA_DIR="${MEDIA_DIR%/}"
    [[ -n "$MEDIA_DIR" ]] || die "MEDIA_ROOT must not be the root directory."
}

# The applied migrations, "app name" per line in the order they were applied.
applied_migrations() {
    local exists
    exists="$(psql_run -c "select to_regclass('public.django_migrations') is not null")"
    [[ "$exists" = t ]] || return 1
    psql_run -F ' ' -c 'select app, name from django_migrations order by id'
}
