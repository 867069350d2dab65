#!/usr/bin/env python3
"""Prints the given AWS Health sample with a fresh eventArn, so each benchmark run opens a new issue."""
import json
import sys
import uuid

event = json.load(open(sys.argv[1]))
event["detail"]["eventArn"] = event["detail"]["eventArn"].rsplit("_", 1)[0] + "_" + str(uuid.uuid4())
json.dump(event, sys.stdout)
