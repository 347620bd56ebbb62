#!/usr/bin/env python3
"""Markdown table for Benchmarks/import-vs-registration/run: BASELINE.jsonl DURING.jsonl IMPORT_START IMPORT_END
(the import's start and end in seconds since the DURING load began)."""
import json, sys
from collections import Counter


def load(path):
    return [json.loads(l) for l in open(path) if l.strip()]


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def row(name, records, seconds):
    ok = [r["latency"] for r in records if r["status"] == 201]
    lat = [r["latency"] for r in records]
    n503 = sum(1 for r in records if r["status"] == 503)
    other = Counter(f'{r["status"]} {r["code"]}'.strip() for r in records if r["status"] not in (201, 503))
    return (f"| {name} | {seconds:.0f} | {len(records)} | {len(ok)} | {len(ok) / seconds:.1f} | "
            f"{pct(lat, 50) * 1000:.0f} | {pct(lat, 99) * 1000:.0f} | {max(lat, default=0) * 1000:.0f} | "
            f"{pct(ok, 50) * 1000:.0f} | {pct(ok, 99) * 1000:.0f} | {n503} | {', '.join(f'{k}: {v}' for k, v in other.items()) or '-'} |")


base, during, i0, i1 = load(sys.argv[1]), load(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
base_secs = max((r["start"] + r["latency"] for r in base), default=1)
inside = [r for r in during if r["start"] < i1 and r["start"] + r["latency"] > i0]
print("| load | seconds | requests | 201 | 201/s | p50 ms (all) | p99 ms (all) | max ms | p50 ms (201) | p99 ms (201) | 503 | other |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
print(row("without import", base, base_secs))
print(row("with import (requests overlapping it)", inside, max(i1 - i0, 1e-9)))
busy = [r for r in during if r["status"] == 503]
codes = Counter(r["code"] for r in busy)
if busy:
    first, last = min(r["start"] for r in busy), max(r["start"] + r["latency"] for r in busy)
    print()
    print(f"503 answers ({', '.join(f'{k}: {v}' for k, v in codes.items())}) from {first - i0:+.1f} s to {last - i0:+.1f} s "
          f"relative to the import's start; the import ran {i1 - i0:.1f} s.")
# A timeline in 5 s buckets: what a school saw during the import.
print()
print("| seconds since the import began | requests started | 201 | 503 | p50 ms | max ms |")
print("|---|---:|---:|---:|---:|---:|")
start, end = min(r["start"] for r in during), max(r["start"] for r in during)
t = start - i0
while t <= end - i0:
    bucket = [r for r in during if t <= r["start"] - i0 < t + 5]
    if bucket:
        lat = [r["latency"] for r in bucket]
        print(f"| {t:+.0f}..{t + 5:+.0f} | {len(bucket)} | {sum(r['status'] == 201 for r in bucket)} | "
              f"{sum(r['status'] == 503 for r in bucket)} | {pct(lat, 50) * 1000:.0f} | {max(lat) * 1000:.0f} |")
    t += 5
