#!/usr/bin/env bash
# Generates 100 synthetic sites and runs --check over them in one JVM; prints the timings.
#   bench/generate-sites.sh [SITES]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/bin/generate-sites" --help >/dev/null   # builds the jar if needed
. "$root/bin/lib/jdk.sh"
siteops_find_jdk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s%N)
"$JAVA" -XX:TieredStopAtLevel=1 -cp "$root/infra/site-generator/target/site-generator.jar" \
  siteops.sites.Benchmark "$work" "${1:-100}"
echo "whole process: $(( ($(date +%s%N) - start) / 1000000 )) ms"
