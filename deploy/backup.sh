#!/usr/bin/env bash
# A custom-format pg_dump of the Kaimen database, kept KEEP_DAYS days. The libpq variables
# (PGHOST, PGPORT, PGUSER, PGDATABASE) say which database; restore with deploy/restore.sh.
# Tested: tests/reliability/backup.test.ts dumps with this script and restores with restore.sh.
set -euo pipefail
dir="${BACKUP_DIR:-/var/backups/kaimen}"
keep="${KEEP_DAYS:-14}"
mkdir -p "$dir"
file="$dir/${PGDATABASE:-kaimen}-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-owner --file="$file.partial"
mv "$file.partial" "$file"
find "$dir" -name '*.dump' -mtime +"$keep" -delete
echo "$file"
