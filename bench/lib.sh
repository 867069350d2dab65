# shellcheck shell=bash
# Sourced by the bench/ scripts: the same emulator and stand-ins as bin/local (own state folder, stopped at exit),
# and the checks every benchmark makes first.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
for needed in "$@"; do
  [ -f "$needed" ] || { echo "bench: $needed is missing: build first with bin/build" >&2; exit 2; }
done
# The Python baselines run on the pinned boto3 (installed into .siteops/venv when missing or another version).
. bin/lib/tools.sh
siteops_require_tools boto3 || exit 2
export SITEOPS_LOCAL_DIR="$root/.siteops/bench"
# bin/invoke's start-up cache covers the path of the call that made it: the benchmark's own, made by its first
# warm-up run on its own job (not by whatever call came first after the build), removed at the end.
export SITEOPS_CACHE="$root/.siteops/bench-caches"
rm -rf "$SITEOPS_CACHE"
trap 'bin/local down 2>/dev/null; rm -rf "$SITEOPS_CACHE"' EXIT
bin/local up --quiet
eval "$(bin/local env)"
. bin/lib/jdk.sh
siteops_find_jdk
echo "java: $("$JAVA" -version 2>&1 | head -1); python: $(python3 --version); moto on $AWS_ENDPOINT_URL"
