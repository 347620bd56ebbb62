"""The baseline of Benchmarks/notify/run: a plain smtplib loop sending the outbox's messages over one connection.

    smtplib_loop.py PORT MESSAGES_DIR     sends every *.eml in the folder (RFC 5322 text) in name order; prints seconds
"""
import os, smtplib, sys, time

port, folder = int(sys.argv[1]), sys.argv[2]
names = sorted(n for n in os.listdir(folder) if n.endswith(".eml"))
messages = []
for name in names:
    with open(os.path.join(folder, name), "rb") as f:
        messages.append(f.read())
began = time.monotonic()
with smtplib.SMTP("127.0.0.1", port) as smtp:
    for i, message in enumerate(messages):
        smtp.sendmail("schoolnet@bench.example", [f"teacher{i}@school.example"], message)
print(f"{time.monotonic() - began:.3f}")
