#!/usr/bin/env python3
"""The Python equivalent of HealthToGitHubFunction's path for a new event, for bench/health-to-github.sh.

Same configuration (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN_SECRET, ISSUES_TABLE; AWS_ENDPOINT_URL for the
emulator) and the same calls as the Java function for a new event: Secrets Manager GetSecretValue; DynamoDB
GetItem (consistent), UpdateItem (claim), UpdateItem (create marker); GitHub GET repository, GET each label
(POST it when missing), POST issue; DynamoDB UpdateItem (record and release). boto3 for AWS, urllib for GitHub.
Reads the EventBridge event on stdin, prints a JSON result.
"""
import gzip
import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3


def github(method, url, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
        "Content-Type": "application/json", "X-GitHub-Api-Version": "2022-11-28"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


def main():
    event = json.load(sys.stdin)
    if event.get("source") != "aws.health" or "detail" not in event or "eventArn" not in event["detail"]:
        raise SystemExit("not an AWS Health event")
    detail = event["detail"]
    account = detail.get("affectedAccount") or event["account"]
    key = f"{detail['eventArn']}|{account}"
    api, repo, table = os.environ["GITHUB_API_URL"].rstrip("/"), os.environ["GITHUB_REPOSITORY"], os.environ["ISSUES_TABLE"]

    token = boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["GITHUB_TOKEN_SECRET"])["SecretString"].strip()
    dynamo = boto3.client("dynamodb")
    item = dynamo.get_item(TableName=table, Key={"eventKey": {"S": key}}, ConsistentRead=True).get("Item")
    if item and "issueNumber" in item:
        print(json.dumps({"outcome": "unchanged", "issueNumber": int(item["issueNumber"]["N"])}))
        return
    claim, now = str(uuid.uuid4()), int(time.time())
    dynamo.update_item(TableName=table, Key={"eventKey": {"S": key}},
                       UpdateExpression="SET claimId = :c, claimExpiresAt = :e",
                       ConditionExpression="attribute_not_exists(claimId) OR claimExpiresAt < :now",
                       ExpressionAttributeValues={":c": {"S": claim}, ":e": {"N": str(now + 180)}, ":now": {"N": str(now)}})
    dynamo.update_item(TableName=table, Key={"eventKey": {"S": key}}, UpdateExpression="SET createStartedAt = :t",
                       ConditionExpression="claimId = :c",
                       ExpressionAttributeValues={":t": {"N": str(now * 1000)}, ":c": {"S": claim}})

    status, _ = github("GET", f"{api}/repos/{repo}", token)
    if status != 200:
        raise SystemExit(f"GitHub answered {status} for the repository")
    labels = [("aws-health", "ff9900"), (f"service:{detail.get('service', 'UNKNOWN')}"[:50], "1d76db"),
              (f"category:{detail.get('eventTypeCategory', 'unknown')}"[:50], "c5def5")]
    for name, color in labels:
        status, _ = github("GET", f"{api}/repos/{repo}/labels/{urllib.parse.quote(name, safe='')}", token)
        if status == 404:
            github("POST", f"{api}/repos/{repo}/labels", token, {"name": name, "color": color})
    marker = f"<!-- siteops:aws-health key={hashlib.sha256(key.encode()).hexdigest()[:32]} -->"
    title = (f"AWS Health: {detail.get('service')} {detail.get('eventTypeCode')} in {detail.get('eventRegion')} "
             f"[{detail.get('statusCode')}] ({account})")[:256]
    description = "\n\n".join(d.get("latestDescription", "") for d in detail.get("eventDescription", []))
    body = f"{marker}\n| Event ARN | `{detail['eventArn']}` |\n\n```text\n{description[:40000]}\n```\n"
    status, issue = github("POST", f"{api}/repos/{repo}/issues", token,
                           {"title": title, "body": body, "labels": [name for name, _ in labels]})
    if status != 201:
        raise SystemExit(f"GitHub answered {status} when creating the issue")
    state = gzip.compress(json.dumps(detail, sort_keys=True).encode())
    dynamo.update_item(TableName=table, Key={"eventKey": {"S": key}},
                       UpdateExpression="SET issueNumber = :n, issueState = :s REMOVE claimId, claimExpiresAt, createStartedAt",
                       ConditionExpression="claimId = :c",
                       ExpressionAttributeValues={":n": {"N": str(issue["number"])}, ":s": {"B": state}, ":c": {"S": claim}})
    print(json.dumps({"outcome": "created", "issueNumber": issue["number"]}))


if __name__ == "__main__":
    main()
