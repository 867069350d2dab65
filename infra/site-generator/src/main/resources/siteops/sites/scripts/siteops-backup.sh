#!/bin/bash
# siteops-backup db|files BUCKET: run nightly by the maintenance window (Run Command) of {{site}}.
# Writes s3://BUCKET/backup/db/<stamp>.sql.gz or backup/files/<stamp>.tar.gz (stamp: UTC, 20261202T180000Z)
# and reports success as the metric Siteops/Backup BackupSucceeded (Site, Task), which the backup alarms watch.
# The web root is SITEOPS_WWW_ROOT (default /var/www); the database server and account come from the MySQL
# client's option files (/etc/my.cnf, ~/.my.cnf), so the same script runs on a laptop.
set -euo pipefail

usage() { echo "usage: siteops-backup db|files BUCKET" >&2; exit 2; }
[ $# -eq 2 ] || usage
kind=$1 bucket=$2
www=${SITEOPS_WWW_ROOT:-/var/www}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

case "$kind" in
  db)
    # utf8mb4 end to end: Japanese text and emoji survive; the dump ends with "-- Dump completed", which
    # siteops-restore checks before loading anything.
    mysqldump --single-transaction --routines --hex-blob --default-character-set=utf8mb4 mt \
      | gzip | aws s3 cp - "s3://$bucket/backup/db/$stamp.sql.gz"
    key=backup/db/$stamp.sql.gz
    ;;
  files)
    if [ ! -e "$www/mt/mt.psgi" ]; then
      # First boot found no MT.zip in the ops bucket (see /var/lib/siteops/movabletype-waiting): this is a
      # site being set up, not a failed backup, so it is said and the published tree is still saved.
      echo "WARNING: Movable Type not installed yet in $www/mt: backing up what exists" >&2
    fi
    items=()
    for item in mt/mt-config.cgi mt/plugins mt/themes html; do
      if [ -e "$www/$item" ]; then items+=("$item"); fi
    done
    [ ${#items[@]} -gt 0 ] || { echo "siteops-backup: nothing to back up under $www" >&2; exit 1; }
    tar -C "$www" -czf - "${items[@]}" | aws s3 cp - "s3://$bucket/backup/files/$stamp.tar.gz"
    key=backup/files/$stamp.tar.gz
    ;;
  *) usage ;;
esac
echo "siteops-backup: saved s3://$bucket/$key"
aws cloudwatch put-metric-data --namespace Siteops/Backup --metric-name BackupSucceeded \
  --dimensions "Site={{site}},Task=$kind" --value 1
