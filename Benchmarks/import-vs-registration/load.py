#!/usr/bin/env python3
"""Registration load for Benchmarks/import-vs-registration/run: CLIENTS threads, each POSTing new teams of three
pupils (unique names, unique team names) to /v1/applications back to back, until SECONDS have passed or STOPFILE
exists. One JSON line per request to OUT: start (s since the run began), latency (s), status, error code.

    load.py BASE TOKENS_FILE EVENT_ID CLIENTS SECONDS|STOPFILE OUT TAG
"""
import http.client, json, os, sys, threading, time

base, tokens_file, event, clients, until, out, tag = sys.argv[1:8]
host, port = base.replace("http://", "").split(":")
tokens = [line.split() for line in open(tokens_file) if line.strip()]
clients = int(clients)
letters = "абвгдежзиклмнопрстуфхцчшщэюя"


def spell(n):
    s = ""
    while True:
        s += letters[n % len(letters)]
        n //= len(letters)
        if n == 0:
            return s


t0 = time.monotonic()
stop_at = t0 + float(until) if until.replace(".", "").isdigit() else None
records, lock = [], threading.Lock()


def stopped():
    if stop_at is not None:
        return time.monotonic() >= stop_at
    return os.path.exists(until)


def client(k):
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    n = 0
    while not stopped():
        n += 1
        org, token = tokens[(k * 7 + n) % len(tokens)]
        suffix = spell(n) + spell(k) + tag
        body = json.dumps({
            "eventId": int(event), "organisationId": int(org), "teamName": f"Команда {suffix}",
            "responsible": {"name": f"Учитель {suffix}", "email": "teacher@example.org"},
            "members": [{"kind": "pupil", "role": "participant", "grade": 6, "consent": True,
                         "lastName": f"{last}{suffix}", "firstName": "Иван", "birthDate": "2014-03-01"}
                        for last in ("Нагрузкин", "Очередин", "Ожидаев")],
        }, ensure_ascii=False).encode()
        start = time.monotonic()
        try:
            conn.request("POST", "/v1/applications", body=body, headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
            code = ""
            if status >= 400:
                try:
                    code = json.loads(data).get("code", "")
                except Exception:
                    pass
        except Exception as e:  # a dropped connection counts as an error, then reconnect
            status, code = 0, type(e).__name__
            conn.close()
            conn = http.client.HTTPConnection(host, int(port), timeout=60)
        end = time.monotonic()
        with lock:
            records.append({"start": start - t0, "latency": end - start, "status": status, "code": code})
    conn.close()


threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(out, "w") as f:
    for r in records:
        f.write(json.dumps(r) + "\n")
