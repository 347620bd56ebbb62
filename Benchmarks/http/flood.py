#!/usr/bin/env python3
"""Real registrations' rate with and without a flood of unknown tokens from another client address.

    flood.py BASE TOKENS_FILE EVENTS SECONDS CLIENTS FLOODERS PHASE [MODE]

Registrations: CLIENTS threads from 127.0.0.1, each POSTing new teams of four (as register.lua does) with a
school's real token. Flood (when FLOODERS > 0): a separate process with FLOODERS threads whose connections
are bound to 127.0.0.2, each sending GET /v1/events with a new well-formed but unknown token as fast as it can
(MODE "tokens", the default), or GET /healthz with no token (MODE "health": what any flood of cheap requests
costs the machine, for comparison).
Prints one line of JSON: registrations/s, their p50/p99 latency and statuses, and the flood's requests/s
and statuses.
"""
import http.client, json, multiprocessing, os, secrets, sys, threading, time, urllib.parse

def connection(base, source=None):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30, source_address=(source, 0) if source else None)

def register_worker(base, schools, events, stop, phase, thread_no, out):
    conn = connection(base)
    statuses, latencies, n = {}, [], 0
    year = time.gmtime().tm_year
    while not stop.is_set():
        n += 1
        key = (phase * 64 + thread_no) * 10_000_000 + n
        org, token = schools[key * 7 % len(schools)]
        event = events[key % len(events)]
        grade = 5 + key % 5
        suffix = format(key, "x")
        members = [{"lastName": f"{s}-{suffix}", "firstName": g, "birthDate": f"{year - 6 - grade}-{1 + (key + i) % 12:02d}-{1 + (key + i) % 28:02d}",
                    "kind": "pupil", "grade": grade, "consent": True}
                   for i, (s, g) in enumerate([("Иванов", "Иван"), ("Петрова", "Мария"), ("Сидоров", "Пётр"), ("Кузнецова", "Анна")])]
        body = json.dumps({"eventId": int(event), "organisationId": int(org), "teamName": f"Команда {suffix}",
                           "responsible": {"name": f"Учитель {suffix}", "email": f"t{key}@example.org"}, "members": members},
                          ensure_ascii=False).encode()
        started = time.perf_counter()
        try:
            conn.request("POST", "/v1/applications", body, {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                                            "Idempotency-Key": f"flood-bench-{key}"})
            response = conn.getresponse()
            response.read()
            status = response.status
        except Exception:
            status = "error"
            conn.close()
            conn = connection(base)
        if not stop.is_set():
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(time.perf_counter() - started)
    out.append((statuses, latencies))

def flood_worker(base, stop, counts, lock, mode):
    conn = connection(base, "127.0.0.2")
    while not stop.is_set():
        try:
            if mode == "health":
                conn.request("GET", "/healthz")
            else:
                # Well-formed (base64url, the real tokens' shape), unknown.
                conn.request("GET", "/v1/events", headers={"Authorization": "Bearer sn_" + secrets.token_urlsafe(32)})
            response = conn.getresponse()
            response.read()
            status = response.status
        except Exception:
            status = "error"
            conn.close()
            conn = connection(base, "127.0.0.2")
        with lock:
            counts[status] = counts.get(status, 0) + 1

def flood_process(base, threads, seconds, queue, mode):
    stop, lock, counts = threading.Event(), threading.Lock(), {}
    workers = [threading.Thread(target=flood_worker, args=(base, stop, counts, lock, mode)) for _ in range(threads)]
    for w in workers: w.start()
    time.sleep(seconds)
    stop.set()
    for w in workers: w.join()
    queue.put(counts)

def main():
    base, tokens_file, events, seconds, clients, flooders, phase = sys.argv[1:8]
    seconds, clients, flooders, phase = float(seconds), int(clients), int(flooders), int(phase)
    mode = sys.argv[8] if len(sys.argv) > 8 else "tokens"
    schools = [tuple(line.split()) for line in open(tokens_file) if line.strip()]
    events = events.split(",")
    queue, flooder = multiprocessing.Queue(), None
    if flooders:
        flooder = multiprocessing.Process(target=flood_process, args=(base, flooders, seconds + 2, queue, mode))
        flooder.start()
        time.sleep(2)  # the flood is at full speed before the measurement starts
    stop, out = threading.Event(), []
    workers = [threading.Thread(target=register_worker, args=(base, schools, events, stop, phase, i, out)) for i in range(clients)]
    started = time.perf_counter()
    for w in workers: w.start()
    time.sleep(seconds)
    stop.set()
    for w in workers: w.join()
    elapsed = time.perf_counter() - started
    flood = queue.get() if flooder else {}
    if flooder: flooder.join()
    statuses, latencies = {}, []
    for s, l in out:
        for k, v in s.items(): statuses[str(k)] = statuses.get(str(k), 0) + v
        latencies += l
    latencies.sort()
    pct = lambda p: round(latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000, 1) if latencies else None
    print(json.dumps({"seconds": round(elapsed, 1), "clients": clients, "flooders": flooders, "mode": mode,
                      "registrations_per_s": round(statuses.get("201", 0) / elapsed, 1), "p50_ms": pct(0.5), "p99_ms": pct(0.99),
                      "statuses": statuses,
                      "flood_per_s": round(sum(flood.values()) / (seconds + 2), 1) if flood else 0,
                      "flood_statuses": {str(k): v for k, v in flood.items()}}, ensure_ascii=False))

if __name__ == "__main__":
    main()
