"""An SMTP sink for Benchmarks/notify/run (Debian's python3-aiosmtpd): accepts everything, keeps only a count.

    sink.py PORT COUNTFILE      prints "ready"; on SIGTERM writes the number of messages received to COUNTFILE
"""
import asyncio, signal, sys
from aiosmtpd.controller import Controller

port, countfile = int(sys.argv[1]), sys.argv[2]
received = 0


class Sink:
    async def handle_DATA(self, server, session, envelope):
        global received
        received += 1
        return "250 OK"


controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
loop = asyncio.new_event_loop()
loop.add_signal_handler(signal.SIGTERM, loop.stop)
loop.run_forever()
controller.stop()
with open(countfile, "w") as f:
    f.write(str(received))
