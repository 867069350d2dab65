#!/usr/bin/env bash
# Cold start of CdnPurgeFunction through bin/invoke (a fresh function JVM per call) against the same job in
# Python/boto3 (SSM read + CloudFront invalidation), alternately in one batch on bin/local's emulator; prints
# medians, the ratio, bin/invoke's split and the artifact size.   Usage: bench/cdn-purge.sh [runs]  (build first)
set -euo pipefail
jar=functions/cdn-purge/target/cdn-purge.jar
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$jar" tools/local-invoke/target/local-invoke.jar
unset AWS_ENDPOINT_URL_SSM  # the purge reads the site registry only: straight to moto on both sides
runs=${1:-15}
event=events/cdn-purge/purge-paths.json
echo "artifact: $jar $(du -k "$jar" | cut -f1) KB"
# The first warm-up run makes bin/invoke's start-up cache (see lib.sh), the next one switches to it.
python3 bench/paired.py --runs "$runs" --warmup 3 --label-a "java bin/invoke (cold JVM)" --label-b "python boto3" -- \
  bin/invoke CdnPurgeFunction -e "$event" ::: python3 bench/python/cdn-purge.py "$event"
