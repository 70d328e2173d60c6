#!/usr/bin/env bash
# Restores a dump made by deploy/backup.sh into a NEW, empty database (never over a live one):
#   deploy/restore.sh /var/backups/kaimen/kaimen-20261205T023000Z.dump kaimen_restored
# then check it (npm run audit:verify with DATABASE_URL pointing at it) before switching over.
set -euo pipefail
dump="$1"
target="$2"
createdb "$target"
pg_restore --exit-on-error --no-owner --dbname="$target" "$dump"
echo "restored $dump into $target"
