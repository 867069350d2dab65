#!/usr/bin/env python3
"""Times two commands alternately (A, B, A, B, ...) and prints medians and the ratio A/B, and the median split of
A's time when A is bin/invoke (its "bin/invoke timing:" lines: launcher, script, JVM start, init, handler).

Usage: paired.py --runs N --label-a NAME --label-b NAME -- CMD_A... ::: CMD_B...
Each command runs through the shell with stdout discarded and stderr kept in a temporary file (a pipe would
also wait for background processes that inherited it); a non-zero exit aborts the benchmark.
Alternating in one batch keeps machine noise out of the ratio; absolute times drift between batches.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


TIMING = re.compile(r"bin/invoke timing: (.*)")


def run(command, phases=None):
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        done = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=errors,
                              env=dict(os.environ, SITEOPS_INVOKE_TIMING="1"))
        elapsed = time.perf_counter() - start
        errors.seek(0)
        text = errors.read().decode(errors="replace")
        if done.returncode != 0:
            sys.stderr.write(text)
            raise SystemExit(f"benchmark command failed ({done.returncode}): {command}")
    if phases is not None:
        for line in TIMING.findall(text):
            for pair in line.split():
                name, value = pair.split("=")
                phases.setdefault(name.removesuffix("_ms"), []).append(int(value))
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--label-a", default="A")
    parser.add_argument("--label-b", default="B")
    parser.add_argument("commands", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    words = args.commands[1:] if args.commands and args.commands[0] == "--" else args.commands
    if ":::" not in words:
        parser.error("separate the two commands with :::")
    split = words.index(":::")
    command_a, command_b = " ".join(words[:split]), " ".join(words[split + 1:])
    for _ in range(args.warmup):
        run(command_a)
        run(command_b)
    times_a, times_b, phases = [], [], {}
    for _ in range(args.runs):
        times_a.append(run(command_a, phases))
        times_b.append(run(command_b))
    median_a, median_b = statistics.median(times_a), statistics.median(times_b)
    ratios = sorted(a / b for a, b in zip(times_a, times_b))
    width = max(len(args.label_a), len(args.label_b))
    print(f"{args.label_a:<{width}}  median {median_a * 1000:7.0f} ms  min {min(times_a) * 1000:7.0f} ms  max {max(times_a) * 1000:7.0f} ms")
    print(f"{args.label_b:<{width}}  median {median_b * 1000:7.0f} ms  min {min(times_b) * 1000:7.0f} ms  max {max(times_b) * 1000:7.0f} ms")
    print(f"ratio {args.label_a}/{args.label_b}: median of medians {median_a / median_b:.2f}, "
          f"paired runs {ratios[0]:.2f}..{ratios[-1]:.2f} (n={args.runs})")
    if phases:
        print(f"split of {args.label_a} (medians, ms): "
              + ", ".join(f"{name.replace('_', ' ')} {statistics.median(values):.0f}" for name, values in phases.items()))


if __name__ == "__main__":
    main()
