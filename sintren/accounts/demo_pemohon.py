"""Demo applicants of the embedded default: one or more in every registration state.

They are made through the real services (registration, decision, activation), so their
history and the development outbox look as they would in use. All live in Karangsari,
Karanganyar, Kabupaten Pekalongan; their NIKs carry the right birth dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from sintren.accounts.models import Pemohon, User
from sintren.accounts.services import (
    aktivasi_process,
    aktivasi_token_issue,
    pendaftaran_approve,
    pendaftaran_create,
    pendaftaran_reject,
)
from sintren.regions.models import Wilayah

DEMO_PEMOHON_PASSWORD = "Pemohon123"  # noqa: S105 - documented demo login, embedded only
DEMO_NAMA_IBU = "Siti Aminah"
DEMO_DESA = "33.26.07.2008"
DEMO_ALASAN = "Nama Ibu belum sesuai dengan yang tercatat di KK"

# nik: district 33.26.07 + DDMMYY (day + 40 for women) + serial.
DEMO_PEMOHON: list[dict[str, Any]] = [
    {"nik": "3326071708900001", "nama": "Budi Santoso", "status": "aktif",
     "lahir": dt.date(1990, 8, 17), "jk": "L", "hp": "+6281234560001"},
    {"nik": "3326075203950002", "nama": "Sri Wahyuni", "status": "aktif",
     "lahir": dt.date(1995, 3, 12), "jk": "P", "hp": "+6281234560002"},
    {"nik": "3326070101850003", "nama": "Agus Salim", "status": "menunggu",
     "lahir": dt.date(1985, 1, 1), "jk": "L", "hp": "+6281234560003"},
    {"nik": "3326076506920004", "nama": "Dewi Lestari", "status": "disetujui",
     "lahir": dt.date(1992, 6, 25), "jk": "P", "hp": "+6281234560004"},
    {"nik": "3326071011880005", "nama": "Joko Prasetyo", "status": "ditolak",
     "lahir": dt.date(1988, 11, 10), "jk": "L", "hp": "+6281234560005"},
]  # fmt: skip
for _entry in DEMO_PEMOHON:
    _entry["password"] = DEMO_PEMOHON_PASSWORD


def demo_nomor_kk(entry: dict[str, Any]) -> str:
    """The Nomor KK of a demo applicant (what the status check asks besides the NIK)."""
    return f"332607010120{entry['nik'][-4:]}"


def _data(entry: dict[str, Any], desa: Wilayah) -> dict[str, Any]:
    return {
        "nik": entry["nik"],
        "nama_lengkap": entry["nama"],
        "nomor_kk": demo_nomor_kk(entry),
        "tempat_lahir": "Pekalongan",
        "tanggal_lahir": entry["lahir"],
        "jenis_kelamin": entry["jk"],
        "nama_ibu": DEMO_NAMA_IBU,
        "wilayah": desa,
        "nomor_hp": entry["hp"],
        "email": f"{entry['nama'].split()[0].lower()}@contoh.id",
        "password": DEMO_PEMOHON_PASSWORD,
    }


def _bring_to(pemohon: Pemohon, status: str, actor: User) -> None:
    if status == Pemohon.Status.DITOLAK:
        pendaftaran_reject(pemohon=pemohon, actor=actor, alasan=DEMO_ALASAN)
        return
    if status in {Pemohon.Status.DISETUJUI, Pemohon.Status.AKTIF}:
        pendaftaran_approve(pemohon=pemohon, actor=actor)
    if status == Pemohon.Status.AKTIF:
        aktivasi_process(token=aktivasi_token_issue(pemohon=pemohon), nama_ibu=DEMO_NAMA_IBU)


def demo_pemohon_create(entry: dict[str, Any], desa: Wilayah, actor: User) -> Pemohon:
    """Register one demo applicant and bring it to ``entry["status"]`` through the services."""
    pemohon = pendaftaran_create(data=_data(entry, desa), ip=None)
    if pemohon is None:
        raise ValueError("demo NIK already registered")
    _bring_to(pemohon, entry["status"], actor)
    return pemohon


@transaction.atomic
def demo_pemohon_load(*, actor: User | None) -> int:
    """Create the missing demo applicants; return how many were created.

    Needs the regions (Karangsari) and the demo verifier; without them nothing is made.
    """
    desa = Wilayah.objects.filter(code=DEMO_DESA).first()
    if desa is None or actor is None:
        return 0
    created = 0
    for entry in DEMO_PEMOHON:
        if Pemohon.objects.filter(nik=entry["nik"]).exists():
            continue
        demo_pemohon_create(entry, desa, actor)
        created += 1
    return created


def demo_pemohon_logins() -> list[str]:
    """Lines for the ``make run`` banner."""
    return [
        f"pemohon NIK {entry['nik']} ({entry['status']:<9}) password {entry['password']}"
        f" - {entry['nama']}"
        for entry in DEMO_PEMOHON
    ] + [f"pemohon Nama Ibu Kandung (aktivasi): {DEMO_NAMA_IBU}"]
