"""Real servers on loopback for the notification tests: an SMTP server (aiosmtpd) that records
what it receives, an HTTP server that answers webhooks with scripted status codes, and the
settings that point delivery at them."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession

from parcours.notifications.settings import DeliverySettings

LOOPBACK = "127.0.0.1"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECRET = "s3cr3t-for-tests-only-0123456789"
SENDER = "Service Client Hôtel <relation-client@hotel-test.fr>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)


@dataclass
class SmtpRecorder:
    """aiosmtpd handler: keeps each message; refuses recipients listed in `refuse`."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: SMTP,
        session: SmtpSession,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: SmtpSession, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), raw))
        return "250 Message accepted"


class SmtpServer:
    """A real SMTP server on a fixed loopback port, which a test can start late or stop."""

    def __init__(self) -> None:
        self.port = free_port()
        self.recorder = SmtpRecorder()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.recorder, hostname=LOOPBACK, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def received(self) -> list[Received]:
        return self.recorder.received


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    body: bytes


class WebhookServer:
    """A real HTTP server on loopback; answers each POST with the next scripted status."""

    def __init__(self) -> None:
        self.statuses: list[int] = []  # consumed in order; 200 once empty
        self.hits: list[Hit] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                owner.hits.append(Hit(self.path, dict(self.headers.items()), body))
                status = owner.statuses.pop(0) if owner.statuses else 200
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "/elsewhere")
                reply = b'{"ok": true}' if status < 300 else f"error {status}".encode()
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep the test output clean

        self._server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str = "/hooks/parcours") -> str:
        return f"http://{LOOPBACK}:{self.port}{path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def settings(smtp_port: int | None = None, **overrides: Any) -> DeliverySettings:
    values: dict[str, Any] = {
        "smtp_host": LOOPBACK,
        "smtp_port": smtp_port or free_port(),
        "sender": SENDER,
        "webhook_secret": SECRET,
        "timeout_s": 5.0,
    }
    values.update(overrides)
    return DeliverySettings(**values)
