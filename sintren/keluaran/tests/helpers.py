"""Shortcuts of the issued-documents tests."""

from __future__ import annotations

from typing import Any

from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.services import dokumen_terbitkan, dokumen_unggah
from sintren.pengajuan.models import Pengajuan


def terbitkan(
    pengajuan: Pengajuan, petugas: Any, data: bytes, *, portal: bool = True
) -> DokumenTerbit:
    """Upload ``data`` (signed by the portal by default) and issue it."""
    dokumen = dokumen_unggah(
        actor=petugas,
        pengajuan=pengajuan,
        data=data,
        nama_berkas="akta.pdf",
        nama="",
        tandatangani_portal=portal,
    )
    dokumen_terbitkan(actor=petugas, pengajuan=pengajuan)
    dokumen.refresh_from_db()
    return dokumen
