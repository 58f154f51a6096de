"""A stand-in for a Dinas's NIK-verification web service: a real HTTP server on loopback.

It implements the contract of docs/kependudukan.md the way a Dinas would: it looks the
NIK up in its own records, compares the fields, and verifies the portal's Argon2 PHC
string of the mother's name with a plain Argon2 library (not Django), so the test also
proves the hash travels in a standard form. ``mode`` makes it misbehave.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN = "token-uji-register"


def _normal(nama: str) -> str:
    """The contract's rule for names (case, spaces, punctuation)."""
    nama = re.sub(r"['`]", "", nama)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_", " ", nama)).strip().casefold()


def _ibu_cocok(phc: str | None, nama: str) -> str:
    if not phc:
        return "tidak_cocok"
    kandidat = {re.sub(r"\s+", " ", nama).strip().casefold(), _normal(nama)}
    for item in kandidat:
        try:
            if PasswordHasher().verify(phc, item):
                return "cocok"
        except (VerificationError, InvalidHashError):
            continue
    return "tidak_cocok"


@dataclass
class StubRegister:
    """The server's records, behaviour and what it received."""

    penduduk: dict[str, dict[str, str]] = field(default_factory=dict)
    mode: str = "normal"  # normal | lambat | rusak | galat | tanpa_field
    delay: float = 2.0
    diterima: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def jawab(self, body: dict[str, Any]) -> dict[str, Any]:
        record = self.penduduk.get(str(body.get("nik")))
        if record is None:
            return {"ditemukan": False}

        def sama(a: Any, b: str) -> str:
            return "cocok" if a == b else "tidak_cocok"

        return {
            "ditemukan": True,
            "hasil": {
                "nik": "cocok",
                "nama_lengkap": sama(_normal(str(body["nama_lengkap"])), _normal(record["nama"])),
                "nomor_kk": sama(body["nomor_kk"], record["kk"]),
                "tanggal_lahir": sama(body["tanggal_lahir"], record["lahir"]),
                "nama_ibu_kandung": _ibu_cocok(body.get("nama_ibu_kandung_hash"), record["ibu"]),
            },
        }


def _handler(stub: StubRegister) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            stub.diterima.append(body)
            stub.headers.append(dict(self.headers))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._send(401, b'{"galat": "token"}')
            elif stub.mode == "lambat":
                time.sleep(stub.delay)
                self._send(200, json.dumps(stub.jawab(body)).encode())
            elif stub.mode == "rusak":
                self._send(200, b'{"ditemukan": tru')
            elif stub.mode == "tanpa_field":
                self._send(200, b'{"ditemukan": true, "hasil": {"nik": "cocok"}}')
            elif stub.mode == "galat":
                self._send(500, b"Internal Server Error")
            else:
                self._send(200, json.dumps(stub.jawab(body)).encode())

        def _send(self, status: int, payload: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def stub_register(penduduk: dict[str, dict[str, str]]) -> Iterator[StubRegister]:
    """Run a :class:`StubRegister` on a free loopback port for the ``with`` block."""
    stub = StubRegister(penduduk=dict(penduduk))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/verifikasi-nik"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
