#!/usr/bin/env python3
"""Python equivalent of MaintenanceToPagerDutyFunction for the paired benchmark (one event, same calls).

Usage: maintenance-to-pagerduty.py <event.json>
Environment: PAGERDUTY_EVENTS_URL, PAGERDUTY_ROUTING_KEY_SECRET, AWS_* (region, credentials, endpoints).
Does what the Java function does for a failed run: reads the window's tags (routing), enriches best effort
(GetMaintenanceWindow, GetMaintenanceWindowExecution, DescribeMaintenanceWindowExecutionTasks), reads the routing
key from Secrets Manager and POSTs one Events v2 trigger with urllib. Prints a small JSON result; never the key.
"""
import json
import os
import sys
import urllib.error
import urllib.request

import boto3
from botocore.exceptions import ClientError

STATUS = {"FAILED": ("trigger", "critical"), "TIMED_OUT": ("trigger", "critical"), "CANCELLED": ("trigger", "warning"),
          "SKIPPED_OVERLAPPING": ("trigger", "warning"), "SUCCESS": ("resolve", None)}


def main():
    with open(sys.argv[1]) as f:
        event = json.load(f)
    if event.get("source") != "aws.ssm" or "window-id" not in event.get("detail", {}):
        raise SystemExit("not a maintenance window event")
    detail = event["detail"]
    window_id, execution_id, status = detail["window-id"], detail.get("window-execution-id"), detail["status"]
    action, severity = STATUS.get(status, (None, None))
    if action is None:
        print(json.dumps({"outcome": "nothing-sent", "windowId": window_id, "status": status}))
        return
    ssm = boto3.client("ssm")
    notes, tags, name = [], {}, None
    try:
        tags = {t["Key"]: t["Value"] for t in ssm.list_tags_for_resource(ResourceType="MaintenanceWindow", ResourceId=window_id)["TagList"]}
    except ClientError as e:
        notes.append("ListTagsForResource failed (%s)" % e.response["Error"]["Code"])
    details = None
    try:
        name = ssm.get_maintenance_window(WindowId=window_id)["Name"]
    except ClientError as e:
        notes.append("GetMaintenanceWindow failed (%s)" % e.response["Error"]["Code"])
    tasks = []
    if execution_id:
        try:
            details = ssm.get_maintenance_window_execution(WindowExecutionId=execution_id).get("StatusDetails")
        except ClientError as e:
            notes.append("GetMaintenanceWindowExecution failed (%s)" % e.response["Error"]["Code"])
        try:
            tasks = ssm.describe_maintenance_window_execution_tasks(WindowExecutionId=execution_id)["WindowExecutionTaskIdentities"]
        except ClientError as e:
            notes.append("DescribeMaintenanceWindowExecutionTasks failed (%s)" % e.response["Error"]["Code"])
    secret_id = tags.get("siteops:pagerduty-secret") or os.environ["PAGERDUTY_ROUTING_KEY_SECRET"]
    routing_key = boto3.client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"].strip()
    dedup_key = "siteops/maintenance-window/%s/%s/%s" % (event["account"], event["region"], window_id)
    body = {"routing_key": routing_key, "event_action": action, "dedup_key": dedup_key}
    if action == "trigger":
        site = tags.get("siteops:site")
        title = ("[%s] " % site if site else "") + ("Backup window " if tags.get("siteops:backup") == "true" else "Maintenance window ") \
            + ("%s (%s)" % (name, window_id) if name else window_id)
        summary = "%s run %s%s" % (title, status, " - " + details if details else "")
        body["payload"] = {"summary": summary[:1024], "source": "arn:aws:ssm:%s:%s:maintenancewindow/%s" % (event["region"], event["account"], window_id),
                           "severity": severity, "timestamp": detail.get("end-time") or event["time"], "component": "maintenance-window",
                           "group": site or name or window_id, "class": "backup failure",
                           "custom_details": {"window_id": window_id, "window_execution_id": execution_id, "status": status,
                                              "tasks": [{"taskArn": t.get("TaskArn"), "status": t.get("Status")} for t in tasks],
                                              "enrichment_notes": notes}}
        body["links"] = [{"href": "https://%s.console.aws.amazon.com/systems-manager/maintenance-windows/%s/history/%s?region=%s"
                          % (event["region"], window_id, execution_id, event["region"]), "text": "This run"}]
    request = urllib.request.Request(os.environ.get("PAGERDUTY_EVENTS_URL", "https://events.pagerduty.com/v2/enqueue"),
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as e:
        raise SystemExit("PagerDuty answered %d" % e.code)
    print(json.dumps({"outcome": "triggered" if action == "trigger" else "resolved", "dedupKey": answer.get("dedup_key"), "notes": notes}))


if __name__ == "__main__":
    main()
