"""Reads of the requests app: availability of services, and the requests an applicant
may see (SEC-1: every request goes through :func:`pengajuan_get_for_user`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.decorators import active_pemohon
from sintren.accounts.models import GrupPemohon
from sintren.accounts.modes import Mode
from sintren.catalog.models import (
    DokumenPersyaratan,
    FieldTambahan,
    HariTutup,
    JadwalLayanan,
    Layanan,
)
from sintren.core.konten import konten_kunci
from sintren.core.masking import mask_nik
from sintren.pengajuan.availability import (
    CARI_HARI,
    ZONA,
    AturanLayanan,
    Jendela,
    Kalender,
    Ketersediaan,
    ketersediaan,
)
from sintren.pengajuan.bukti import BuktiPengajuan, DokumenTerlampir
from sintren.pengajuan.choices import STATUS_TERBUKA, StatusPengajuan
from sintren.pengajuan.kalender import libur_nasional, tanggal_selesai_perkiraan
from sintren.pengajuan.models import ItemPerbaikan, KuotaHarian, Pengajuan, RiwayatStatus
from sintren.pengajuan.perbaikan import HakUbah, hak_ubah, label_item
from sintren.pengajuan.workflow import in_correction


# --- availability (REQ-2, X-4) -------------------------------------------------------------
def kalender_load(hari: date) -> Kalender:
    """The closed days from ``hari`` over the whole search range of the next opening."""
    sampai = hari + timedelta(days=CARI_HARI + 1)
    tutup = dict(
        HariTutup.objects.filter(tanggal__range=(hari, sampai)).values_list("tanggal", "keterangan")
    )
    return Kalender(libur=libur_nasional(hari, sampai), tutup=tutup)


def aturan_of(layanan: Layanan, *, grup_id: int | None = None) -> AturanLayanan:
    """A service's availability rules as plain data (uses prefetched ``jadwal`` if there).

    The groups allowed to use a group-only service are read only when a group asks
    (``grup_id``): in the personal mode such a service is refused before that matters.
    """
    jadwal = tuple(Jendela(j.hari, j.jam_mulai, j.jam_selesai) for j in layanan.jadwal.all())
    khusus_grup = layanan.akses == Layanan.Akses.GRUP
    diizinkan: frozenset[int] = frozenset()
    if khusus_grup and grup_id is not None:
        diizinkan = frozenset(grup.pk for grup in layanan.grup_diizinkan.all())
    return AturanLayanan(
        nama=layanan.nama,
        aktif=layanan.aktif,
        khusus_grup=khusus_grup,
        kuota_harian=layanan.kuota_harian,
        jadwal=jadwal,
        grup_diizinkan=diizinkan,
    )


def _now(sekarang: datetime | None) -> datetime:
    return (sekarang or timezone.now()).astimezone(ZONA)


def kuota_terpakai(layanan_ids: Iterable[int], hari: date) -> dict[int, int]:
    """How many requests were created on ``hari`` per service id."""
    rows = KuotaHarian.objects.filter(layanan_id__in=list(layanan_ids), tanggal=hari)
    # No ordering: the model's ("-tanggal", "layanan") would join the services for nothing.
    return dict(rows.order_by().values_list("layanan_id", "terpakai"))


def ketersediaan_semua(
    layanan_list: Iterable[Layanan],
    *,
    mode_grup: bool,
    sekarang: datetime | None = None,
    grup_id: int | None = None,
) -> dict[int, Ketersediaan]:
    """Availability of each service (by id) at ``sekarang``, in a fixed number of queries.

    Pass services with ``jadwal`` prefetched to save one query per service.
    """
    now = _now(sekarang)
    items = list(layanan_list)
    kalender = kalender_load(now.date())
    terpakai = kuota_terpakai((item.pk for item in items), now.date())
    return {
        item.pk: ketersediaan(
            aturan_of(item, grup_id=grup_id),
            sekarang=now,
            mode_grup=mode_grup,
            terpakai=terpakai.get(item.pk, 0),
            kalender=kalender,
            grup_id=grup_id,
        )
        for item in items
    }


def ketersediaan_layanan(
    layanan: Layanan,
    *,
    mode_grup: bool,
    sekarang: datetime | None = None,
    grup_id: int | None = None,
) -> Ketersediaan:
    """Availability of one service at ``sekarang`` (now by default) for the mode (and
    group ``grup_id``)."""
    status = ketersediaan_semua([layanan], mode_grup=mode_grup, sekarang=sekarang, grup_id=grup_id)
    return status[layanan.pk]


@dataclass(frozen=True)
class _MenuLayanan:
    """One active service with its rules, without and with the groups it allows."""

    layanan: Layanan
    aturan: AturanLayanan  # for the personal mode (no group asks)
    aturan_grup: AturanLayanan  # for a group mode (with the allowed groups)


@dataclass(frozen=True)
class _Katalog:
    kunci: str  # the content key the services were read under
    layanan: tuple[_MenuLayanan, ...]


@dataclass(frozen=True)
class _KalenderHari:
    kunci: str
    hari: date
    kalender: Kalender


_katalog: _Katalog | None = None
_kalender: _KalenderHari | None = None


def _layanan_aktif() -> tuple[_MenuLayanan, ...]:
    """Every active service in menu order, with its availability rules.

    Kept per process until the catalogue changes: every write to a catalogue model
    (services, schedules, closure days, allowed groups) makes a new content version
    (``sintren.core.konten``), which every process sees within its ``CHECK_SECONDS``.
    The objects are shared by the threads of the process and only read.
    """
    global _katalog  # noqa: PLW0603 - the per-process copy of the catalogue
    kunci = konten_kunci()  # read first: the rows below are at least this new
    found = _katalog
    if found is not None and found.kunci == kunci:
        return found.layanan
    queryset = Layanan.objects.filter(aktif=True).prefetch_related(
        Prefetch("jadwal", queryset=JadwalLayanan.objects.order_by("hari", "jam_mulai")),
        Prefetch("grup_diizinkan", queryset=GrupPemohon.objects.only("pk")),
    )
    items = tuple(
        # Any group id makes aturan_of read the allowed groups (prefetched above).
        _MenuLayanan(item, aturan_of(item), aturan_of(item, grup_id=0))
        for item in queryset.order_by("urutan", "nama")
    )
    _katalog = _Katalog(kunci, items)
    return items


def _kalender_hari(hari: date) -> Kalender:
    """:func:`kalender_load` of ``hari``, kept per process like :func:`_layanan_aktif`
    (closure days are catalogue content)."""
    global _kalender  # noqa: PLW0603 - the per-process copy of the calendar
    kunci = konten_kunci()
    found = _kalender
    if found is not None and found.kunci == kunci and found.hari == hari:
        return found.kalender
    kalender = kalender_load(hari)
    _kalender = _KalenderHari(kunci, hari, kalender)
    return kalender


def ketersediaan_menu(
    *,
    mode_grup: bool,
    semua: bool = False,
    sekarang: datetime | None = None,
    grup_id: int | None = None,
) -> list[tuple[Layanan, Ketersediaan]]:
    """The services the mode may request, with their availability now (side menu).

    The personal mode lists the general services (every active one with ``semua``); a
    group mode also the group-only ones.

    The services, their schedules and the calendar are kept per process until the
    catalogue changes (:func:`_layanan_aktif`); what changes all day, today's quota use,
    is one query, and only when a listed service has a daily cap. ``semua`` is for the
    home page's cards (availability still follows ``mode_grup``). For display only:
    creating a request checks availability again against the database.
    """
    now = _now(sekarang)
    items = [
        entry
        for entry in _layanan_aktif()
        if semua or mode_grup or entry.layanan.akses == Layanan.Akses.UMUM
    ]
    kalender = _kalender_hari(now.date())
    capped = [entry.layanan.pk for entry in items if entry.aturan.kuota_harian > 0]
    terpakai = kuota_terpakai(capped, now.date()) if capped else {}
    return [
        (
            entry.layanan,
            ketersediaan(
                entry.aturan if grup_id is None else entry.aturan_grup,
                sekarang=now,
                mode_grup=mode_grup,
                terpakai=terpakai.get(entry.layanan.pk, 0),
                kalender=kalender,
                grup_id=grup_id,
            ),
        )
        for entry in items
    ]


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


# --- the receipt and the expected completion date (X-5) ------------------------------------
# While the Dinas works on a request the detail page shows when it should be done; not
# before sending, nor once it waits for the applicant (Perlu Perbaikan) or has ended.
STATUS_PERKIRAAN = frozenset({StatusPengajuan.DIKIRIM, StatusPengajuan.DIPROSES})
# Not sent (yet): no receipt.
TANPA_BUKTI = frozenset({StatusPengajuan.DRAF, StatusPengajuan.DIHAPUS})


def perkiraan_selesai_for(pengajuan: Pengajuan) -> date | None:
    """*Perkiraan Selesai* of a request the Dinas is working on, else ``None``.

    Counted from the latest sending (a request sent again after a correction gets a new
    date) with :func:`sintren.pengajuan.kalender.tanggal_selesai_perkiraan`.
    """
    if pengajuan.status not in STATUS_PERKIRAAN or pengajuan.dikirim_pada is None:
        return None
    if pengajuan.jatuh_tempo is not None:  # stored at each sending
        return pengajuan.jatuh_tempo
    return tanggal_selesai_perkiraan(pengajuan.layanan, pengajuan.dikirim_pada)


def pengajuan_bukti_get_for_user(user: Any, kode: str, *, mode: Mode) -> Pengajuan:
    """A sent request ``user`` may see, for its receipt; ``Http404`` otherwise.

    Through :func:`pengajuan_get_for_user`; a draft (or a request without a sending
    time) has no receipt yet, and a deleted draft is not found anyway.
    """
    pengajuan = pengajuan_get_for_user(user, kode, mode=mode)
    if pengajuan.status in TANPA_BUKTI or pengajuan.dikirim_pada is None:
        raise Http404
    return pengajuan


def dokumen_terlampir(pengajuan: Pengajuan) -> tuple[DokumenTerlampir, ...]:
    """The service's documents with files attached to the request and how many (one query)."""
    rows = (
        DokumenPersyaratan.objects.filter(data_dukung__pengajuan=pengajuan)
        .annotate(jumlah=Count("data_dukung"))
        .order_by("urutan", "id")
        .values_list("nama", "jumlah")
    )
    return tuple(DokumenTerlampir(nama, jumlah) for nama, jumlah in rows)


