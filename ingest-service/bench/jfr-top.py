#!/usr/bin/env python3
"""Reads `jfr print --json --stack-depth 256 --events jdk.ExecutionSample` from stdin; prints the top frames of the
main thread's samples by self time, and the top methods by inclusive time (each method counted once per sample).
Usage: jfr-top.py [top] [Class.method ...]: for each Class.method given, also its direct callees' inclusive shares."""
import collections
import json
import sys

events = json.load(sys.stdin)["recording"]["events"]
top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
focus = sys.argv[2:]
self_time = collections.Counter()
inclusive = collections.Counter()
callees = {f: collections.Counter() for f in focus}
total = 0
for e in events:
    v = e["values"]
    if (v.get("sampledThread") or {}).get("javaName") != "main":
        continue
    frames = (v.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    total += 1
    names = [f["method"]["type"]["name"].rsplit("/", 1)[-1] + "." + f["method"]["name"] for f in frames]
    self_time[names[0]] += 1
    for n in set(names):
        inclusive[n] += 1
    for f in focus:
        seen = set()
        for i in range(1, len(names)):
            if names[i] == f and names[i - 1] not in seen:
                seen.add(names[i - 1])
                callees[f][names[i - 1]] += 1
        if f in names and names[0] == f:
            callees[f]["(self)"] += 1
print(f"{total} samples of the main thread")
print("-- self")
for n, c in self_time.most_common(top):
    print(f"{100 * c / total:5.1f}%  {n}")
print("-- inclusive")
for n, c in inclusive.most_common(top * 2):
    print(f"{100 * c / total:5.1f}%  {n}")
for f in focus:
    print(f"-- called by {f}")
    for n, c in callees[f].most_common(top):
        print(f"{100 * c / total:5.1f}%  {n}")
