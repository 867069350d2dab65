#!/usr/bin/env python3
"""What CdnPurgeFunction does on a cold start, in Python with boto3: the benchmark's baseline.

Reads the event, reads the site's registry parameter from SSM, creates the CloudFront invalidation,
prints one JSON result. Same two calls as the Java function; paths are sent as given (no encoding),
so it is a lower bound for the Python side.
"""
import hashlib
import json
import os
import sys
import time

import boto3

event = json.load(open(sys.argv[1], encoding="utf-8"))
prefix = os.environ.get("SITES_PARAMETER_PREFIX", "/siteops/sites/")
ssm = boto3.client("ssm")
site = json.loads(ssm.get_parameter(Name=prefix + event["site"])["Parameter"]["Value"])
paths = event["paths"] if isinstance(event["paths"], list) else event["paths"].split()
paths = sorted(set(paths))
bucket = int(time.time()) // 300
reference = "siteops-" + hashlib.sha256("\n".join([site["distributionId"], *paths]).encode()).hexdigest()[:32] + f"-{bucket}"
cloudfront = boto3.client("cloudfront", region_name="us-east-1")
invalidation = cloudfront.create_invalidation(
    DistributionId=site["distributionId"],
    InvalidationBatch={"Paths": {"Quantity": len(paths), "Items": paths}, "CallerReference": reference},
)["Invalidation"]
print(json.dumps({"site": event["site"], "distributionId": site["distributionId"], "invalidationId": invalidation["Id"],
                  "status": invalidation["Status"], "paths": paths}))
