"""Reads of the requests app: availability of services, and the requests an applicant
may see (SEC-1: every request goes through :func:`pengajuan_get_for_user`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import holidays
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.decorators import active_pemohon
from sintren.accounts.modes import Mode
from sintren.catalog.models import FieldTambahan, HariTutup, JadwalLayanan, Layanan
from sintren.pengajuan.availability import (
    CARI_HARI,
    ZONA,
    AturanLayanan,
    Jendela,
    Kalender,
    Ketersediaan,
    ketersediaan,
)
from sintren.pengajuan.choices import STATUS_TERBUKA
from sintren.pengajuan.models import KuotaHarian, Pengajuan, RiwayatStatus


# --- availability (REQ-2, X-4) -------------------------------------------------------------
@lru_cache(maxsize=8)
def _libur_tahun(tahun: int) -> dict[date, str]:
    """Indonesia's national holidays of one year, with their Indonesian names."""
    return {
        day: str(name)
        for day, name in holidays.country_holidays("ID", years=tahun, language="id").items()
    }


def libur_nasional(dari: date, sampai: date) -> dict[date, str]:
    """National holidays from ``dari`` to ``sampai`` (inclusive), by date."""
    found: dict[date, str] = {}
    for tahun in range(dari.year, sampai.year + 1):
        found.update({d: n for d, n in _libur_tahun(tahun).items() if dari <= d <= sampai})
    return found


def kalender_load(hari: date) -> Kalender:
    """The closed days from ``hari`` over the whole search range of the next opening."""
    sampai = hari + timedelta(days=CARI_HARI + 1)
    tutup = dict(
        HariTutup.objects.filter(tanggal__range=(hari, sampai)).values_list("tanggal", "keterangan")
    )
    return Kalender(libur=libur_nasional(hari, sampai), tutup=tutup)


def aturan_of(layanan: Layanan) -> AturanLayanan:
    """A service's availability rules as plain data (uses prefetched ``jadwal`` if there)."""
    jadwal = tuple(Jendela(j.hari, j.jam_mulai, j.jam_selesai) for j in layanan.jadwal.all())
    return AturanLayanan(
        nama=layanan.nama,
        aktif=layanan.aktif,
        khusus_grup=layanan.akses == Layanan.Akses.GRUP,
        kuota_harian=layanan.kuota_harian,
        jadwal=jadwal,
    )


def _now(sekarang: datetime | None) -> datetime:
    return (sekarang or timezone.now()).astimezone(ZONA)


def kuota_terpakai(layanan_ids: Iterable[int], hari: date) -> dict[int, int]:
    """How many requests were created on ``hari`` per service id."""
    rows = KuotaHarian.objects.filter(layanan_id__in=list(layanan_ids), tanggal=hari)
    return dict(rows.values_list("layanan_id", "terpakai"))


def ketersediaan_semua(
    layanan_list: Iterable[Layanan], *, mode_grup: bool, sekarang: datetime | None = None
) -> dict[int, Ketersediaan]:
    """Availability of each service (by id) at ``sekarang``, in a fixed number of queries.

    Pass services with ``jadwal`` prefetched (:func:`layanan_pengajuan` does) to save
    one query per service.
    """
    now = _now(sekarang)
    items = list(layanan_list)
    kalender = kalender_load(now.date())
    terpakai = kuota_terpakai((item.pk for item in items), now.date())
    return {
        item.pk: ketersediaan(
            aturan_of(item),
            sekarang=now,
            mode_grup=mode_grup,
            terpakai=terpakai.get(item.pk, 0),
            kalender=kalender,
        )
        for item in items
    }


def ketersediaan_layanan(
    layanan: Layanan, *, mode_grup: bool, sekarang: datetime | None = None
) -> Ketersediaan:
    """Availability of one service at ``sekarang`` (now by default)."""
    return ketersediaan_semua([layanan], mode_grup=mode_grup, sekarang=sekarang)[layanan.pk]


def layanan_pengajuan(*, mode_grup: bool) -> QuerySet[Layanan]:
    """The active services the mode may request, schedules prefetched (side menu).

    The personal mode gets the general services; a group mode also the group-only ones.
    """
    queryset = Layanan.objects.filter(aktif=True)
    if not mode_grup:
        queryset = queryset.filter(akses=Layanan.Akses.UMUM)
    return queryset.prefetch_related(
        Prefetch("jadwal", queryset=JadwalLayanan.objects.order_by("hari", "jam_mulai"))
    ).order_by("urutan", "nama")


def layanan_for_baru(slug: str) -> Layanan:
    """A service by slug with what the new-request form needs; ``Http404`` if unknown.

    Inactive services are found too: the page then says it is not available.
    """
    queryset = Layanan.objects.prefetch_related(
        "jadwal",
        Prefetch("field_tambahan", queryset=FieldTambahan.objects.order_by("urutan", "id")),
    )
    found = queryset.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


# --- access (SEC-1) ------------------------------------------------------------------------
def _visible(user: Any, mode: Mode) -> QuerySet[Pengajuan]:
    """The requests ``user`` may open in ``mode``; none for anyone but an active applicant.

    Personal mode: the applicant's own requests made in the personal mode. Group mode:
    the group's requests, while the applicant is an active member of the active group.
    Deleted drafts are gone for everybody.
    """
    pemohon = active_pemohon(user)
    if pemohon is None:
        return Pengajuan.objects.none()
    queryset = Pengajuan.objects.filter(dihapus_pada__isnull=True)
    if mode.grup is None:
        return queryset.filter(pemohon=pemohon, grup__isnull=True)
    return queryset.filter(
        grup=mode.grup,
        grup__aktif=True,
        grup__anggota__pemohon=pemohon,
        grup__anggota__aktif=True,
    )


