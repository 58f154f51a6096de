"""Deliver due outbox messages once, or keep doing it (``--loop``) as a worker."""

from __future__ import annotations

import logging
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from sintren.notifications.tasks import deliver_due_pesan

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Kirim pesan (WhatsApp/email) yang sudah waktunya dikirim."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Terus berjalan sebagai worker.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Jeda antar putaran (detik)."
        )
        parser.add_argument("--limit", type=int, default=100, help="Pesan per putaran.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["loop"]:
            sent = deliver_due_pesan(limit=options["limit"])
            self.stdout.write(f"{sent} pesan terkirim.")
            return
        self._running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while self._running:
            close_old_connections()
            try:
                sent = deliver_due_pesan(limit=options["limit"])
            except DatabaseError:
                # The database is briefly unavailable: keep the worker alive and retry.
                logger.exception("kirim_pesan: database error; retrying")
                sent = 0
            if sent == 0:
                time.sleep(options["interval"])

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._running = False
