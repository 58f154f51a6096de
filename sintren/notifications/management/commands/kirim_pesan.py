"""Deliver due outbox messages once, or keep doing it (``--loop``) as a worker."""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

from sintren.notifications.tasks import deliver_due_pesan

logger = logging.getLogger(__name__)


def database_error_summary(exc: BaseException) -> str:
    """The error's class, plus its first line when that cannot hold row data.

    A locked or unreachable database says so ("database is locked"); other database
    errors (constraint violations, say) may quote values, so only their class is logged.
    """
    name = type(exc).__name__
    lines = str(exc).strip().splitlines()
    if isinstance(exc, OperationalError | InterfaceError) and lines:
        return f"{name}: {lines[0][:120]}"
    return name


def connections_reset() -> None:
    """Close every database connection of this process; the next query opens a new one."""
    with contextlib.suppress(DatabaseError, InterfaceError):
        connections.close_all()


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
            except (DatabaseError, InterfaceError) as exc:
                # Locked (SQLite under a burst of writes) or briefly unreachable: keep the
                # worker alive, start the next round on a fresh connection.
                logger.warning(
                    "kirim_pesan: database unavailable (%s); retrying in %g s",
                    database_error_summary(exc),
                    options["interval"],
                )
                connections_reset()
                sent = 0
            if sent == 0:
                time.sleep(options["interval"])

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._running = False
