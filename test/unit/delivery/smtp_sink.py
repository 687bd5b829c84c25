"""A real SMTP server (Debian's python3-aiosmtpd) for the delivery tests.

Usage: smtp_sink.py FOLDER [--user NAME --password SECRET]
Binds 127.0.0.1 on an ephemeral port and prints "listening 127.0.0.1:PORT".
Every accepted message is written to FOLDER/<n>.eml, and a parse of it with
Python's email module to FOLDER/<n>.json. FOLDER/replies, when present, lists
one SMTP reply per line ("451 4.3.0 Try later", "554 5.7.1 Rejected"); each
DATA consumes the first line instead of accepting. A line "MAIL 501 5.1.7 Bad sender"
is consumed by the next MAIL FROM instead. aiosmtpd itself is strict about addresses: a
MAIL FROM that is not a bare <address> gets "501 5.5.4 Syntax: MAIL FROM: <address>".
SIGTERM stops the server.
"""
import asyncio
import email
import email.header
import email.policy
import json
import logging
import os
import signal
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, folder):
        self.folder = folder

    def next_reply(self, stage=""):
        path = os.path.join(self.folder, "replies")
        if not os.path.exists(path):
            return None
        with open(path) as f:
            lines = [l.strip() for l in f if l.strip()]
        if not lines or lines[0].startswith("MAIL ") != (stage == "MAIL"):
            return None
        with open(path, "w") as f:
            f.write("\n".join(lines[1:]))
        return lines[0][5:] if stage == "MAIL" else lines[0]

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        reply = self.next_reply("MAIL")
        if reply:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self.next_reply()
        if reply:
            return reply
        n = len([f for f in os.listdir(self.folder) if f.endswith(".eml")]) + 1
        raw = envelope.original_content or envelope.content
        with open(os.path.join(self.folder, f"{n}.eml"), "wb") as f:
            f.write(raw)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        if msg.is_multipart():
            for part in msg.iter_parts():
                parts.append({"content_type": part.get_content_type(), "content": part.get_content()})
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw_subject": raw.split(b"\r\nSubject: ")[1].split(b"\r\n ", 1)[0].split(b"\r\n", 1)[0].decode(),
            "subject": str(email.header.make_header(email.header.decode_header(msg["Subject"]))),
            "message_id": msg["Message-ID"],
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "date": msg["Date"],
            "mime_version": msg["MIME-Version"],
            "content_type": msg.get_content_type(),
            "parts": parts,
            "defects": [str(d) for d in msg.defects],
            "authenticated_as": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else "",
        }
        with open(os.path.join(self.folder, f"{n}.json"), "w") as f:
            json.dump(summary, f)
        return "250 2.0.0 Message accepted for delivery"


def main():
    warnings.simplefilter("ignore")  # AUTH without TLS is intended: loopback only
    logging.disable(logging.CRITICAL)
    folder = sys.argv[1]
    user = password = None
    if "--user" in sys.argv:
        user = sys.argv[sys.argv.index("--user") + 1].encode()
        password = sys.argv[sys.argv.index("--password") + 1].encode()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
        return AuthResult(success=ok, auth_data=auth_data if ok else None)

    async def serve():
        loop = asyncio.get_running_loop()
        handler = Handler(folder)
        kwargs = {}
        if user is not None:
            kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
        server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test", **kwargs), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        print(f"listening 127.0.0.1:{port}", flush=True)
        stop = asyncio.Event()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()
        server.close()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
