"""Outside edges of the notifications app, as real local servers.

``wa_gateway``: a WhatsApp Cloud API stub on 127.0.0.1 (``ThreadingHTTPServer``) that
records every request and can answer 500 or be switched off (connection refused).
``smtp_server``: an aiosmtpd SMTP server on loopback that records every message.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

WA_TOKEN = "test-token-123"


@dataclass
class WaRequest:
    """One request received by the stub gateway."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class StubGateway:
    """A real HTTP server standing in for the WhatsApp Cloud API."""

    port: int = 0
    mode: str = "ok"  # "ok", "error" (HTTP 500) or "reject" (HTTP 400, a bad number)
    delay: float = 0.0
    requests: list[WaRequest] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v21.0/123456/messages"

    def start(self) -> None:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if gateway.delay:
                    time.sleep(gateway.delay)
                if gateway.mode in {"error", "reject"}:
                    status = 500 if gateway.mode == "error" else 400
                    self._answer(status, {"error": {"message": "gateway says no"}})
                    return
                with gateway._lock:
                    gateway.requests.append(WaRequest(self.path, dict(self.headers), body))
                    number = len(gateway.requests)
                self._answer(
                    200,
                    {"messaging_product": "whatsapp", "messages": [{"id": f"wamid.TEST{number}"}]},
                )

            def _answer(self, status: int, data: dict) -> None:
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Switch the gateway off: connections are refused until ``start()``."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture(autouse=True)
def _database_task_backend(settings: Any) -> None:
    """Queue tasks in the test database, not on a shared Redis (tests opt into RQ)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def wa_gateway(settings: Any) -> Iterator[StubGateway]:
    gateway = StubGateway()
    gateway.start()
    settings.NOTIFICATION_BACKEND = "live"
    settings.WHATSAPP_API_URL = gateway.url
    settings.WHATSAPP_API_TOKEN = WA_TOKEN
    settings.WHATSAPP_TIMEOUT = 5
    yield gateway
    gateway.stop()


class _Recorder:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[_Recorder]:
    recorder = _Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.NOTIFICATION_BACKEND = "live"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield recorder
    controller.stop()
