#!/usr/bin/env bash
# Paired cold-start benchmark of MaintenanceToPagerDutyFunction: `bin/invoke` on the FAILED sample (a fresh JVM
# each time: SSM tags + enrichment, Secrets Manager, one PagerDuty POST) against a Python equivalent doing the same
# calls (boto3 + urllib), on bin/local's emulator and stand-ins (the sample backup window stands in for the
# event's).   Usage: bench/maintenance-to-pagerduty.sh [runs]   (default 10; build first)
set -euo pipefail
jar=functions/maintenance-to-pagerduty/target/maintenance-to-pagerduty.jar
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$jar" tools/local-invoke/target/local-invoke.jar
runs=${1:-10}
eval "$(python3 bench/python/env-vars.py MaintenanceToPagerDutyFunction "$SITEOPS_ENV_VARS")"
window=$(aws ssm describe-maintenance-windows --query 'WindowIdentities[0].WindowId' --output text)
event="$SITEOPS_LOCAL_DIR/event.json"  # removed with the emulator's state at exit
sed "s/mw-0c50858d01a3b7e9f/$window/g" events/maintenance/window-execution-failed.json >"$event"
python3 bench/paired.py --runs "$runs" --warmup 2 --label-a "java (bin/invoke, cold)" --label-b "python (boto3)" -- \
  bin/invoke MaintenanceToPagerDutyFunction -e "$event" --env-vars "$SITEOPS_ENV_VARS" ::: \
  python3 bench/python/maintenance-to-pagerduty.py "$event"
echo "artifact: $jar $(du -k "$jar" | cut -f1) KB"
