#!/usr/bin/env bash
# Restore a backup made by backup.sh into the database of DATABASE_URL (which must exist and should be
# empty) and the attachments into VAR_DIR. Usage: deploy/restore.sh BACKUP_PREFIX
# (the path backup.sh printed, without .dump / -files.tar.gz)
set -euo pipefail
prefix=${1:?usage: restore.sh BACKUP_PREFIX}
: "${DATABASE_URL:?DATABASE_URL must be set}"
var_dir=${VAR_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var}
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$DATABASE_URL" "$prefix.dump"
mkdir -p "$var_dir"
tar -C "$var_dir" -xzf "$prefix-files.tar.gz"
echo "restored $prefix"
