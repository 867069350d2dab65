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
. bin/lib/jdk.sh
. bin/lib/tools.sh
siteops_find_jdk
siteops_require_tools
work=$(mktemp -d)
cleanup() { siteops_stop_fakes; siteops_stop_moto; rm -rf "$work"; }
trap cleanup EXIT
siteops_start_moto
pagerduty_url='' ssm_url='' # set by siteops_start_fake
siteops_start_fake pagerduty_url FakePagerDuty "$jar"
# moto has no maintenance-window execution APIs: this stand-in serves them and passes the rest to moto.
siteops_start_fake ssm_url FakeSsmMaintenanceWindows "$jar" "$MOTO_ENDPOINT"

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-1 AWS_DEFAULT_REGION=ap-northeast-1
export AWS_ENDPOINT_URL="$MOTO_ENDPOINT" AWS_ENDPOINT_URL_SSM="$ssm_url"
export PAGERDUTY_EVENTS_URL="$pagerduty_url" PAGERDUTY_ROUTING_KEY_SECRET=siteops/pagerduty/default
aws secretsmanager create-secret --name siteops/pagerduty/default --secret-string BenchRoutingKey0123456789ABCDEFg >/dev/null
window=$(aws --endpoint-url "$MOTO_ENDPOINT" ssm create-maintenance-window --name news-backup --schedule "cron(0 2 ? * * *)" \
  --schedule-timezone Asia/Tokyo --duration 2 --cutoff 1 --allow-unassociated-targets \
  --tags Key=siteops:backup,Value=true Key=siteops:site,Value=news --query WindowId --output text)
sed "s/mw-0c50858d01a3b7e9f/$window/g" events/maintenance/window-execution-failed.json >"$work/event.json"
printf '{"MaintenanceToPagerDutyFunction": {"PAGERDUTY_EVENTS_URL": "%s", "PAGERDUTY_ROUTING_KEY_SECRET": "%s"}}\n' \
  "$PAGERDUTY_EVENTS_URL" "$PAGERDUTY_ROUTING_KEY_SECRET" >"$work/env.json"

python3 bench/paired.py --runs "$runs" --label-a "java (bin/invoke, cold)" --label-b "python (boto3)" -- \
  bin/invoke MaintenanceToPagerDutyFunction -e "$work/event.json" --env-vars "$work/env.json" ::: \
  python3 bench/python/maintenance-to-pagerduty.py "$work/event.json"
accepted=$(curl -sf "${pagerduty_url%/v2/enqueue}/_fake/state" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["accepted"]))')
echo "events accepted by the fake PagerDuty: $accepted"
echo "artifact: $jar $(du -k "$jar" | cut -f1) KB"