def bukti_data(pengajuan: Pengajuan) -> BuktiPengajuan:
    """Everything the receipt of a sent request shows, read once (a fixed query count).

    ``pengajuan`` comes from :func:`pengajuan_bukti_get_for_user` (service and output
    option already joined). The QR code's address is the detail page on ``SITE_URL``,
    the address the applicant opens to follow the request.
    """
    if pengajuan.dikirim_pada is None:  # the getter refuses unsent requests
        raise ValueError(f"{pengajuan.kode} has not been sent: no receipt")
    layanan = pengajuan.layanan
    pilihan = pengajuan.pilihan_dokumen
    return BuktiPengajuan(
        kantor=str(settings.SINTREN["OFFICE_NAME"]),
        aplikasi=f"{settings.SINTREN['APP_NAME']} – {settings.SINTREN['APP_LONG_NAME']}",
        kode=pengajuan.kode,
        layanan=layanan.nama,
        subjek_nama=pengajuan.subjek_nama,
        subjek_nik=mask_nik(pengajuan.subjek_nik),
        dikirim_pada=pengajuan.dikirim_pada,
        perkiraan_selesai=tanggal_selesai_perkiraan(layanan, pengajuan.dikirim_pada),
        target_hari_kerja=layanan.target_hari_kerja,
        pilihan_dokumen=pilihan.nama if pilihan is not None else gettext("Otomatis"),
        dokumen=dokumen_terlampir(pengajuan),
        url_lacak=settings.SITE_URL + reverse("pengajuan:detail", args=[pengajuan.kode]),
    )


