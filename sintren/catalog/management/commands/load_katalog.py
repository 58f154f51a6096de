"""``manage.py load_katalog``: load the seed service catalogue (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sintren.catalog.seeding import katalog_load


class Command(BaseCommand):
    help = "Memuat katalog layanan awal (layanan, persyaratan, formulir, jadwal, hari tutup)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--perbarui-berkas",
            action="store_true",
            help="Buat ulang contoh gambar dan formulir PDF walaupun sudah ada.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = katalog_load(perbarui_berkas=options["perbarui_berkas"])
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Katalog layanan dimuat: {report}."))
