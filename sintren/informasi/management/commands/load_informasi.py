"""``manage.py load_informasi``: load the seed information items (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sintren.informasi.seeding import informasi_load


class Command(BaseCommand):
    help = "Memuat contoh informasi awal (umum, rahasia, sistem)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = informasi_load()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Informasi dimuat: {report}."))
