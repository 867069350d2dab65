#!/usr/bin/env python3
"""Transforms template.yaml with aws-sam-translator (what CloudFormation does on deploy), offline.

Usage: transform.py TEMPLATE [OUTPUT.json]. Exits non-zero, naming the problem, if SAM rejects the template.
Managed policy names are not looked up in IAM (no AWS access): the template uses inline policies only.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "ap-northeast-1")

from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


def as_packaged(template):
    """Points local CodeUri values at S3, as `sam package` would after uploading them."""
    for logical_id, resource in template.get("Resources", {}).items():
        props = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) \
                and not props["CodeUri"].startswith("s3://"):
            props["CodeUri"] = f"s3://siteops-packaged/{logical_id}.zip"
    return template


class OfflinePolicyLoader:
    def load(self):
        return {}


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    try:
        output = transform(as_packaged(template), {}, OfflinePolicyLoader())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(f"SAM transform error: {cause.message}", file=sys.stderr)
        return 1
    text = json.dumps(output, indent=2, sort_keys=True)
    if len(sys.argv) == 3:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