# --- correction items (X-2) ----------------------------------------------------------------
def item_perbaikan_terbuka(pengajuan: Pengajuan) -> list[ItemPerbaikan]:
    """The open items of the request's correction, in the order the verifier marked them."""
    return list(
        ItemPerbaikan.objects.filter(pengajuan_id=pengajuan.pk, selesai_pada__isnull=True)
        .select_related("dokumen")
        .order_by("pk")
    )


def hak_ubah_for(pengajuan: Pengajuan) -> HakUbah:
    """What the applicant may change in ``pengajuan`` now (:func:`perbaikan.hak_ubah`);
    reads the open items only while a correction is open."""
    if not in_correction(pengajuan.status):
        return hak_ubah(pengajuan.status)
    return hak_ubah(pengajuan.status, item_perbaikan_terbuka(pengajuan))


def berkas_terlampir(pengajuan: Pengajuan) -> dict[int, set[int]]:
    """The ids of the files attached to the request, by ``DokumenPersyaratan`` id."""
    rows = Pengajuan.objects.filter(pk=pengajuan.pk, data_dukung__isnull=False).values_list(
        "data_dukung__dokumen_id", "data_dukung__berkas_id"
    )
    found: dict[int, set[int]] = {}
    for dokumen_id, berkas_id in rows:
        found.setdefault(dokumen_id, set()).add(berkas_id)
    return found


