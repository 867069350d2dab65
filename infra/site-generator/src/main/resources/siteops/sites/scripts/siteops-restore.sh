#!/bin/bash
# siteops-restore db|files BUCKET [STAMP|latest] [--yes]: puts back a backup written by siteops-backup on {{site}}.
#   db:    loads backup/db/<stamp>.sql.gz into the scratch database mt_restore; only when the whole dump
#          loaded, one RENAME TABLE swaps it with mt. The replaced tables stay in mt_previous until the next
#          restore. A broken dump leaves mt untouched.
#   files: unpacks backup/files/<stamp>.tar.gz beside the web root; only when it unpacked completely, each
#          saved path (mt/mt-config.cgi, mt/plugins, mt/themes, html) is swapped in, the replaced ones kept in
#          .siteops-previous/ of the web root until the next restore.
# Without --yes it refuses to replace a database with tables or a web root with content.
# Success is reported as Siteops/Backup BackupSucceeded with Task=restore-db|restore-files (the nightly
# backup alarms watch Task=db|files only, so a restore never hides a missed backup).
# The web root is SITEOPS_WWW_ROOT (default /var/www); the database server and account come from the MySQL
# client's option files (/etc/my.cnf, ~/.my.cnf), so the same script runs on a laptop.
set -euo pipefail

usage() { echo "usage: siteops-restore db|files BUCKET [STAMP|latest] [--yes]" >&2; exit 2; }
fail() { echo "siteops-restore: $*" >&2; exit 1; }

args=() yes=no
for arg in "$@"; do
  case "$arg" in
    --yes) yes=yes ;;
    -*) usage ;;
    *) args+=("$arg") ;;
  esac
done
if [ ${#args[@]} -lt 2 ] || [ ${#args[@]} -gt 3 ]; then usage; fi
kind=${args[0]} bucket=${args[1]} stamp=${args[2]:-latest}
www=${SITEOPS_WWW_ROOT:-/var/www}
case "$kind" in
  db) suffix=.sql.gz ;;
  files) suffix=.tar.gz ;;
  *) usage ;;
esac

# Stamps sort by time (20261202T180000Z), so the newest is the last one listed.
keys=$(aws s3api list-objects-v2 --bucket "$bucket" --prefix "backup/$kind/" --query 'Contents[].Key' --output text)
stamps=$(tr '\t' '\n' <<<"$keys" | sed -n "s#^backup/$kind/\(.*\)$suffix\$#\1#p" | { grep -E '^[0-9]{8}T[0-9]{6}Z$' || true; } | sort)
[ -n "$stamps" ] || fail "no $kind backup in s3://$bucket/backup/$kind/"
if [ "$stamp" = latest ]; then
  stamp=$(tail -n 1 <<<"$stamps")
elif ! grep -qxF -- "$stamp" <<<"$stamps"; then
  fail "no $kind backup with stamp '$stamp' in s3://$bucket/backup/$kind/; the newest are:
$(tail -n 5 <<<"$stamps")"
fi
key=backup/$kind/$stamp$suffix

work=$(mktemp -d "${TMPDIR:-/var/tmp}/siteops-restore.XXXXXX")
trap 'rm -rf "$work"' EXIT

restore_db() {
  local live_tables
  live_tables=$(mysql -N -B -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'mt'")
  if [ "$live_tables" -gt 0 ] && [ "$yes" != yes ]; then
    fail "database mt has $live_tables tables: add --yes to replace them with $key"
  fi
  aws s3 cp --only-show-errors "s3://$bucket/$key" "$work/dump.sql.gz"
  gzip -t "$work/dump.sql.gz" || fail "$key is not a complete gzip file: nothing changed"
  gzip -dc "$work/dump.sql.gz" | tail -n 1 | grep -q '^-- Dump completed' \
    || fail "$key does not end like a complete mysqldump: nothing changed"

  mysql -e "DROP DATABASE IF EXISTS mt_restore; CREATE DATABASE mt_restore CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
  if ! gzip -dc "$work/dump.sql.gz" | mysql --default-character-set=utf8mb4 mt_restore; then
    mysql -e "DROP DATABASE mt_restore"
    fail "loading $key failed: database mt is untouched"
  fi

  # One RENAME TABLE moves every live table to mt_previous and every restored one to mt: atomic, so MT
  # sees either the old tables or the new ones, never a mix.
  local renames
  renames=$(mysql -N -B -e "SET SESSION group_concat_max_len = 1048576;
    SELECT GROUP_CONCAT(r ORDER BY o SEPARATOR ', ') FROM (
      SELECT 1 AS o, CONCAT('mt.\`', table_name, '\` TO mt_previous.\`', table_name, '\`') AS r
        FROM information_schema.tables WHERE table_schema = 'mt'
      UNION ALL
      SELECT 2, CONCAT('mt_restore.\`', table_name, '\` TO mt.\`', table_name, '\`')
        FROM information_schema.tables WHERE table_schema = 'mt_restore') AS renames")
  mysql -e "DROP DATABASE IF EXISTS mt_previous; CREATE DATABASE mt_previous; CREATE DATABASE IF NOT EXISTS mt CHARACTER SET utf8mb4"
  if [ "$renames" != NULL ]; then
    mysql -e "RENAME TABLE $renames"
  fi
  mysql -e "DROP DATABASE mt_restore"
}

# A file, or a directory with something in it.
has_content() { [ -f "$1" ] || [ -n "$(ls -A "$1" 2>/dev/null)" ]; }

restore_files() {
  local item present=()
  for item in mt/mt-config.cgi mt/plugins mt/themes html; do
    if has_content "$www/$item"; then present+=("$item"); fi
  done
  if [ ${#present[@]} -gt 0 ] && [ "$yes" != yes ]; then
    fail "$www already holds ${present[*]}: add --yes to replace them with $key"
  fi
  # Unpacked on the web root's own file system, so the swap below is a rename, not a copy.
  mkdir -p "$www"
  local incoming=$www/.siteops-restore previous=$www/.siteops-previous
  rm -rf "$incoming" && mkdir -m 0700 "$incoming"
  if ! aws s3 cp --only-show-errors "s3://$bucket/$key" - | tar -C "$incoming" -xzpf -; then
    rm -rf "$incoming"
    fail "unpacking $key failed: $www is untouched"
  fi
  rm -rf "$previous" && mkdir -m 0700 "$previous"
  for item in mt/mt-config.cgi mt/plugins mt/themes html; do
    [ -e "$incoming/$item" ] || continue
    mkdir -p "$(dirname "$www/$item")" "$(dirname "$previous/$item")"
    if [ -e "$www/$item" ]; then mv "$www/$item" "$previous/$item"; fi
    mv "$incoming/$item" "$www/$item"
  done
  rm -rf "$incoming"
  # The editors' SFTP jail is a bind mount of the web root's html, which still shows the renamed old tree,
  # and Starman loaded the old plugins: both are refreshed where they exist (not on a laptop).
  if mountpoint -q /srv/sftp/editor/html 2>/dev/null; then
    umount /srv/sftp/editor/html && mount /srv/sftp/editor/html
  fi
  if systemctl is-active --quiet movabletype 2>/dev/null; then
    systemctl restart movabletype
  fi
}

"restore_$kind"
echo "siteops-restore: $kind restored from s3://$bucket/$key"
aws cloudwatch put-metric-data --namespace Siteops/Backup --metric-name BackupSucceeded \
  --dimensions "Site={{site}},Task=restore-$kind" --value 1
