"""The demo population register: the demo applicants and a few other citizens.

``sintren.ops.demo`` passes the demo applicants (it alone knows every app's demo data);
this module adds family members and the register's own differences, so that the check
shows every answer: Joko Prasetyo's registration was refused for a wrong mother's name,
and the register indeed knows another one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from sintren.kependudukan.models import PendudukDemo


@dataclass(frozen=True)
class Warga:
    """One citizen as the demo register records them."""

    nik: str
    nama_lengkap: str
    nomor_kk: str
    tanggal_lahir: dt.date
    nama_ibu_kandung: str


# Joko Prasetyo (demo applicant, refused): the register has another mother's name.
DEMO_NAMA_IBU_BEDA = {"3326071011880005": "Sri Rahayu"}

# Citizens who are not demo applicants: Budi Santoso's wife and son (same KK), and a
# neighbour, for requests about family members.
DEMO_WARGA_LAIN: tuple[Warga, ...] = (
    Warga("3326075506920007", "Siti Nurhaliza", "3326070101200001", dt.date(1992, 6, 15),
          "Khadijah"),
    Warga("3326071203150008", "Ahmad Fauzi", "3326070101200001", dt.date(2015, 3, 12),
          "Siti Nurhaliza"),
    Warga("3326070507700009", "Slamet Riyadi", "3326070101200009", dt.date(1970, 7, 5),
          "Painah"),
)  # fmt: skip


@transaction.atomic
def demo_penduduk_load(warga: Iterable[Warga]) -> int:
    """Put ``warga`` and :data:`DEMO_WARGA_LAIN` in the demo register; return how many
    rows were new. Idempotent: running it again changes nothing."""
    created = 0
    for entry in (*warga, *DEMO_WARGA_LAIN):
        ibu = DEMO_NAMA_IBU_BEDA.get(entry.nik, entry.nama_ibu_kandung)
        _, made = PendudukDemo.objects.update_or_create(
            nik=entry.nik,
            defaults={
                "nama_lengkap": entry.nama_lengkap,
                "nomor_kk": entry.nomor_kk,
                "tanggal_lahir": entry.tanggal_lahir,
                "nama_ibu_kandung": ibu,
            },
        )
        created += int(made)
    return created
