#!/usr/bin/env bash
# Cold bin/invoke HealthToGitHubFunction vs the same calls in Python (bench/python/health-to-github.py), paired.
# Each run turns a new AWS Health event (a fresh eventArn) into one issue: Secrets Manager and DynamoDB on
# moto_server, GitHub on the fake; both sides get the same event generator, so the runs stay comparable and
# idempotent. Builds nothing: run bin/build (or mvn install) first.
#   bench/health-to-github.sh [runs]   (default 10)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. bin/lib/jdk.sh
siteops_find_jdk
runs=${1:-10}
jar=functions/health-to-github/target/health-to-github.jar
support=$(find test-support/target -maxdepth 1 -name 'siteops-test-support-*.jar' ! -name '*sources*' 2>/dev/null | head -1 || true)
for need in "$jar" tools/local-invoke/target/local-invoke.jar "$support"; do
  if [ -z "$need" ] || [ ! -f "$need" ]; then
    echo "bench/health-to-github.sh: ${need:-test-support jar} is missing: build first with bin/build" >&2
    exit 2
  fi
done
. bin/lib/tools.sh
siteops_require_tools
tmp=$(mktemp -d)
cleanup() { siteops_stop_fakes; siteops_stop_moto; rm -rf "$tmp"; }
trap cleanup EXIT
siteops_start_moto
token="bench-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# The fake needs Jackson, which the function's jar carries.
github_url='' # set by siteops_start_fake
siteops_start_fake github_url FakeGitHub "$jar" 0 "$token" example-org/site-ops

export AWS_ENDPOINT_URL="$MOTO_ENDPOINT" AWS_REGION=ap-northeast-1 AWS_DEFAULT_REGION=ap-northeast-1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export GITHUB_API_URL="$github_url" GITHUB_REPOSITORY=example-org/site-ops
export GITHUB_TOKEN_SECRET=siteops/github-token ISSUES_TABLE=siteops-health-issues
python3 - "$token" <<'PY'
import boto3, sys
boto3.client("dynamodb").create_table(TableName="siteops-health-issues", BillingMode="PAY_PER_REQUEST",
    AttributeDefinitions=[{"AttributeName": "eventKey", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "eventKey", "KeyType": "HASH"}])
boto3.client("secretsmanager").create_secret(Name="siteops/github-token", SecretString=sys.argv[1])
PY
cat >"$tmp/env.json" <<JSON
{"HealthToGitHubFunction": {"GITHUB_API_URL": "$GITHUB_API_URL", "GITHUB_REPOSITORY": "$GITHUB_REPOSITORY",
 "GITHUB_TOKEN_SECRET": "$GITHUB_TOKEN_SECRET", "ISSUES_TABLE": "$ISSUES_TABLE"}}
JSON
# A new event per run: the sample with a fresh eventArn.
cat >"$tmp/fresh-event" <<'PY'
#!/usr/bin/env python3
import json, sys, uuid
event = json.load(open(sys.argv[1]))
event["detail"]["eventArn"] = event["detail"]["eventArn"].rsplit("_", 1)[0] + "_" + str(uuid.uuid4())
json.dump(event, sys.stdout)
PY
chmod +x "$tmp/fresh-event"
sample=events/health/scheduled-change-entities.json

echo "== HealthToGitHubFunction: cold bin/invoke (JVM per call) vs Python, one new issue per run, $runs paired runs"
python3 bench/paired.py --runs "$runs" --label-a "java bin/invoke" --label-b "python3" -- \
  "$tmp/fresh-event $sample | bin/invoke HealthToGitHubFunction -e - --env-vars $tmp/env.json" ::: \
  "$tmp/fresh-event $sample | python3 bench/python/health-to-github.py"
issues=$(curl -fsS "$GITHUB_API_URL/_fake/state" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["issues"]))')
echo "issues created on the fake: $issues (one per run and side, warm-up included)"
echo "artifact: $jar $(du -k "$jar" | cut -f1) KiB ($(stat -c %s "$jar") bytes)"
