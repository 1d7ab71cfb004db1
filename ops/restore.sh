#!/usr/bin/env bash
# Restore a labportal backup made by ops/backup.sh: the database dump into an empty database,
# then the media archive into the media directory.
#
#   ops/restore.sh [--force] DUMP [MEDIA_TARBALL]
#
#   DUMP           labportal-YYYYMMDDTHHMMSSZ.dump (pg_dump --format=custom)
#   MEDIA_TARBALL  labportal-YYYYMMDDTHHMMSSZ-media.tar.gz, unpacked into MEDIA_DIR
#   --force        restore into a database that already has tables: the objects in the dump are
#                  dropped and created again (pg_restore --clean --if-exists); others are kept
#
# Environment:
#   DATABASE_URL   postgres://user:password@host:5432/name, the database to restore into; when
#                  unset, libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE (required then)
#   MEDIA_DIR      where the media archive is unpacked (default /app/var/media); files of the
#                  archive replace files of the same name, other files there are kept
#
# The database is restored in one transaction (pg_restore --single-transaction --exit-on-error):
# if anything fails, nothing of the dump is left in it. Objects are owned by the user restoring
# (--no-owner) and no grants are restored (--no-privileges). Both files are checked before
# anything is changed; a refusal changes nothing.
#
# Exit status: 0 restored, 1 refused (a database with tables, no --force) or failed, 2 a usage
# or setup error (bad arguments, unreadable files, no connection).
set -Eeuo pipefail

MEDIA_DIR="${MEDIA_DIR:-/app/var/media}"

say() { printf 'restore: %s\n' "$*"; }
die() {  # die MESSAGE [STATUS]: 2 for a usage or setup error, 1 for a refusal or a failure
    printf 'restore: error: %s\n' "$1" >&2
    exit "${2:-2}"
}
usage() {
    echo "usage: ops/restore.sh [--force] DUMP [MEDIA_TARBALL]   (ops/restore.sh --help)" >&2
    exit 2
}

force=0
files=()
for argument in "$@"; do
    case "$argument" in
        --force) force=1 ;;
        -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
        -*) usage ;;
        *) files+=("$argument") ;;
    esac
done
((${#files[@]} >= 1 && ${#files[@]} <= 2)) || usage
dump="${files[0]}"
media="${files[1]:-}"

if [[ -n "${DATABASE_URL:-}" ]]; then
    [[ "$DATABASE_URL" =~ ^postgres(ql)?:// ]] \
        || die "DATABASE_URL must be a postgres:// URL (backups are for PostgreSQL)"
    DATABASE="$DATABASE_URL"
elif [[ -n "${PGDATABASE:-}" ]]; then
    DATABASE="$PGDATABASE"
else
    die "set DATABASE_URL, or PGDATABASE (with PGHOST, PGUSER, PGPASSWORD): the database to restore into"
fi
for tool in pg_restore psql tar gzip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
done

# 1. Check both files before touching anything.
[[ -f "$dump" && -r "$dump" ]] || die "cannot read the dump $dump"
pg_restore --list "$dump" >/dev/null 2>&1 \
    || die "$dump is not a dump in pg_dump's custom format (pg_restore --list cannot read it)"
if [[ -n "$media" ]]; then
    [[ -f "$media" && -r "$media" ]] || die "cannot read the media archive $media"
    tar --list --gzip --file="$media" >/dev/null 2>&1 \
        || die "$media is not a readable tar.gz archive"
    if [[ -e "$MEDIA_DIR" && ! -d "$MEDIA_DIR" ]]; then
        die "MEDIA_DIR $MEDIA_DIR is not a directory"
    fi
fi

# 2. The target database: it must answer, and be empty unless --force.
sql() { psql --no-password --no-psqlrc --quiet --tuples-only --no-align --dbname="$DATABASE" -c "$1"; }
target="$(sql "SELECT current_database() || ' (user ' || current_user || ')'" 2>&1)" \
    || die "cannot connect to the database to restore into: $target"
tables="$(sql "SELECT count(*) FROM pg_catalog.pg_tables
               WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
options=(--no-password --no-owner --no-privileges --exit-on-error --single-transaction)
if ((tables > 0)); then
    if ((!force)); then
        die "the database $target is not empty ($tables tables); nothing was changed.
  Restore into an empty database (drop it and create it again), or pass --force to drop and
  recreate the objects that are in the dump (objects that are not in it are kept)." 1
    fi
    say "--force: the database $target is not empty ($tables tables); the dump's objects are replaced"
    options+=(--clean --if-exists)
fi

# 3. The database, in one transaction.
say "restoring $dump into the database $target"
pg_restore "${options[@]}" --dbname="$DATABASE" "$dump" \
    || die "pg_restore failed (see above); the database was left as it was, media were not touched" 1
say "database restored: $(sql "SELECT count(*) FROM pg_catalog.pg_tables
                               WHERE schemaname NOT IN ('pg_catalog', 'information_schema')") tables"

# 4. The media files.
if [[ -n "$media" ]]; then
    say "unpacking $media into $MEDIA_DIR"
    mkdir -p "$MEDIA_DIR"
    tar --extract --gzip --numeric-owner --file="$media" --directory="$MEDIA_DIR" \
        || die "unpacking the media failed (see above); the database is restored" 1
    say "media restored"
else
    say "no media archive given: the media directory was not touched"
fi
say "done"
