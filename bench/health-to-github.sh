#!/usr/bin/env bash
# Cold bin/invoke HealthToGitHubFunction vs the same calls in Python (bench/python/health-to-github.py), paired.
# Each run turns a new AWS Health event (a fresh eventArn) into one issue: Secrets Manager and DynamoDB on
# moto_server, GitHub on the stand-in (bin/local's); both sides get the same event generator, so the runs stay
# comparable and idempotent.   Usage: bench/health-to-github.sh [runs]   (default 10; build first)
set -euo pipefail
jar=functions/health-to-github/target/health-to-github.jar
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$jar" tools/local-invoke/target/local-invoke.jar
runs=${1:-10}
# The Python side reads the same configuration as the function's --env-vars section.
eval "$(python3 bench/python/env-vars.py HealthToGitHubFunction "$SITEOPS_ENV_VARS")"
sample=events/health/scheduled-change-entities.json
echo "== HealthToGitHubFunction: cold bin/invoke (JVM per call) vs Python, one new issue per run, $runs paired runs"
python3 bench/paired.py --runs "$runs" --warmup 2 --label-a "java bin/invoke" --label-b "python3" -- \
  "python3 bench/python/fresh-health-event.py $sample | bin/invoke HealthToGitHubFunction -e - --env-vars $SITEOPS_ENV_VARS" ::: \
  "python3 bench/python/fresh-health-event.py $sample | python3 bench/python/health-to-github.py"
echo "artifact: $jar $(du -k "$jar" | cut -f1) KiB"
