"""Reads for the applicant's own account pages (ACC-11)."""

from __future__ import annotations

from typing import Any

from sintren.accounts.models import AnggotaGrup, Pemohon
from sintren.regions.models import Wilayah


def wilayah_rantai(desa: Wilayah) -> dict[str, Wilayah | None]:
    """The village and its district, regency and province."""
    chain: dict[str, Wilayah | None] = {"desa": desa}
    current: Wilayah | None = desa
    for key in ("kecamatan", "kabupaten", "provinsi"):
        current = current.parent if current is not None else None
        chain[key] = current
    return chain


def keanggotaan_aktif(pemohon: Pemohon) -> list[AnggotaGrup]:
    """The applicant's active memberships of active groups."""
    return list(
        AnggotaGrup.objects.filter(pemohon=pemohon, aktif=True, grup__aktif=True)
        .select_related("grup__wilayah")
        .order_by("grup__nama", "pk")
    )


def profil_data(pemohon: Pemohon) -> dict[str, Any]:
    """Everything the profile page shows about ``pemohon``."""
    pemohon = Pemohon.objects.select_related("wilayah__parent__parent__parent", "user").get(
        pk=pemohon.pk
    )
    return {
        "pemohon": pemohon,
        "wilayah": wilayah_rantai(pemohon.wilayah),
        "keanggotaan": keanggotaan_aktif(pemohon),
    }
