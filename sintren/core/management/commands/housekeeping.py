"""Remove what has outlived its purpose: finished rate-limit counters, expired codes.

``make run`` keeps it running hourly (``--loop``); in production run it from cron or a
systemd timer once an hour.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sintren.accounts.models import KodeOtp
from sintren.core.ratelimit import limit_purge

# Expired phone-change codes are kept a day for support questions, then removed.
OTP_KEEP = timedelta(days=1)


def housekeeping_run() -> dict[str, int]:
    """Delete stale rows; return how many of each kind went."""
    counters = limit_purge()
    codes, _ = KodeOtp.objects.filter(kedaluwarsa__lte=timezone.now() - OTP_KEEP).delete()
    return {"batas_percobaan": counters, "kode_otp": codes}


class Command(BaseCommand):
    help = "Purge finished rate-limit counters and expired one-time codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Repeat every --interval.")
        parser.add_argument("--interval", type=float, default=3600.0)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            removed = housekeeping_run()
            if options["verbosity"] > 1:
                self.stdout.write(f"housekeeping: {removed}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