_KODE_RE = re.compile(r"[A-Za-z0-9]{1,24}")


def pengajuan_get_for_user(user: Any, kode: str, *, mode: Mode) -> Pengajuan:
    """The request ``kode`` if ``user`` may see it in ``mode``, else ``Http404``.

    The one getter of a request for applicants' pages: a request of someone else, of
    another mode, or a deleted one is "not found", never "forbidden".
    """
    if not _KODE_RE.fullmatch(str(kode)):  # e.g. a NUL byte PostgreSQL would refuse
        raise Http404
    found = (
        _visible(user, mode)
        .select_related("layanan", "pemohon", "grup__wilayah", "pilihan_dokumen")
        .filter(kode=str(kode))
        .first()
    )
    if found is None:
        raise Http404
    return found


def pengajuan_kode_visible(user: Any, kode: str, *, mode: Mode) -> bool:
    """Whether ``user`` may open request ``kode`` in ``mode`` (to link to it or not)."""
    return _visible(user, mode).filter(kode=kode).exists()


@dataclass(frozen=True)
class FilterPengajuan:
    """The *Cek Pengajuan* filters (REQ-7); empty values filter nothing."""

    layanan_id: int | None = None
    status: str = ""
    kode: str = ""
    nik: str = ""
    nama: str = ""


LIST_ORDER = ("-diperbarui", "-id")


def pengajuan_list_for_user(
    user: Any, mode: Mode, filters: FilterPengajuan | None = None
) -> QuerySet[Pengajuan]:
    """The requests ``user`` sees in ``mode``, newest change first, filtered (REQ-7).

    The NIK is matched exactly, the name as a case-insensitive part, the code exactly
    (case-insensitive).
    """
    filters = filters or FilterPengajuan()
    queryset = _visible(user, mode).select_related("layanan")
    conditions = Q()
    if filters.layanan_id:
        conditions &= Q(layanan_id=filters.layanan_id)
    if filters.status:
        conditions &= Q(status=filters.status)
    if filters.kode:
        conditions &= Q(kode=filters.kode.strip().upper())
    if filters.nik:
        conditions &= Q(subjek_nik=filters.nik)
    if filters.nama:
        conditions &= Q(subjek_nama__icontains=filters.nama.strip())
    return queryset.filter(conditions).order_by(*LIST_ORDER)


def _jawaban_tampil(field: FieldTambahan | None, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return gettext("Ya") if value else gettext("Tidak")
    if field is not None and field.tipe == FieldTambahan.Tipe.TANGGAL:
        try:
            return date.fromisoformat(str(value)).strftime("%d-%m-%Y")
        except ValueError:
            return str(value)
    return str(value)


def data_tambahan_rows(pengajuan: Pengajuan) -> list[tuple[str, str]]:
    """(label, answer as shown) of the extra fields in catalogue order (detail page).

    Answers to fields the catalogue no longer has come last, under their ``nama``.
    """
    fields = FieldTambahan.objects.filter(layanan_id=pengajuan.layanan_id).order_by("urutan", "id")
    answers = dict(pengajuan.data_tambahan or {})
    rows = [(f.label, _jawaban_tampil(f, answers.pop(f.nama, None))) for f in fields]
    rows += [(nama, _jawaban_tampil(None, value)) for nama, value in answers.items()]
    return rows


def riwayat_for(pengajuan: Pengajuan) -> list[RiwayatStatus]:
    """The request's status history, oldest first (REQ-9)."""
    return list(pengajuan.riwayat.select_related("oleh").order_by("pada", "pk"))


def pengajuan_terbuka_kode(
    *, layanan: Layanan, subjek_kunci: str, kecuali: int | None = None
) -> str | None:
    """The code of an open request for this service and subject (X-6), if there is one."""
    queryset = Pengajuan.objects.filter(
        layanan=layanan,
        subjek_kunci=subjek_kunci,
        status__in=STATUS_TERBUKA,
        dihapus_pada__isnull=True,
    )
    if kecuali is not None:
        queryset = queryset.exclude(pk=kecuali)
    return queryset.values_list("kode", flat=True).first()


# --- what is missing before sending (REQ-6) ------------------------------------------------
def field_wajib_kurang(pengajuan: Pengajuan) -> list[str]:
    """Labels of the service's required extra fields the request has no answer for.

    Checked again at sending: staff may have added a required field after the draft was
    saved.
    """
    answers = pengajuan.data_tambahan or {}
    return [
        field.label
        for field in FieldTambahan.objects.filter(layanan_id=pengajuan.layanan_id, wajib=True)
        if answers.get(field.nama) in (None, "")
    ]


def dokumen_wajib_kurang(pengajuan: Pengajuan) -> list[str]:
    """Names of the mandatory supporting documents (*Data Dukung*) not yet attached.

    A hook for the documents app (DOC-*), which does not exist yet: until then nothing
    can be attached and nothing is reported missing. The documents app replaces the
    body with a query of the service's mandatory ``DokumenPersyaratan`` without an
    attached file; :func:`sintren.pengajuan.services.pengajuan_send` already refuses a
    request for which this returns names.
    """
    from sintren.catalog.models import DokumenPersyaratan

    return list(
        DokumenPersyaratan.objects.filter(layanan_id=pengajuan.layanan_id, wajib=True)
        .exclude(data_dukung__pengajuan=pengajuan)
        .order_by("urutan", "id")
        .values_list("nama", flat=True)
    )
