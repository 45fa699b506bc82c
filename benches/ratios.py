#!/usr/bin/env python3
"""Turns one run of `cargo bench --bench throughput --bench contention` into
the ratio table of BENCHMARKS.md.

Reads criterion's mean estimates (`<target>/criterion/<group>/<id>/new/
estimates.json`) and the writer-latency table the contention bench writes
(`<target>/criterion/writer_latency.md`). The target directory is
$CARGO_TARGET_DIR, else `target`. Prints Markdown on stdout.
"""

import json
import os
import sys

TARGET = os.environ.get("CARGO_TARGET_DIR", "target")
CRITERION = os.path.join(TARGET, "criterion")
BASELINES = ("mutex_btree", "rwlock_hash")


def mean(*parts):
    """Mean time in ns of one bench id, or None when it was not run."""
    path = os.path.join(CRITERION, *parts, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["mean"]["point_estimate"]
    except FileNotFoundError:
        return None


def ns(value):
    if value is None:
        return "n/a"
    for unit, scale in (("ms", 1e6), ("µs", 1e3)):
        if value >= scale:
            return f"{value / scale:.2f} {unit}"
    return f"{value:.1f} ns"


def ratio(numerator, denominator):
    if numerator is None or denominator is None:
        return None
    return numerator / denominator


def x(value):
    return "n/a" if value is None else f"{value:.2f}x"


def verdict(value, at_least):
    if value is None:
        return "not run"
    return "met" if value >= at_least else "**not met**"


def main():
    out = []
    row = out.append
    row("| figure | memory | mutex_btree | rwlock_hash | memory speed vs mutex_btree | "
        "memory speed vs rwlock_hash | target | verdict |")
    row("|---|---:|---:|---:|---:|---:|---|---|")

    def compare(label, parts, target=None):
        times = {s: mean(*parts(s)) for s in ("memory",) + BASELINES}
        speed = {b: ratio(times[b], times["memory"]) for b in BASELINES}
        goal, judged = "", ""
        if target is not None:
            goal = f">= {target:g}x vs rwlock_hash"
            judged = verdict(speed["rwlock_hash"], target)
        row(f"| {label} | {ns(times['memory'])} | {ns(times['mutex_btree'])} | "
            f"{ns(times['rwlock_hash'])} | {x(speed['mutex_btree'])} | "
            f"{x(speed['rwlock_hash'])} | {goal} | {judged} |")

    for op in ("write", "read", "exists"):
        target = 1 if op in ("write", "read") else None
        compare(f"small file {op} (per op)", lambda s, op=op: ("small_files", op, s), target)
    compare("recursive listing, 100k files", lambda s: ("listing_100k", "recursive", s))
    compare("one-level listing, 100k files", lambda s: ("listing_100k", "one_level", s))
    for size in ("1k", "100k"):
        compare(f"time to first listed item, {size} files",
                lambda s, size=size: ("listing_first_item", s, size))
    compare("read 64 MiB", lambda s: ("read_64mib", "read", s))
    for mix in ("r1w1", "r2w2", "r4w1", "r1w4", "r4w4"):
        compare(f"{mix[1]} readers + {mix[3]} writers, shared keys (per round)",
                lambda s, mix=mix: ("readers_writers", s, mix))
    compare("writer, idle (mean)", lambda s: ("writer_latency", s, "idle"))
    compare("writer, lister on the same tree (mean)", lambda s: ("writer_latency", s, "listing"))
    compare("writer, lister on another tree (mean)",
            lambda s: ("writer_latency", s, "listing_elsewhere"))

    row("")
    row("| memory-only figure | value | target | verdict |")
    row("|---|---:|---|---|")
    first = {n: mean("listing_first_item", "memory", n) for n in ("1k", "100k")}
    growth = ratio(first["100k"], first["1k"])
    row(f"| time to first item, 100k files / 1k files | {x(growth)} | does not grow "
        f"(<= 2x) | {verdict(None if growth is None else 2 / growth, 1)} |")
    copy = ratio(mean("read_64mib", "copy_to_vec"), mean("read_64mib", "read", "memory"))
    row(f"| copying 64 MiB (`Vec::from`) / `read_bytes` of 64 MiB | {x(copy)} | >= 1000x | "
        f"{verdict(copy, 1000)} |")

    latency = os.path.join(CRITERION, "writer_latency.md")
    if os.path.exists(latency):
        with open(latency) as f:
            table = f.read()
        for line in table.splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[:2] == ["memory", "listing"]:
                p99 = float(cells[7])
                row(f"| writer p99 with a 100k lister / p99 idle | {p99:.2f}x | <= 2x | "
                    f"{verdict(2 / p99, 1)} |")
        row("")
        row("Writer latency percentiles (`writer_latency.md`, every timed write):")
        row("")
        out.append(table.rstrip())
    print("\n".join(out))


if __name__ == "__main__":
    sys.exit(main())
