"""Reads of the documents app: the *Data Dukung* panel, the account's earlier files, and
the getters of the serving views (SEC-1: a request only through
:func:`sintren.pengajuan.selectors.pengajuan_get_for_user`, then the file must be
attached to that request or be the viewer's own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from sintren.catalog.models import DokumenPersyaratan
from sintren.documents.models import Berkas, DataDukung
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import hak_ubah
from sintren.pengajuan.selectors import item_perbaikan_terbuka
from sintren.pengajuan.workflow import in_correction


@dataclass(frozen=True)
class BarisDokumen:
    """One row of the *Data Dukung* panel: a required document and its files;
    ``bisa_ubah``: the applicant may add and remove files (*Tambah Dokumen*, *Hapus*);
    ``catatan_perbaikan``: the verifier's note when the document is marked for
    correction (X-2)."""

    dokumen: DokumenPersyaratan
    lampiran: list[DataDukung]
    bisa_ubah: bool = False
    catatan_perbaikan: str = ""


def panel_rows(pengajuan: Pengajuan) -> list[BarisDokumen]:
    """The service's documents in catalogue order, each with the files attached and
    what the applicant may do with it."""
    dokumen = DokumenPersyaratan.objects.filter(layanan_id=pengajuan.layanan_id).order_by(
        "urutan", "id"
    )
    lampiran: dict[int, list[DataDukung]] = {}
    for link in DataDukung.objects.filter(pengajuan=pengajuan).select_related("berkas"):
        lampiran.setdefault(link.dokumen_id, []).append(link)
    items = item_perbaikan_terbuka(pengajuan) if in_correction(pengajuan.status) else []
    hak = hak_ubah(pengajuan.status, items)
    catatan = {item.dokumen_id: item.catatan for item in items if item.is_dokumen}
    return [
        BarisDokumen(
            item,
            lampiran.get(item.pk, []),
            bisa_ubah=hak.boleh_dokumen(item.pk),
            catatan_perbaikan=catatan.get(item.pk, ""),
        )
        for item in dokumen
    ]


def berkas_of_user(user: Any) -> QuerySet[Berkas]:
    """The files of ``user``'s own applicant account, newest first (*Dokumen Lama*)."""
    pk = getattr(user, "pk", None)
    if not isinstance(pk, int):
        return Berkas.objects.none()
    return Berkas.objects.filter(pemohon__user_id=pk).order_by("-dibuat", "-id")


def dokumen_get_for(pengajuan: Pengajuan, pk: int) -> DokumenPersyaratan:
    """A required document of the request's service, else ``Http404``."""
    found = DokumenPersyaratan.objects.filter(pk=pk, layanan_id=pengajuan.layanan_id).first()
    if found is None:
        raise Http404
    return found


def datadukung_get_for(pengajuan: Pengajuan, pk: int) -> DataDukung:
    """A file link of this request, else ``Http404``."""
    found = (
        DataDukung.objects.select_related("dokumen", "berkas")
        .filter(pk=pk, pengajuan=pengajuan)
        .first()
    )
    if found is None:
        raise Http404
    return found


def berkas_get_for(user: Any, pengajuan: Pengajuan, pk: int) -> Berkas:
    """A file the viewer of ``pengajuan`` (already checked by the access getter) may
    open: one attached to this request, or one of the viewer's own account; else 404."""
    found = (
        Berkas.objects.filter(pk=pk)
        .filter(Q(data_dukung__pengajuan=pengajuan) | Q(pemohon__user__pk=getattr(user, "pk", -1)))
        .distinct()
        .first()
    )
    if found is None:
        raise Http404
    return found
