#!/usr/bin/env python3
"""Turns one run of `cargo bench --bench throughput --bench contention
--bench delete_stall --bench footprint` into the ratio tables of
BENCHMARKS.md.

Reads criterion's mean estimates (`<target>/criterion/<group>/<id>/new/
estimates.json`) and the tables the benches write beside them
(`writer_latency.md`, `delete_stall.md`, `footprint.md`). The target
directory is $CARGO_TARGET_DIR, else `target`. Prints Markdown on stdout.
"""

import json
import os
import sys

TARGET = os.environ.get("CARGO_TARGET_DIR", "target")
CRITERION = os.path.join(TARGET, "criterion")
BASELINES = ("object_store", "mutex_btree", "rwlock_hash")


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
    row("| figure | memory | object_store | mutex_btree | rwlock_hash | "
        "memory speed vs object_store | memory speed vs rwlock_hash | target | verdict |")
    row("|---|---:|---:|---:|---:|---:|---:|---|---|")

    def compare(label, parts, target=None, goal=None):
        times = {s: mean(*parts(s)) for s in ("memory",) + BASELINES}
        speed = {b: ratio(times[b], times["memory"]) for b in BASELINES}
        judged = ""
        if target is not None:
            goal = goal or f">= {target:g}x vs rwlock_hash"
            judged = verdict(speed["rwlock_hash"], target)
        row(f"| {label} | {ns(times['memory'])} | {ns(times['object_store'])} | "
            f"{ns(times['mutex_btree'])} | {ns(times['rwlock_hash'])} | "
            f"{x(speed['object_store'])} | {x(speed['rwlock_hash'])} | {goal or ''} | "
            f"{judged} |")

    for op in ("write", "read", "exists"):
        compare(f"small file {op} (per op)", lambda s, op=op: ("small_files", op, s), 1)
    compare("recursive listing, 100k files", lambda s: ("listing_100k", "recursive", s),
            1 / 1.5, "time <= 1.5x rwlock_hash's")
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
    compare("recursive delete of 100k files", lambda s: ("recursive_delete_100k", "delete", s))
    compare("creating a small file (per 10k)", lambda s: ("create_10k_files", "create", s))

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

    tables = {}
    for name in ("writer_latency", "delete_stall", "footprint"):
        path = os.path.join(CRITERION, f"{name}.md")
        if os.path.exists(path):
            with open(path) as f:
                tables[name] = f.read()
    for line in tables.get("writer_latency", "").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[:2] == ["memory", "listing"]:
            p99, stall = float(cells[7]), float(cells[8].rstrip("%"))
            row(f"| writer p99 with a 100k lister / p99 idle | {p99:.2f}x | <= 2x | "
                f"{verdict(2 / p99, 1)} |")
            row(f"| writer stall with a 100k lister | {stall:.1f}% | < 5% | "
                f"{verdict(5 / max(stall, 1e-9), 1.000001)} |")
    for line in tables.get("delete_stall", "").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] == "memory":
            worst = float(cells[6]) / 1000
            row(f"| longest write during a 100k recursive delete | {worst:.3f} ms | <= 1 ms | "
                f"{verdict(1 / worst, 1)} |")
    for line in tables.get("footprint", "").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0] == "memory":
            times = float(cells[4].rstrip("x"))
            row(f"| bytes of overhead per small file / rwlock_hash's | {times:.2f}x | <= 2x | "
                f"{verdict(2 / times, 1)} |")
    for name, title in (("writer_latency", "Writer latency percentiles (`writer_latency.md`, "
                         "every timed write; stall: share of the writer's time beyond its "
                         "idle p99):"),
                        ("delete_stall", "A writer in another folder during a recursive delete "
                         "of 100k files (`delete_stall.md`; stall: share of its time beyond "
                         "twice its p50):"),
                        ("footprint", "Memory held per stored file beyond its 64 B of content "
                         "(`footprint.md`, 100k files, requested bytes):")):
        if name in tables:
            row("")
            row(title)
            row("")
            out.append(tables[name].rstrip())
    print("\n".join(out))


if __name__ == "__main__":
    sys.exit(main())
