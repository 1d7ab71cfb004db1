#!/usr/bin/env bash
# labportal backups: the database as a pg_dump in custom format and the media directory as a
# tar.gz, both named by one UTC timestamp, written to BACKUP_DIR. Only the BACKUP_KEEP newest
# backups are kept.
#
#   ops/backup.sh           a backup now, then one every BACKUP_INTERVAL_HOURS hours, until stopped
#                           (the `backup` service of docker-compose.yml)
#   ops/backup.sh --once    one backup, then exit (also BACKUP_ONCE=1)
#
# Environment:
#   DATABASE_URL           postgres://user:password@host:5432/name; when unset, libpq's PGHOST,
#                          PGPORT, PGUSER, PGPASSWORD and PGDATABASE (PGDATABASE is required then)
#   BACKUP_DIR             where the backups go (default /backups)
#   MEDIA_DIR              the portal's MEDIA_ROOT to archive (default /app/var/media; set it to
#                          an empty value for database-only backups)
#   BACKUP_INTERVAL_HOURS  hours between two backups (default 24)
#   BACKUP_KEEP            backups to keep, newest first (default 14)
#
# Exit status with --once: 0 a backup was made, 1 it failed, 2 a usage or setup error.
#
# Each backup is two files:
#   labportal-YYYYMMDDTHHMMSSZ.dump            pg_dump --format=custom (restore: ops/restore.sh)
#   labportal-YYYYMMDDTHHMMSSZ-media.tar.gz    the media directory's contents
# Both are written under a temporary name (.partial-...) and renamed when complete, the media
# archive first, so a .dump that can be seen is whole and its media archive is beside it.
set -Eeuo pipefail
umask 077

BACKUP_DIR="${BACKUP_DIR:-/backups}"
MEDIA_DIR="${MEDIA_DIR-/app/var/media}"
BACKUP_INTERVAL_HOURS="${BACKUP_INTERVAL_HOURS:-24}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
PREFIX="labportal"

log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
failed() {
    log "FAILED: $*; no backup made" >&2
    cleanup
    partials=()
}
die() {
    printf 'backup: error: %s\n' "$1" >&2
    exit 2
}

usage() {
    echo "usage: ops/backup.sh [--once]" >&2
    exit 2
}

once="${BACKUP_ONCE:-0}"
case "$once" in 1 | true | yes) once=1 ;; *) once=0 ;; esac
for argument in "$@"; do
    case "$argument" in
        --once) once=1 ;;
        -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
        *) usage ;;
    esac
done

[[ "$BACKUP_INTERVAL_HOURS" =~ ^[1-9][0-9]*$ ]] \
    || die "BACKUP_INTERVAL_HOURS must be a whole number of hours, 1 or more (is '$BACKUP_INTERVAL_HOURS')"
[[ "$BACKUP_KEEP" =~ ^[1-9][0-9]*$ ]] \
    || die "BACKUP_KEEP must be a whole number, 1 or more (is '$BACKUP_KEEP')"

# The database: DATABASE_URL as a libpq connection URI, or the PG* variables.
if [[ -n "${DATABASE_URL:-}" ]]; then
    [[ "$DATABASE_URL" =~ ^postgres(ql)?:// ]] \
        || die "DATABASE_URL must be a postgres:// URL (backups are for PostgreSQL)"
    DATABASE="$DATABASE_URL"
elif [[ -n "${PGDATABASE:-}" ]]; then
    DATABASE="$PGDATABASE"
else
    die "set DATABASE_URL, or PGDATABASE (with PGHOST, PGUSER, PGPASSWORD): the database to back up"
fi

for tool in pg_dump tar gzip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done
mkdir -p "$BACKUP_DIR" || die "cannot create BACKUP_DIR $BACKUP_DIR"
[[ -w "$BACKUP_DIR" ]] || die "BACKUP_DIR $BACKUP_DIR is not writable"
if [[ -n "$MEDIA_DIR" && ! -d "$MEDIA_DIR" ]]; then
    die "MEDIA_DIR $MEDIA_DIR is not a directory (set MEDIA_DIR= for database-only backups)"
fi

# Temporary files of the backup under way: removed if it fails or is stopped. Long steps run
# as a child that is waited for, so that a stop (docker compose stop: SIGTERM) ends them at once.
partials=()
child=""
cleanup() {
    ((${#partials[@]})) && rm -f -- "${partials[@]}"
    return 0
}
on_stop() {
    if [[ -n "$child" ]]; then
        kill "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    log "stopped"
    exit 143
}
trap cleanup EXIT
trap on_stop TERM INT
run() {
    local status=0
    "$@" &
    child=$!
    wait "$child" || status=$?
    child=""
    return "$status"
}

backup_once() {
    local stamp dump media partial_dump partial_media
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    # Two backups within one second would share a name: wait for the next second.
    while [[ -e "$BACKUP_DIR/$PREFIX-$stamp.dump" ]]; do
        sleep 1
        stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    done
    dump="$BACKUP_DIR/$PREFIX-$stamp.dump"
    media="$BACKUP_DIR/$PREFIX-$stamp-media.tar.gz"
    partial_dump="$BACKUP_DIR/.partial-$PREFIX-$stamp.dump"
    partial_media="$BACKUP_DIR/.partial-$PREFIX-$stamp-media.tar.gz"
    partials=("$partial_dump" "$partial_media")

    log "dumping the database to $dump"
    run pg_dump --no-password --format=custom --file="$partial_dump" --dbname="$DATABASE" \
        || { failed "pg_dump exited with an error (see above)"; return 1; }
    if [[ -n "$MEDIA_DIR" ]]; then
        log "archiving $MEDIA_DIR to $media"
        run tar --create --gzip --numeric-owner --file="$partial_media" --directory="$MEDIA_DIR" . \
            || { failed "tar exited with an error (see above)"; return 1; }
        mv -f -- "$partial_media" "$media" || { failed "cannot rename $partial_media"; return 1; }
    fi
    mv -f -- "$partial_dump" "$dump" || { failed "cannot rename $partial_dump"; return 1; }
    partials=()
    log "done: $(du -h "$dump" | cut -f1) database${MEDIA_DIR:+, $(du -h "$media" | cut -f1) media}"
    prune
}

# Keep the BACKUP_KEEP newest dumps (names sort by time) and their media archives; also
# remove temporary files a killed run left behind more than a day ago.
prune() {
    local -a dumps=()
    local old
    mapfile -t dumps < <(find "$BACKUP_DIR" -maxdepth 1 -type f -name "$PREFIX-*.dump" | sort)
    if ((${#dumps[@]} > BACKUP_KEEP)); then
        for old in "${dumps[@]:0:${#dumps[@]}-BACKUP_KEEP}"; do
            log "removing the old backup $(basename "$old" .dump)"
            rm -f -- "$old" "${old%.dump}-media.tar.gz"
        done
    fi
    find "$BACKUP_DIR" -maxdepth 1 -type f -name ".partial-$PREFIX-*" -mmin +1440 -delete
}

if ((once)); then
    backup_once
    exit $?
fi

log "a backup every $BACKUP_INTERVAL_HOURS h into $BACKUP_DIR, keeping the $BACKUP_KEEP newest"
while true; do
    # A failed backup is logged and tried again at the next interval; the loop goes on.
    backup_once || true
    log "next backup in $BACKUP_INTERVAL_HOURS h"
    run sleep "$((BACKUP_INTERVAL_HOURS * 3600))" || true
done
