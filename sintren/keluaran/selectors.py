"""Reads of the issued documents: who may manage them, a request's documents, the
verifier queue's flag (X-8), and the lookups of the public verification (OUT-4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import Http404

from sintren.backoffice.selectors_pengajuan import petugas_boleh_layanan
from sintren.keluaran.models import DokumenTerbit
from sintren.pengajuan.models import Pengajuan


def petugas_boleh(user: Any, pengajuan: Pengajuan) -> bool:
    """Whether ``user`` may manage the issued documents of ``pengajuan``: a staff
    member of its service (an admin: every service)."""
    return petugas_boleh_layanan(user, pengajuan.layanan_id)


def dokumen_of(pengajuan: Pengajuan, *, terbit_saja: bool = False) -> list[DokumenTerbit]:
    """The documents of a request, oldest first (the applicant sees issued ones only)."""
    rows = DokumenTerbit.objects.filter(pengajuan=pengajuan).select_related("digantikan_oleh")
    if terbit_saja:
        rows = rows.filter(diterbitkan_pada__isnull=False)
    return list(rows.order_by("dibuat_pada", "id"))


def dokumen_get_for(pengajuan: Pengajuan, pk: int, *, terbit_saja: bool = False) -> DokumenTerbit:
    """Document ``pk`` of ``pengajuan`` (already access-checked), else ``Http404``."""
    rows = DokumenTerbit.objects.filter(pengajuan=pengajuan, pk=pk)
    if terbit_saja:
        rows = rows.filter(diterbitkan_pada__isnull=False)
    found = rows.select_related("pengajuan__layanan", "pengajuan__pemohon__user").first()
    if found is None:
        raise Http404
    return found


def pengajuan_minta_unduh_ulang(pengajuan_ids: Iterable[int]) -> set[int]:
    """Of ``pengajuan_ids``, those whose applicant asked for a new download (X-8) that
    no reissue has answered yet: one query, for the rows of the verifier's queue."""
    return set(
        DokumenTerbit.objects.filter(
            pengajuan_id__in=list(pengajuan_ids),
            unduh_ulang_diminta_pada__isnull=False,
            digantikan_oleh__isnull=True,
        ).values_list("pengajuan_id", flat=True)
    )


def dokumen_by_kode(kode: str) -> DokumenTerbit | None:
    """The issued document with verification code ``kode`` (normalised), if any."""
    if not kode:
        return None
    return (
        DokumenTerbit.objects.filter(kode_verifikasi=kode, diterbitkan_pada__isnull=False)
        .select_related("pengajuan__layanan", "digantikan_oleh")
        .first()
    )


def dokumen_by_sha256(sha256: str) -> DokumenTerbit | None:
    """The issued document whose file has this hash; of several copies (a reissue of
    an uploaded PDF keeps its bytes) the current one, else the newest."""
    rows = DokumenTerbit.objects.filter(sha256=sha256, diterbitkan_pada__isnull=False)
    rows = rows.select_related("pengajuan__layanan", "digantikan_oleh")
    return (
        rows.filter(digantikan_oleh__isnull=True, dicabut_pada__isnull=True).order_by("-id").first()
        or rows.order_by("-id").first()
    )
