"""``manage.py load_wilayah``: load the national region dataset (or a subset) into Wilayah."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import ProtectedError

from sintren.regions.services import DATA_DIR, WilayahDataError, wilayah_load


class Command(BaseCommand):
    help = (
        "Load Indonesian provinces, regencies, districts and villages (Kemendagri codes) "
        "into Wilayah. Idempotent: skips when the table already holds the dataset."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only",
            metavar="CODE",
            help="load only this region, its descendants and ancestors (e.g. 33.26)",
        )
        parser.add_argument(
            "--data-dir", type=Path, default=DATA_DIR, help="folder holding the CSV files"
        )
        parser.add_argument(
            "--force", action="store_true", help="upsert even when the counts already match"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            result = wilayah_load(
                data_dir=options["data_dir"], only_prefix=options["only"], force=options["force"]
            )
        except WilayahDataError as exc:
            raise CommandError(str(exc)) from exc
        except ProtectedError as exc:
            raise CommandError(
                "Some region codes left the dataset but are still referenced; "
                f"nothing was changed: {exc.args[0]}"
            ) from exc
        elapsed = time.perf_counter() - started
        if options["verbosity"] < 1:
            return
        summary = (
            f"{result['provinsi']} provinsi, {result['kabupaten']} kabupaten/kota, "
            f"{result['kecamatan']} kecamatan, {result['desa']} desa/kelurahan"
        )
        if result["skipped"]:
            self.stdout.write(f"Wilayah already loaded ({summary}); nothing to do.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wilayah loaded: {summary}; {result['deleted']} removed ({elapsed:.1f} s)."
                )
            )
