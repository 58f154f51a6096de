"""Choices of the requests app: the request statuses with the manual's labels (REQ-8)."""

from __future__ import annotations

from django.db import models


class StatusPengajuan(models.TextChoices):
    """Where a request stands; only ``pengajuan_transition`` writes it (workflow.py)."""

    DRAF = "draf", "Draf"
    DIKIRIM = "dikirim", "Pengajuan Dikirim"
    DIPROSES = "diproses", "Diproses"
    PERBAIKAN = "perbaikan", "Perlu Perbaikan"
    DITOLAK = "ditolak", "Ditolak"
    TERBIT = "terbit", "Sudah Terbit TTE"
    SIAP_DIAMBIL = "siap_diambil", "Dokumen Siap Diambil"
    SELESAI = "selesai", "Selesai"
    DIHAPUS = "dihapus", "Dihapus"


# A request still "open" for the duplicate guard: everything but the end states.
# An issued document (terbit, siap_diambil) still counts: the applicant should collect
# it, not ask again.
STATUS_TERBUKA = frozenset(
    {
        StatusPengajuan.DRAF,
        StatusPengajuan.DIKIRIM,
        StatusPengajuan.DIPROSES,
        StatusPengajuan.PERBAIKAN,
        StatusPengajuan.TERBIT,
        StatusPengajuan.SIAP_DIAMBIL,
    }
)


class JenisItemPerbaikan(models.TextChoices):
    """What a correction item (X-2) points at: a supporting document of the service, or
    one field of the request (its own data or an extra field of the service)."""

    DOKUMEN = "dokumen", "Data Dukung"
    DATA = "data", "Data Pengajuan"
