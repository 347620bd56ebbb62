"""Reads the outputs of Benchmarks/http/run and prints its Markdown report.

  summarise.py round CLIENTS PGBENCH_OUT PGBENCH_LOG_PREFIX PGBENCH_ROWS WRK_OUT HTTP_ROWS   -> one JSON line
  summarise.py report RESULTS_JSONL WRK_SCARCE_OUT SCARCE_ROWS CHECK_OUT HWM RSS SERVER_5XX DURATION POOL LOG LOAD...
The report exits 1 when a rule check fails, the server answered 5xx, a throughput round got any answer
but 201, or the rows in the database differ from the successes counted by the clients by more than the
requests in flight when wrk stopped (at most one per connection).
"""
import datetime
import glob
import json
import re
import sys


def wrk_result(path):
    # The refusal samples are cut at 300 bytes, possibly inside a Cyrillic letter.
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT "):])
    raise SystemExit(f"no RESULT line in {path}")


def percentile(sorted_values, p):
    if not sorted_values:
        return 0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def pgbench_result(out_path, log_prefix):
    text = open(out_path, encoding="utf-8").read()
    tps = float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text).group(1))
    processed = int(re.search(r"number of transactions actually processed: (\d+)", text).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", text)
    latencies = []
    for path in glob.glob(log_prefix + ".*"):
        with open(path) as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]))
    latencies.sort()
    return {
        "tps": tps, "processed": processed, "failed": int(failed.group(1)) if failed else 0,
        "p50_us": percentile(latencies, 50), "p99_us": percentile(latencies, 99),
    }


def round_line(clients, pg_out, pg_log, pg_rows, wrk_out, http_rows):
    pg = pgbench_result(pg_out, pg_log)
    w = wrk_result(wrk_out)
    created = w["statuses"].get("201", 0)
    seconds = w["duration_us"] / 1e6
    print(json.dumps({
        "clients": int(clients), "pgbench": pg, "pgbench_rows": int(pg_rows),
        "http": {
            "requests": w["requests"], "created": created, "per_second": created / seconds, "seconds": seconds,
            "statuses": w["statuses"], "errors": w["errors"], "p50_us": w["latency_us"]["p50"],
            "p99_us": w["latency_us"]["p99"], "samples": w.get("samples", {}),
        },
        "http_rows": int(http_rows),
    }, ensure_ascii=False))


def ms(us):
    return f"{us / 1000:.1f}"


def report(results_path, scarce_out, scarce_rows, check_out, hwm, rss, server_5xx, duration, pool, log_level, cpus, load):
    failures = []
    rounds = [json.loads(line) for line in open(results_path, encoding="utf-8") if line.strip()]
    print(f"HTTP registration benchmark, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
          f"{cpus} CPUs, load average before the report {load}; {duration} s per round; server pool {pool}, log level {log_level}")
    print()
    print("| clients | pgbench TPS | pgbench p50 / p99 ms | HTTP registrations/s | HTTP p50 / p99 ms | ratio | HTTP answers |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for r in rounds:
        pg, http = r["pgbench"], r["http"]
        ratio = http["per_second"] / pg["tps"] if pg["tps"] else 0
        answers = ", ".join(f"{k}: {v}" for k, v in sorted(http["statuses"].items()))
        print(f"| {r['clients']} | {pg['tps']:.0f} | {ms(pg['p50_us'])} / {ms(pg['p99_us'])} | {http['per_second']:.0f} | "
              f"{ms(http['p50_us'])} / {ms(http['p99_us'])} | {ratio:.2f}x | {answers} |")
        if set(http["statuses"]) - {"201"} or any(http["errors"].values()):
            failures.append(f"{r['clients']} clients: answers other than 201 or socket errors: {http['statuses']} {http['errors']} {http['samples']}")
        # wrk stops counting at the deadline; requests then in flight still commit: at most one per connection.
        if not http["created"] <= r["http_rows"] <= http["created"] + r["clients"]:
            failures.append(f"{r['clients']} clients: {http['created']} answers 201 but {r['http_rows']} applications stored")
        if r["pgbench_rows"] != pg["processed"] or pg["failed"]:
            failures.append(f"{r['clients']} clients: pgbench processed {pg['processed']} ({pg['failed']} failed), {r['pgbench_rows']} stored")
    w = wrk_result(scarce_out)
    created = w["statuses"].get("201", 0)
    print()
    answers = ", ".join(f"{k}: {v}" for k, v in sorted(w["statuses"].items()))
    print(f"Contention round (64 connections, 5 s, one event with capacity 30 and 2 places per school, half the "
          f"teams naming one of 8 shared pupils): {w['requests']} requests ({answers}); {scarce_rows} applications stored.")
    if not created <= int(scarce_rows) <= created + 64:
        failures.append(f"contention: {created} answers 201 but {scarce_rows} applications stored")
    if any(s.startswith("5") for s in w["statuses"]):
        failures.append(f"contention: server errors {w['statuses']} {w.get('samples')}")
    codes = {}
    for status, body in w.get("samples", {}).items():
        m = re.search(r'"code":"([a-z_]+)"', body)
        codes[status.removeprefix("body")] = m.group(1) if m else body[:80]
    if codes:
        print(f"Refusals seen (one sample per status): {', '.join(f'{k} {v}' for k, v in sorted(codes.items()))}.")
    print()
    print(f"Server memory: peak VmHWM {hwm}, VmRSS at the end {rss}. Server answers 5xx in its log: {server_5xx}.")
    if server_5xx != "0":
        failures.append(f"the server logged {server_5xx} answers 5xx")
    print()
    print("Rules after the run (violations, from the rows themselves):")
    print()
    for line in open(check_out, encoding="utf-8"):
        if "|" not in line:
            continue
        rule, count = line.rstrip("\n").rsplit("|", 1)
        print(f"- {rule}: {count}")
        if count.strip() != "0":
            failures.append(f"rule broken: {rule} ({count})")
    if failures:
        print()
        print("FAILED:")
        for f in failures:
            print(f"- {f}")
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1] == "round":
        round_line(*sys.argv[2:8])
    elif sys.argv[1] == "report":
        report(*sys.argv[2:13], " ".join(sys.argv[13:]))
    else:
        raise SystemExit(__doc__)
