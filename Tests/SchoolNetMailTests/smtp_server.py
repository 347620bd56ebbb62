"""A real SMTP server for the mail tests (Debian's python3-aiosmtpd).

    smtp_server.py PORT DIR MODE [--auth USER:PASSWORD] [--tls CERT KEY]

MODE: accept (each message saved as DIR/<n>.eml), refuse (550 to every DATA), tempfail (451 to every DATA),
drop-first (the first connection is cut in the middle of its message, later ones accepted), hold (the message is saved,
then no reply ever comes: a client stuck between the server having the message and hearing that it has), close-each
(each message accepted, then the connection closed). Each connection adds a line to DIR/connections.
--auth: AUTH PLAIN/LOGIN required, with these credentials only. --tls: STARTTLS offered and required.
Prints "ready" once it listens; runs until killed.
"""
import argparse, asyncio, os, ssl, itertools
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("folder")
parser.add_argument("mode", choices=["accept", "refuse", "tempfail", "drop-first", "hold", "close-each"])
parser.add_argument("--auth")
parser.add_argument("--tls", nargs=2)
args = parser.parse_args()
counter = itertools.count(1)
dropped = []


def save(envelope):
    path = os.path.join(args.folder, f"{next(counter)}.eml")
    with open(path + ".tmp", "wb") as f:
        f.write(envelope.original_content or envelope.content)
    os.rename(path + ".tmp", path)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        if args.mode == "refuse":
            return "550 5.7.1 refused by the test server"
        if args.mode == "tempfail":
            return "451 4.3.0 try again later"
        save(envelope)
        if args.mode == "hold":
            await asyncio.sleep(3600)
        return "250 OK"


class DroppingSMTP(SMTP):
    """Cuts the first connection after the first line of its message body."""

    def connection_made(self, transport):
        with open(os.path.join(args.folder, "connections"), "a") as f:
            f.write("connection\n")
        super().connection_made(transport)

    async def smtp_DATA(self, arg):
        if args.mode == "drop-first" and not dropped and self.envelope.rcpt_tos:
            dropped.append(True)
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._reader.readuntil(b"\r\n")
            self.transport.close()
            return
        await super().smtp_DATA(arg)
        if args.mode == "close-each":
            self.transport.close()


def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = args.auth.split(":", 1)
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    # handled=False: aiosmtpd answers 535 itself (the default, handled=True, means "already answered": no reply at all)
    return AuthResult(success=ok, handled=False)


class TestController(Controller):
    def factory(self):
        kwargs = {}
        if args.auth:
            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.tls))
        if args.tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*args.tls)
            kwargs.update(tls_context=context, require_starttls=True)
        return DroppingSMTP(self.handler, **kwargs)


controller = TestController(Handler(), hostname="127.0.0.1", port=args.port)
controller.start()
print("ready", flush=True)
try:
    asyncio.get_event_loop().run_forever()
finally:
    controller.stop()
