#!/usr/bin/env bash
# Paired cold-start benchmark of MaintenanceToPagerDutyFunction: `bin/invoke` on the FAILED sample (a fresh JVM
# each time: SSM tags + enrichment, Secrets Manager, one PagerDuty POST) against a Python equivalent doing the same
# calls (boto3 + urllib). moto_server, the SSM fake (execution history) and the fake PagerDuty run on free
# loopback ports and are stopped at exit.   Usage: bench/maintenance-to-pagerduty.sh [runs]   (default 10)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-10}
jar=functions/maintenance-to-pagerduty/target/maintenance-to-pagerduty.jar
support=$(ls test-support/target/siteops-test-support-*.jar 2>/dev/null | head -1 || true)
for needed in "$jar" "${support:-test-support/target/siteops-test-support-<version>.jar}" tools/local-invoke/target/local-invoke.jar; do
  if [ ! -f "$needed" ]; then
    echo "bench: $needed is missing: build first with bin/build (or mvn -pl functions/maintenance-to-pagerduty -am install -DskipTests)" >&2
    exit 2
  fi
done
command -v moto_server >/dev/null || { echo "bench: moto_server is not on PATH (pip install 'moto[server]')" >&2; exit 2; }
. bin/lib/jdk.sh
siteops_find_jdk

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
pids+=($!)
"$JAVA" -cp "$support:$jar" siteops.testing.FakePagerDuty >"$work/pagerduty.url" 2>"$work/pagerduty.log" &
pids+=($!)
"$JAVA" -cp "$support:$jar" siteops.testing.FakeSsmMaintenanceWindows "http://127.0.0.1:$port" >"$work/ssm.url" 2>"$work/ssm.log" &
pids+=($!)
for _ in $(seq 100); do
  if curl -sf "http://127.0.0.1:$port/moto-api/data.json" >/dev/null && [ -s "$work/pagerduty.url" ] && [ -s "$work/ssm.url" ]; then break; fi
  sleep 0.1
done
[ -s "$work/pagerduty.url" ] && [ -s "$work/ssm.url" ] || { echo "bench: the fakes did not start:" >&2; cat "$work"/*.log >&2; exit 1; }

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-1 AWS_DEFAULT_REGION=ap-northeast-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ENDPOINT_URL_SSM=$(cat "$work/ssm.url")
export PAGERDUTY_EVENTS_URL=$(cat "$work/pagerduty.url") PAGERDUTY_ROUTING_KEY_SECRET=siteops/pagerduty/default
aws secretsmanager create-secret --name siteops/pagerduty/default --secret-string BenchRoutingKey0123456789ABCDEFg >/dev/null
window=$(aws --endpoint-url "http://127.0.0.1:$port" ssm create-maintenance-window --name news-backup --schedule "cron(0 2 ? * * *)" \
  --schedule-timezone Asia/Tokyo --duration 2 --cutoff 1 --allow-unassociated-targets \
  --tags Key=siteops:backup,Value=true Key=siteops:site,Value=news --query WindowId --output text)
sed "s/mw-0c50858d01a3b7e9f/$window/g" events/maintenance/window-execution-failed.json >"$work/event.json"
printf '{"MaintenanceToPagerDutyFunction": {"PAGERDUTY_EVENTS_URL": "%s", "PAGERDUTY_ROUTING_KEY_SECRET": "%s"}}\n' \
  "$PAGERDUTY_EVENTS_URL" "$PAGERDUTY_ROUTING_KEY_SECRET" >"$work/env.json"

python3 bench/paired.py --runs "$runs" --label-a "java (bin/invoke, cold)" --label-b "python (boto3)" -- \
  bin/invoke MaintenanceToPagerDutyFunction -e "$work/event.json" --env-vars "$work/env.json" ::: \
  python3 bench/python/maintenance-to-pagerduty.py "$work/event.json"
accepted=$(curl -sf "$(sed 's|/v2/enqueue|/_fake/state|' "$work/pagerduty.url")" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["accepted"]))')
echo "events accepted by the fake PagerDuty: $accepted"
echo "artifact: $jar $(du -k "$jar" | cut -f1) KB"
