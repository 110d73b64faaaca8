#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""mktrace.py BASE N OUT: a trace of N events, synthesized from the real
trace BASE by repeating its events (seq renumbered, each copy later in time
by the span of BASE's events), written with a 2-space indent (record now
writes its events one a line; the loader reads either alike). Streams its output: the size of OUT does not matter."""
import json
import sys


def main():
    base, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(base) as f:
        t = json.load(f)
    events = t.pop("events")
    if not events:
        sys.exit("mktrace: %s has no events" % base)
    t0 = min(e["time_ns"] for e in events)
    span = max(e["time_ns"] for e in events) - t0 + 1000000
    with open(out, "w") as f:
        head = json.dumps(t, indent=2)
        f.write(head[:-2] + ',\n  "events": [\n')
        for i in range(n):
            e = dict(events[i % len(events)])
            k = i // len(events)
            e["seq"] = i
            e["time_ns"] += k * span
            if "start_ns" in e:
                e["start_ns"] += k * span
            if "time_mono_ns" in e:
                e["time_mono_ns"] += k * span
            body = json.dumps(e, indent=2).replace("\n", "\n    ")
            f.write("    " + body + (",\n" if i + 1 < n else "\n"))
        f.write("  ]\n}\n")


if __name__ == "__main__":
    main()