def _diganti(item: ItemPerbaikan, terlampir: dict[int, set[int]]) -> bool:
    """Whether a marked document has a file that was not there when it was marked."""
    sebelumnya = set(item.berkas_sebelumnya or [])
    return bool(terlampir.get(item.dokumen_id or 0, set()) - sebelumnya)


@dataclass(frozen=True)
class BarisPerbaikan:
    """One line of the *Perlu Perbaikan* panel: the item, in plain words, and whether a
    marked document already has its replacement (``diganti``; always ``False`` for a
    field, which needs no proof of change)."""

    item: ItemPerbaikan
    label: str
    diganti: bool


def label_sumber(layanan_id: int) -> tuple[dict[int, str], dict[str, str]]:
    """Names of the service's documents by id and labels of its extra fields by ``nama``
    (for :func:`perbaikan.label_item`)."""
    dokumen = dict(
        DokumenPersyaratan.objects.filter(layanan_id=layanan_id).values_list("pk", "nama")
    )
    tambahan = dict(
        FieldTambahan.objects.filter(layanan_id=layanan_id).values_list("nama", "label")
    )
    return dokumen, tambahan


def perbaikan_rows(pengajuan: Pengajuan) -> list[BarisPerbaikan]:
    """The open correction items of the request for the applicant's panel; empty unless
    the request is in correction."""
    if not in_correction(pengajuan.status):
        return []
    items = item_perbaikan_terbuka(pengajuan)
    if not items:
        return []
    dokumen, tambahan = label_sumber(pengajuan.layanan_id)
    terlampir = berkas_terlampir(pengajuan)
    return [
        BarisPerbaikan(
            item=item,
            label=label_item(item, dokumen=dokumen, tambahan=tambahan),
            diganti=item.is_dokumen and _diganti(item, terlampir),
        )
        for item in items
    ]


def dokumen_perbaikan_kurang(pengajuan: Pengajuan) -> list[str]:
    """Names of the marked documents that have no new file yet (*Kirim Ulang* waits for
    them: the applicant must upload or pick a replacement; removing the old file alone
    is not a correction)."""
    terlampir = berkas_terlampir(pengajuan)
    return [
        item.dokumen.nama if item.dokumen else str(item.dokumen_id)
        for item in item_perbaikan_terbuka(pengajuan)
        if item.is_dokumen and not _diganti(item, terlampir)
    ]
