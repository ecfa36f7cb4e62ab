#!/usr/bin/env bash
# Back up Møteplass: the PostgreSQL database and the files in MEDIA_ROOT.
#
#   scripts/backup.sh [--keep N] DESTINATION
#
# Writes DESTINATION/moteplass-<UTC time>/ with
#   database.dump    pg_dump --format=custom of DATABASE_URL (restore with pg_restore)
#   media.tar.gz     everything in MEDIA_ROOT (uploaded and generated files)
#   migrations.txt   the applied migrations ("app name", in the order applied)
#   manifest.txt     when, from which database and code version, migration and file counts
#   SHA256SUMS       checksums of the four files (sha256sum -c SHA256SUMS)
# The directory appears only when the backup is complete (it is written as .<name>.partial).
# --keep N then deletes all but the N newest backups in DESTINATION.
#
# DATABASE_URL and MEDIA_ROOT are read as the app reads them (MEDIA_ROOT defaults to media/ in
# the project). Needs pg_dump and psql of the server's major version or newer, tar, gzip and
# sha256sum. Restore with scripts/restore.sh; see "Backups" in the README's production guide.
set -euo pipefail

PROG=backup
# shellcheck source=scripts/backup-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/backup-common.sh"

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
    exit "${1:-0}"
}

KEEP=""
DEST=""
while (($#)); do
    case "$1" in
        -h | --help) usage ;;
        --keep)
            [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || die "--keep needs a number of backups (1 or more)."
            KEEP=$2
            shift 2
            ;;
        --keep=*)
            KEEP=${1#--keep=}
            [[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || die "--keep needs a number of backups (1 or more)."
            shift
            ;;
        -*) die "unknown option $1 (see --help)." ;;
        *)
            [[ -z "$DEST" ]] || die "one destination directory only (see --help)."
            DEST=$1
            shift
            ;;
    esac
done
[[ -n "$DEST" ]] || usage 2

require_tools pg_dump psql tar gzip sha256sum
read_database_url
read_media_root
check_connection
check_tool_version pg_dump

[[ -d "$MEDIA_DIR" ]] || die "MEDIA_ROOT $MEDIA_DIR does not exist. Set MEDIA_ROOT to the" \
    "directory the app stores its files in (in docker-compose.yml: /app/media)."
migrations="$(applied_migrations)" || die "$DB_LABEL has no django_migrations table: it is" \
    "not a migrated Møteplass database."
[[ -n "$migrations" ]] || die "$DB_LABEL has no applied migrations: nothing to back up."

mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
NAME="moteplass-$(date -u +%Y%m%dT%H%M%SZ)"
FINAL="$DEST/$NAME"
WORK="$DEST/.$NAME.partial"
[[ ! -e "$FINAL" && ! -e "$WORK" ]] || die "$FINAL already exists; wait a second and run again."
trap 'rm -rf "$WORK"' EXIT
mkdir -m 700 "$WORK"

say "database $DB_LABEL -> $FINAL/database.dump"
pg_dump --format=custom --compress=6 --file="$WORK/database.dump" --dbname="$DB_URL"
printf '%s\n' "$migrations" >"$WORK/migrations.txt"

say "media $MEDIA_DIR -> $FINAL/media.tar.gz"
media_files="$(find "$MEDIA_DIR" -type f | wc -l)"
media_bytes="$(find "$MEDIA_DIR" -type f -printf '%s\n' | awk '{ sum += $1 } END { print sum + 0 }')"
tar --create --gzip --file="$WORK/media.tar.gz" --directory="$MEDIA_DIR" --numeric-owner .

commit="$(git -C "$ROOT" describe --always --dirty --abbrev=40 2>/dev/null || true)"
{
    echo "format=$BACKUP_FORMAT"
    echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host=${HOSTNAME:-$(uname -n)}"
    echo "commit=${commit:-${MOTEPLASS_COMMIT:-unknown}}"
    echo "database=$DB_LABEL"
    echo "server_version=$SERVER_VERSION"
    echo "pg_dump_version=$(pg_dump --version | sed -nE 's/.*\(PostgreSQL\) ([^ ]+).*/\1/p')"
    echo "migrations=$(printf '%s\n' "$migrations" | wc -l)"
    echo "latest_migration=$(printf '%s\n' "$migrations" | tail -n 1)"
    echo "media_root=$MEDIA_DIR"
    echo "media_files=$media_files"
    echo "media_bytes=$media_bytes"
} >"$WORK/manifest.txt"
(cd "$WORK" && sha256sum "${BACKUP_FILES[@]}" >SHA256SUMS)

mv "$WORK" "$FINAL"
trap - EXIT
say "done: $FINAL ($(du -sh "$FINAL" | cut -f1), $media_files media files)"

if [[ -n "$KEEP" ]]; then
    # Only complete backups made by this script: moteplass-YYYYmmddTHHMMSSZ with SHA256SUMS.
    mapfile -t backups < <(
        find "$DEST" -mindepth 1 -maxdepth 1 -type d -name 'moteplass-[0-9]*T[0-9]*Z' | sort
    )
    complete=()
    for dir in "${backups[@]}"; do
        [[ -f "$dir/SHA256SUMS" ]] && complete+=("$dir")
    done
    excess=$((${#complete[@]} - KEEP))
    for ((i = 0; i < excess; i++)); do
        say "--keep $KEEP: deleting ${complete[i]}"
        rm -rf -- "${complete[i]}"
    done
fi
