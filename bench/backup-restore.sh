#!/usr/bin/env bash
# Times siteops-backup and siteops-restore as the generated cloud-init writes them, on a sample site of a
# chosen size: MariaDB (Debian's, started here in a temporary directory on a unix socket), moto_server as S3
# and CloudWatch. Prints one line per step with its duration and the size it moved, for the README's runbook.
#   bench/backup-restore.sh [ENTRIES] [WEB_MB]   (default 100000 entries of ~2 KB, 200 MB of published files)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
entries=${1:-100000} web_mb=${2:-200}
. bin/lib/tools.sh
siteops_require_tools
siteops_install_debian_tools
work=$(mktemp -d)
db_pid=
cleanup() {
  [ -n "$db_pid" ] && kill "$db_pid" 2>/dev/null && wait "$db_pid" 2>/dev/null
  siteops_stop_moto
  rm -rf "$work"
}
trap cleanup EXIT

# The scripts exactly as a server gets them.
python3 - infra/generated/recruit-stg/cloud-init.yaml "$work/sbin" <<'PY'
import os, sys, yaml
os.makedirs(sys.argv[2])
for entry in yaml.safe_load(open(sys.argv[1]))["write_files"]:
    if entry["path"] in ("/usr/local/sbin/siteops-backup", "/usr/local/sbin/siteops-restore"):
        path = os.path.join(sys.argv[2], os.path.basename(entry["path"]))
        open(path, "w").write(entry["content"])
        os.chmod(path, 0o750)
PY

mariadb-install-db --no-defaults --datadir="$work/data" --user="$(id -un)" --auth-root-authentication-method=normal \
  --skip-test-db >"$work/install.log" 2>&1
/usr/sbin/mariadbd --no-defaults --datadir="$work/data" --socket="$work/sock" --skip-networking --user="$(id -un)" \
  --log-error="$work/error.log" --innodb-buffer-pool-size=256M >"$work/mariadbd.log" 2>&1 &
db_pid=$!
mkdir "$work/home"
printf '[client]\nsocket=%s\nuser=root\n' "$work/sock" >"$work/home/.my.cnf"
export HOME="$work/home" SITEOPS_WWW_ROOT="$work/www" TMPDIR="$work"
for _ in $(seq 1 100); do mysql -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
siteops_start_moto
export AWS_ENDPOINT_URL="$MOTO_ENDPOINT" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=ap-northeast-1
aws s3api create-bucket --bucket bench-ops --create-bucket-configuration LocationConstraint=ap-northeast-1 >/dev/null

# Entries of about 2 KB of Japanese text that compresses like real prose (not one repeated line).
mysql -e "CREATE DATABASE mt CHARACTER SET utf8mb4; USE mt;
  CREATE TABLE mt_entry (entry_id INT PRIMARY KEY, entry_title VARCHAR(255), entry_text MEDIUMTEXT) DEFAULT CHARSET=utf8mb4;
  INSERT INTO mt_entry SELECT e.seq, CONCAT('記事 ', e.seq),
    (SELECT GROUP_CONCAT(CONCAT('私たちの', MD5(e.seq * 31 + s.seq), 'の仕事は挑戦から始まりました。') SEPARATOR '') FROM seq_1_to_25 s)
    FROM seq_1_to_$entries e;"
mkdir -p "$work/www/html" "$work/www/mt/plugins" "$work/www/mt/themes"
touch "$work/www/mt/mt.psgi" "$work/www/mt/mt-config.cgi"
for i in $(seq 1 "$web_mb"); do head -c 1048576 /dev/urandom >"$work/www/html/image-$i.jpg"; done
mysql -e "ANALYZE TABLE mt.mt_entry" >/dev/null
db_size=$(mysql -N -B -e "SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables WHERE table_schema = 'mt'")

timed() {
  local label=$1 start; shift
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/step.log" || { cat "$work/step.log" >&2; exit 1; }
  awk -v label="$label" -v start="$start" -v end="$(date +%s.%N)" 'BEGIN { printf "%-28s %6.1f s\n", label, end - start }'
}
echo "sample: $entries entries ($db_size MB of tables), $web_mb MB of published files; $(nproc) cores"
timed "backup db" "$work/sbin/siteops-backup" db bench-ops
timed "backup files" "$work/sbin/siteops-backup" files bench-ops
aws s3 ls --recursive s3://bench-ops/backup/ | awk '{ printf "  %s: %.1f MB\n", $4, $3 / 1048576 }'
timed "restore db (replace)" "$work/sbin/siteops-restore" db bench-ops latest --yes
timed "restore files (replace)" "$work/sbin/siteops-restore" files bench-ops latest --yes
