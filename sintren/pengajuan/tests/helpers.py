"""Helpers of the requests tests: an open service, request data, form data."""

from __future__ import annotations

from typing import Any

from sintren.catalog.models import JadwalLayanan, Layanan
from sintren.pengajuan.demo import SEPANJANG_HARI

# Wednesday 2 December 2026, 10.00 WIB: a working day, inside office hours.
HARI_KERJA = "2026-12-02 03:00:00"  # UTC


def buka_sepanjang_hari(layanan: Layanan) -> Layanan:
    """Give ``layanan`` a window of the whole day on all seven days."""
    mulai, selesai = SEPANJANG_HARI
    for hari in range(7):
        JadwalLayanan.objects.create(
            layanan=layanan, hari=hari, jam_mulai=mulai, jam_selesai=selesai
        )
    return layanan


def data_pengajuan(pemohon: Any, **overrides: Any) -> dict[str, Any]:
    """A service ``data`` dict for a child on the applicant's own family card."""
    data: dict[str, Any] = {
        "subjek_nik": "",
        "subjek_nama": "Bayi Ny. Sari",
        "subjek_nomor_kk": pemohon.nomor_kk,
        "nomor_hp": pemohon.nomor_hp,
        "email": pemohon.email,
        "detail": "Pengajuan akta kelahiran baru, belum memiliki NIK.",
        "data_tambahan": {"nama_bayi": "Bayi Ny. Sari", "berat_bayi": "3100"},
    }
    data.update(overrides)
    return data


def form_pengajuan(pemohon: Any, **overrides: str) -> dict[str, str]:
    """The new-request form's POST data (personal mode: KK, HP and email are locked)."""
    data = {
        "subjek_nik": "",
        "subjek_nama": "Bayi Ny. Sari",
        "detail": "Pengajuan akta kelahiran baru, belum memiliki NIK.",
        "tambahan_nama_bayi": "Bayi Ny. Sari",
        "tambahan_berat_bayi": "3100",
    }
    data.update(overrides)
    return data
