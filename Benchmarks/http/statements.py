"""Per-statement comparison of one Benchmarks/http/run: what PostgreSQL spent on each side's registrations.

Reads the run's folder: `registered` ("clients pgbench_rows http_rows" per round) and the rounds'
pg_stat_statements snapshots (statements-pgbench-N.jsonl, statements-http-N.jsonl; reset before each round,
so a snapshot holds that round's statements only). Prints Markdown: totals per registration, then each side's
statements that cost the most.
"""
import json
import sys

folder, top = sys.argv[1], int(sys.argv[2])


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


rounds = []
with open(f"{folder}/registered", encoding="utf-8") as f:
    for line in f:
        clients, pg_rows, http_rows = (int(x) for x in line.split())
        rounds.append((clients, pg_rows, http_rows))

print("\n## PostgreSQL's side of each round (pg_stat_statements, reset before the round)\n")
for clients, pg_rows, http_rows in rounds:
    sides = {
        "pgbench": (load(f"{folder}/statements-pgbench-{clients}.jsonl"), max(pg_rows, 1)),
        "HTTP": (load(f"{folder}/statements-http-{clients}.jsonl"), max(http_rows, 1)),
    }
    print(f"### {clients} clients\n")
    print("| per registration | pgbench | HTTP server |")
    print("|---|---:|---:|")
    print(f"| registrations in the round | {pg_rows} | {http_rows} |")

    def per(side, key):
        rows, n = sides[side]
        return sum(r[key] for r in rows) / n

    print(f"| statements executed | {per('pgbench', 'calls'):.1f} | {per('HTTP', 'calls'):.1f} |")
    print(f"| execution ms (all statements) | {per('pgbench', 'total_ms'):.2f} | {per('HTTP', 'total_ms'):.2f} |")
    print(f"| planning ms | {per('pgbench', 'plan_ms'):.2f} | {per('HTTP', 'plan_ms'):.2f} |")
    print()
    for side in ("HTTP", "pgbench"):
        rows, n = sides[side]
        print(f"{side}: the {top} statements that cost the most\n")
        print("| statement | calls per registration | mean ms | ms per registration |")
        print("|---|---:|---:|---:|")
        for r in rows[:top]:
            query = r["query"].replace("|", "\\|")
            mean = r["total_ms"] / r["calls"] if r["calls"] else 0
            print(f"| `{query}` | {r['calls'] / n:.2f} | {mean:.3f} | {r['total_ms'] / n:.2f} |")
        print()
