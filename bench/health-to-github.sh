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
support=$(ls test-support/target/siteops-test-support-*.jar 2>/dev/null | grep -v sources | head -1 || true)
for need in "$jar" tools/local-invoke/target/local-invoke.jar "$support"; do
  if [ -z "$need" ] || [ ! -f "$need" ]; then
    echo "bench/health-to-github.sh: ${need:-test-support jar} is missing: build first with bin/build" >&2
    exit 2
  fi
done
command -v moto_server >/dev/null || { echo "bench/health-to-github.sh: moto_server is not on PATH" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

moto_port=$(free_port)
moto_server -H 127.0.0.1 -p "$moto_port" >"$tmp/moto.log" 2>&1 &
pids+=($!)
github_port=$(free_port)
token="bench-token-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
# The fake needs Jackson, which the function's jar carries.
"$JAVA" -cp "$support:$jar" siteops.testing.FakeGitHub "$github_port" "$token" example-org/site-ops >"$tmp/github.url" 2>"$tmp/github.log" &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$moto_port/moto-api/data.json" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$github_port/_fake/state" >/dev/null 2>&1 && break
  sleep 0.1
done

export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port" AWS_REGION=ap-northeast-1 AWS_DEFAULT_REGION=ap-northeast-1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export GITHUB_API_URL="http://127.0.0.1:$github_port" GITHUB_REPOSITORY=example-org/site-ops
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
