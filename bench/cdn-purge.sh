#!/usr/bin/env bash
# Cold start of CdnPurgeFunction through bin/invoke (two fresh JVMs: launcher and function) against the
# same job in Python/boto3, alternately in one batch on the same moto_server; prints medians, the ratio and
# the artifact size. Build first (bin/build). Usage: bench/cdn-purge.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bin/lib/tools.sh"
siteops_find_jdk
siteops_require_tools
cd "$root"
runs=${1:-15}
jar=functions/cdn-purge/target/cdn-purge.jar
[ -f "$jar" ] && [ -f tools/local-invoke/target/local-invoke.jar ] || { echo "bench: build first with bin/build" >&2; exit 1; }
trap 'siteops_stop_moto' EXIT
siteops_start_moto
export AWS_ENDPOINT_URL=$MOTO_ENDPOINT AWS_REGION=ap-northeast-1 AWS_DEFAULT_REGION=ap-northeast-1 \
       AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
unset AWS_SESSION_TOKEN AWS_PROFILE
python3 - <<'PY'
import json, boto3
cloudfront = boto3.client("cloudfront", region_name="us-east-1")
distribution = cloudfront.create_distribution(DistributionConfig={
    "CallerReference": "bench", "Comment": "bench", "Enabled": True,
    "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": "origin.example.jp",
                "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
    "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "redirect-to-https", "MinTTL": 0,
                             "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                             "TrustedSigners": {"Enabled": False, "Quantity": 0}}})["Distribution"]["Id"]
boto3.client("ssm").put_parameter(Name="/siteops/sites/example-news", Type="String", Overwrite=True,
    Value=json.dumps({"distributionId": distribution, "aliases": ["www.example.jp"]}))
PY
event=events/cdn-purge/purge-paths.json
echo "java: $("$JAVA" -version 2>&1 | head -1); python: $(python3 --version); moto on $MOTO_ENDPOINT"
echo "artifact: $jar $(du -k "$jar" | cut -f1) KB"
# The warm-up run also creates bin/invoke's start-up cache for this jar (it is kept between runs).
python3 bench/paired.py --runs "$runs" --warmup 2 --label-a "java bin/invoke (cold JVMs)" --label-b "python boto3" -- \
  bin/invoke CdnPurgeFunction -e "$event" ::: python3 bench/python/cdn-purge.py "$event"
echo
echo "without bin/invoke's start-up cache (SITEOPS_INVOKE_CACHE=off), same batch style:"
SITEOPS_INVOKE_CACHE=off python3 bench/paired.py --runs 5 --warmup 1 --label-a "java, no cache" --label-b "python boto3" -- \
  bin/invoke CdnPurgeFunction -e "$event" ::: python3 bench/python/cdn-purge.py "$event"
