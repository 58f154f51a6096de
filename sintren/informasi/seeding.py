"""Load the seed information items (``seed/informasi.toml``) idempotently, matched by title.

``hari_lalu`` dates each item relative to the first load, so the demo shows recent news;
the date is set on creation only and never moved by a later load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from sintren.catalog.seeding import SeedReport, seed_upsert
from sintren.core.konten import konten_berubah
from sintren.core.seed import Key, seed_load, seed_source, seed_unique
from sintren.informasi.models import Informasi

SEED_FILE = Path(__file__).resolve().parent / "seed" / "informasi.toml"

INFORMASI_SCHEMA = {
    "judul": Key(str),
    "jenis": Key(str, choices=Informasi.Jenis.values),
    "hari_lalu": Key(int, default=0),
    "ringkasan": Key(str),
    "isi": Key(str),
}


def informasi_data() -> list[dict[str, Any]]:
    """The items of ``seed/informasi.toml``, in file order."""
    items = seed_load(SEED_FILE, table="informasi", schema=INFORMASI_SCHEMA)
    seed_unique(
        (SEED_FILE, f"informasi[{n}].judul", d["judul"]) for n, d in enumerate(items, start=1)
    )
    return items


@transaction.atomic
def informasi_load() -> SeedReport:
    """Create or update the seed information items; publication dates are set once."""
    report = SeedReport()
    now = timezone.now()
    for number, data in enumerate(informasi_data(), start=1):
        with seed_source(SEED_FILE, f"informasi[{number}]"):
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
    if report.berubah:
        konten_berubah()  # the kept public pages are out of date
    return report
