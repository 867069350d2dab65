#!/usr/bin/env bash
# bin/fleet on a fleet of 60 sites (one instance each), against moto_server (EC2) and the fake SSM of tools/fleet's
# tests, which moves every invocation on by one step per poll. Prints, per scenario, the SSM calls bin/fleet made
# and the wall time to its summary, beside what polling each instance would cost (instances x polls calls).
# The point: SSM calls grow with the polls, not with polls x instances.
#   Usage: bench/fleet.sh            (build first: bin/build, and mvn -pl tools/fleet -am test-compile for the fake)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
support=$(ls test-support/target/siteops-test-support-*.jar 2>/dev/null | head -1 || true)
for needed in tools/fleet/target/fleet.jar tools/fleet/target/test-classes/siteops/fleet/FakeSsmRunCommand.class "${support:-test-support/target/siteops-test-support-<version>.jar}"; do
  if [ ! -f "$needed" ]; then
    echo "bench: $needed is missing: build first with bin/build and mvn -B -pl tools/fleet -am test-compile" >&2
    exit 2
  fi
done
. bin/lib/jdk.sh
. bin/lib/tools.sh
siteops_find_jdk
siteops_require_tools
fake_pid=
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; siteops_stop_moto; }
trap cleanup EXIT
siteops_start_moto
fake_out=$(mktemp -t siteops-fleet-fake.XXXXXX)
"$JAVA" -cp "tools/fleet/target/test-classes:tools/fleet/target/fleet.jar:$support:tools/fleet/target/lib/*" siteops.fleet.FakeSsmRunCommand "$MOTO_ENDPOINT" >"$fake_out" &
fake_pid=$!
for _ in $(seq 1 100); do [ -s "$fake_out" ] && break; sleep 0.1; done
ssm_url=$(head -1 "$fake_out"); rm -f "$fake_out"
[ -n "$ssm_url" ] || { echo "bench: the fake SSM did not start" >&2; exit 1; }

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-1 AWS_DEFAULT_REGION=ap-northeast-1
export AWS_ENDPOINT_URL="$MOTO_ENDPOINT" AWS_ENDPOINT_URL_SSM="$ssm_url" SITEOPS_FLEET_POLL_SECONDS=${SITEOPS_FLEET_POLL_SECONDS:-0.2}

# 60 running instances, tagged like generated sites (3 envs).
python3 - "$MOTO_ENDPOINT" <<'PY'
import sys, boto3
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1])
image = ec2.describe_images(Owners=["amazon"], MaxResults=5)["Images"][0]["ImageId"]
ids = [i["InstanceId"] for i in ec2.run_instances(ImageId=image, MinCount=60, MaxCount=60, InstanceType="t3.small")["Instances"]]
for n, instance in enumerate(ids):
    ec2.create_tags(Resources=[instance], Tags=[{"Key": "siteops:site", "Value": f"site-{n:02d}"},
                                                {"Key": "siteops:env", "Value": ["prod", "stg", "dev"][n % 3]}])
PY

printf '%-34s %9s %6s %10s %8s %14s %9s\n' "scenario" "instances" "polls" "SSM calls" "of which" "per-instance" "wall s"
printf '%-34s %9s %6s %10s %8s %14s %9s\n' "" "" "" "(fleet)" "ListInv" "(inst x polls)" ""
bin/fleet list --all >/dev/null   # builds the jar if needed, outside the timings
run() {
  local label=$1 running=$2; shift 2
  curl -sf -X POST "$ssm_url/fake/reset?pending=1&running=$running" >/dev/null
  local start end code
  start=$(date +%s.%N)
  code=0; bin/fleet run "$@" --command true >/tmp/fleet-bench.out 2>/tmp/fleet-bench.err || code=$?
  end=$(date +%s.%N)
  [ "$code" = 0 ] || { echo "bench: bin/fleet exited $code"; cat /tmp/fleet-bench.err; exit 1; }
  curl -sf "$ssm_url/fake/operations" | python3 -c '
import json, sys
ops = json.load(sys.stdin)
label, instances, wall = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
polls = ops.get("ListCommands", 0)
pages = ops.get("ListCommandInvocations", 0)
print(f"{label:<34} {instances:>9} {polls:>6} {sum(ops.values()):>10} {pages:>8} {instances * polls:>14} {wall:>9.2f}")
' "$label" "$(grep -c ' Success ' /tmp/fleet-bench.out)" "$(echo "$end - $start" | bc)"
  tail -1 /tmp/fleet-bench.out | grep -q '0 failed' || { echo "bench: unexpected summary"; tail -3 /tmp/fleet-bench.out; exit 1; }
}
run "--env dev, quick"        2  --env dev
run "--all, quick"            2  --all
run "--all, 4x longer"        8  --all
run "--all, 16x longer"       32 --all
run "--site 'site-*' (2 commands)" 2 --site 'site-*'
rm -f /tmp/fleet-bench.out /tmp/fleet-bench.err
echo "poll interval ${SITEOPS_FLEET_POLL_SECONDS} s; JVM $("$JAVA" -version 2>&1 | head -1)"
