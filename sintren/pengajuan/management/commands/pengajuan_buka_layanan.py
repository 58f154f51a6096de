"""``manage.py pengajuan_buka_layanan SLUG…``: open services around the clock (demo, tests)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sintren.catalog.models import Layanan
from sintren.pengajuan.demo import demo_layanan_buka


class Command(BaseCommand):
    help = (
        "Membuka pengajuan layanan sepanjang hari, setiap hari (untuk demo dan uji browser). "
        "Libur nasional, hari tutup dan kuota harian tetap berlaku."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="+", help="Slug layanan, mis. akta-kelahiran.")

    def handle(self, *args: Any, **options: Any) -> None:
        for slug in options["slug"]:
            try:
                status = demo_layanan_buka(slug)
            except Layanan.DoesNotExist as exc:
                raise CommandError(f"Layanan {slug!r} tidak ditemukan.") from exc
            if status.tersedia:
                self.stdout.write(f"{slug}: tersedia")
            else:
                self.stdout.write(f"{slug}: belum tersedia ({status.sebab}: {status.alasan})")
