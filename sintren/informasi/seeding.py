"""Load the seed information items (``seed.py``) idempotently, matched by title."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from sintren.catalog.seeding import SeedReport, seed_upsert
from sintren.informasi import seed
from sintren.informasi.models import Informasi


@transaction.atomic
def informasi_load() -> SeedReport:
    """Create or update the seed information items; publication dates are set once."""
    report = SeedReport()
    now = timezone.now()
    for data in seed.INFORMASI:
        seed_upsert(
            Informasi,
            lookup={"judul": data["judul"]},
            values={
                "jenis": data["jenis"],
                "ringkasan": data["ringkasan"],
                "isi": data["isi"],
                "aktif": True,
            },
            create_only={"diterbitkan": now - dt.timedelta(days=data["hari_lalu"])},
            report=report,
        )
    return report
