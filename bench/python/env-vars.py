#!/usr/bin/env python3
"""Prints export lines for one function's section of a sam --env-vars file, so the Python side of a benchmark
reads the same configuration as the function.   Usage: env-vars.py <LogicalId> <env-vars.json>"""
import json
import shlex
import sys

for name, value in json.load(open(sys.argv[2]))[sys.argv[1]].items():
    print(f"export {name}={shlex.quote(str(value))}")
