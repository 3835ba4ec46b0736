#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and the files under VAR_DIR
# (attachments). Usage: deploy/backup.sh TARGET_DIR   (DATABASE_URL and VAR_DIR from the environment)
set -euo pipefail
# The dump holds every account and (encrypted) personal number: readable by the service account only.
umask 077
target=${1:?usage: backup.sh TARGET_DIR}
: "${DATABASE_URL:?DATABASE_URL must be set}"
var_dir=${VAR_DIR:-$(cd "$(dirname "$0")/.." && pwd)/var}
stamp=$(date +%Y%m%d-%H%M%S)
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --file "$target/chenggu-$stamp.dump" "$DATABASE_URL"
if [ -d "$var_dir/attachments" ]; then
  tar -C "$var_dir" -czf "$target/chenggu-$stamp-files.tar.gz" attachments
else
  tar -czf "$target/chenggu-$stamp-files.tar.gz" --files-from /dev/null
fi
echo "$target/chenggu-$stamp"
