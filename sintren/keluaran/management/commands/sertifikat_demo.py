"""Generate the demo CA and signer certificate of the embedded default (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from sintren.keluaran.signing import demo_dir, sertifikat_demo_buat


class Command(BaseCommand):
    help = (
        "Make the demo CA and the office's demo signing certificate (PKCS#12) in "
        "DATA_DIR/tte unless they exist; nothing when SIGNING_PKCS12_PATH is set."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.SIGNING_PKCS12_PATH:
            if options["verbosity"]:
                self.stdout.write("Office certificate configured; no demo certificate needed.")
            return
        made = sertifikat_demo_buat()
        if options["verbosity"]:
            state = "generated" if made else "already present"
            self.stdout.write(f"Demo signing certificate {state} in {demo_dir()}.")
