"""A real SMTP server for the mail tests (Debian's python3-aiosmtpd).

    smtp_server.py PORT DIR MODE     MODE: accept (each message saved as DIR/<n>.eml) or refuse (550 to every DATA)

Prints "ready" once it listens; runs until killed.
"""
import asyncio, os, sys, itertools
from aiosmtpd.controller import Controller

port, folder, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
counter = itertools.count(1)

class Handler:
    async def handle_DATA(self, server, session, envelope):
        if mode == "refuse":
            return "550 5.7.1 refused by the test server"
        n = next(counter)
        path = os.path.join(folder, f"{n}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 OK"

controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    asyncio.get_event_loop().run_forever()
finally:
    controller.stop()
