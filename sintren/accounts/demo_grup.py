"""Demo applicant group (ACC-7): a village office with one member, an active applicant.

The member is made through the real services (registration, approval, activation), like
the other demo applicants, and is kept for the group flows (manual B.4) so that trying
them does not change the other demo accounts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from sintren.accounts.demo_pemohon import (
    DEMO_DESA,
    DEMO_PEMOHON_PASSWORD,
    demo_pemohon_create,
)
from sintren.accounts.models import AnggotaGrup, GrupPemohon, Pemohon, User
from sintren.regions.models import Wilayah

DEMO_GRUP_NAMA = "Pemerintah Desa Karangsari"
DEMO_ANGGOTA: dict[str, Any] = {  # KK 3326070101200006, email rina@contoh.id
    "nik": "3326074404930006",
    "nama": "Rina Kartika",
    "status": "aktif",
    "lahir": dt.date(1993, 4, 4),
    "jk": "P",
    "hp": "+6281234560006",
    "password": DEMO_PEMOHON_PASSWORD,
}


@transaction.atomic
def demo_grup_load(*, actor: User | None) -> int:
    """Create the demo group and its member if missing; return how many rows were made."""
    desa = Wilayah.objects.filter(code=DEMO_DESA).first()
    admin = User.objects.filter(username="admin").first()
    if desa is None or actor is None:
        return 0
    created = 0
    pemohon = Pemohon.objects.filter(nik=DEMO_ANGGOTA["nik"]).first()
    if pemohon is None:
        pemohon = demo_pemohon_create(DEMO_ANGGOTA, desa, actor)
        created += 1
    grup, made = GrupPemohon.objects.get_or_create(
        nama=DEMO_GRUP_NAMA,
        defaults={"wilayah": desa, "keterangan": "Operator pelayanan kantor desa (demo)."},
    )
    created += int(made)
    _, made = AnggotaGrup.objects.get_or_create(
        grup=grup, pemohon=pemohon, defaults={"ditambahkan_oleh": admin}
    )
    return created + int(made)


def demo_grup_logins() -> list[str]:
    """Lines for the ``make run`` banner."""
    entry = DEMO_ANGGOTA
    return [
        f"pemohon NIK {entry['nik']} (aktif, anggota grup {DEMO_GRUP_NAMA}) "
        f"password {entry['password']} - {entry['nama']}"
    ]
