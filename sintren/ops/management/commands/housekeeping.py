"""Remove what has outlived its purpose: finished limits, expired codes, used captchas.

``make run`` keeps it running hourly (``--loop``); in production run it from cron or a
systemd timer once an hour.
"""

from __future__ import annotations

import contextlib
import logging
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.utils import timezone

from sintren.accounts.models import KodeOtp
from sintren.core.captcha import captcha_purge
from sintren.core.ratelimit import limit_purge
from sintren.documents.services import berkas_orphan_sweep
from sintren.keluaran.services import dokumen_berkas_bersihkan, dokumen_pengingat_kirim
from sintren.notifications.services import notifikasi_rahasia_purge
from sintren.pengajuan.retensi import draf_kedaluwarsa_hapus

logger = logging.getLogger(__name__)

# Expired phone-change codes are kept a day for support questions, then removed.
OTP_KEEP = timedelta(days=1)
RETRY_SECONDS = 60.0  # after a database error in --loop


def housekeeping_run() -> dict[str, int]:
    """Delete stale rows; return how many of each kind went."""
    counters = limit_purge()
    codes, _ = KodeOtp.objects.filter(kedaluwarsa__lte=timezone.now() - OTP_KEEP).delete()
    captchas = captcha_purge()
    secrets = notifikasi_rahasia_purge()
    orphans = berkas_orphan_sweep(older_than=timedelta(hours=1))
    # Issued documents: the reminder a day before expiry, expired files after the grace.
    pengingat = dokumen_pengingat_kirim()
    keluaran = dokumen_berkas_bersihkan()
    drafts = draf_kedaluwarsa_hapus()  # SEC-3: drafts never sent, after 30 days
    return {
        "berkas_yatim": orphans,
        "pengingat_dokumen": pengingat,
        "berkas_keluaran": keluaran,
        "batas_percobaan": counters,
        "kode_otp": codes,
        "captcha_terpakai": captchas,
        "rahasia_notifikasi": secrets,
        "draf_kedaluwarsa": drafts,
    }


class Command(BaseCommand):
    help = (
        "Purge finished rate-limit counters, expired one-time codes, used captchas and "
        "old secrets of undelivered notifications."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Repeat every --interval.")
        parser.add_argument("--interval", type=float, default=3600.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            if options["loop"]:
                close_old_connections()
            try:
                removed = housekeeping_run()
            except (OperationalError, InterfaceError) as exc:
                if not options["loop"]:
                    raise
                # Locked (SQLite under a burst of writes) or briefly unreachable: stay
                # alive and try again soon on a fresh connection.
                delay = min(options["interval"], RETRY_SECONDS)
                logger.warning(
                    "housekeeping: database unavailable (%s); retrying in %g s",
                    type(exc).__name__,
                    delay,
                )
                with contextlib.suppress(DatabaseError, InterfaceError):
                    connections.close_all()
                time.sleep(delay)
                continue
            if options["verbosity"] > 1:
                self.stdout.write(f"housekeeping: {removed}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
