"""The figures of the dashboard and the reports (BO-5, X-9).

One function, :func:`laporan_hitung`, computes every figure of a period for the
services a staff member handles; :func:`laporan_ringkas` keeps its result in the cache
for :data:`CACHE_DETIK` seconds, so a dashboard open on many screens costs the database
one computation a minute. The cost does not grow with the size of the table: every
query is an aggregate (``GROUP BY``) or a bounded list on an index, and there is a
fixed number of them (about a dozen) whatever the number of requests.

Definitions (docs/backoffice.md, "Dasbor dan laporan"):

- **Dibuat**: requests created in the period (office days, Asia/Jakarta), by their
  current status; the same count the daily quota takes.
- **Sedang berjalan**: requests open now (sent and not finished), by status.
- **Terlambat**: requests the Dinas still has to work on (*Pengajuan Dikirim*,
  *Diproses*) whose due date (``Pengajuan.jatuh_tempo``, X-1) is before today.
- **Lama tunggu**: from the (latest) sending to being taken (*Diproses*), for the
  requests taken in the period; **lama proses**: from the (latest) sending to *Selesai*,
  for the requests finished in the period. Both in working days counted as the target
  counts them (:mod:`sintren.pengajuan.kalender`): the day of sending is day 1 when it
  was sent on a working day within the service's hours, so a request finished on its
  due date took exactly ``target_hari_kerja`` days. *Tepat waktu*: at most the target.
- **Penilaian**: ratings given in the period: average, how many of each star, the
  latest comments.
"""

from __future__ import annotations

import bisect
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from sintren.catalog.models import Layanan
from sintren.pengajuan.availability import ZONA, Jendela, Kalender
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.kalender import hari_mulai_hitung, is_hari_kerja, kalender_kerja_load
from sintren.pengajuan.models import KuotaHarian, Pengajuan, Penilaian, RiwayatStatus

Status = StatusPengajuan

CACHE_DETIK = 60
CACHE_VERSI = 1
PERIODE_HARI = 30  # the dashboard's period: the last 30 days, today included
PERIODE_MAKS_HARI = 366
TERLAMBAT_DAFTAR = 20
KOMENTAR_TERBARU = 5
# The Dinas's part of the work: the only statuses a request can be overdue in (the
# processing clock of X-1 runs in these; the staff queue has the same condition).
STATUS_KANTOR = (Status.DIKIRIM, Status.DIPROSES)
# Open now: sent and not finished.
STATUS_BERJALAN = (
    Status.DIKIRIM,
    Status.DIPROSES,
    Status.PERBAIKAN,
    Status.TERBIT,
    Status.SIAP_DIAMBIL,
)
NILAI = (1, 2, 3, 4, 5)

Lingkup = frozenset[int] | None  # service ids; None: every service


# --- the period ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Periode:
    """Office days ``dari`` … ``sampai``, both included."""

    dari: date
    sampai: date

    @classmethod
    def terakhir(cls, hari_ini: date, hari: int = PERIODE_HARI) -> Periode:
        """The last ``hari`` days up to ``hari_ini``."""
        return cls(hari_ini - timedelta(days=hari - 1), hari_ini)

    def batas(self) -> tuple[datetime, datetime]:
        """The period as instants: from the first day's midnight to the day after."""
        mulai = datetime.combine(self.dari, time.min, tzinfo=ZONA)
        akhir = datetime.combine(self.sampai + timedelta(days=1), time.min, tzinfo=ZONA)
        return mulai, akhir

    @property
    def hari(self) -> list[date]:
        """Every day of the period, in order."""
        return [self.dari + timedelta(days=n) for n in range((self.sampai - self.dari).days + 1)]


def hari_ini() -> date:
    """Today in office time."""
    return timezone.now().astimezone(ZONA).date()


# --- the figures -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Durasi:
    """Working-day durations of a set of requests: how many, the median, how many on time."""

    jumlah: int = 0
    median: float | None = None
    tepat_waktu: int = 0

    @property
    def persen_tepat_waktu(self) -> int | None:
        """The share within the target, in whole percent (``None``: no request)."""
        return round(100 * self.tepat_waktu / self.jumlah) if self.jumlah else None

    @classmethod
    def dari(cls, lama: list[tuple[int, int]]) -> Durasi:
        """From ``(working days, target)`` pairs."""
        if not lama:
            return cls()
        hari = [h for h, _ in lama]
        return cls(len(hari), float(statistics.median(hari)), sum(1 for h, t in lama if h <= t))


@dataclass(frozen=True)
class BarisLayanan:
    """The figures of one service."""

    layanan_id: int
    nama: str
    target_hari_kerja: int
    kuota_harian: int
    kuota_terpakai: int
    dibuat: int
    berjalan: int
    terlambat: int
    tunggu: Durasi
    proses: Durasi
    nilai_jumlah: int
    nilai_rata: float | None

    @property
    def kuota_persen(self) -> int | None:
        """Today's quota use in percent; ``None`` for a service without a cap."""
        if not self.kuota_harian:
            return None
        return round(100 * self.kuota_terpakai / self.kuota_harian)


@dataclass(frozen=True)
class BarisTerlambat:
    """One overdue request: no personal data, only what staff need to find it."""

    kode: str
    layanan: str
    status: str
    status_label: str
    dikirim_pada: datetime | None
    jatuh_tempo: date
    hari_terlambat: int


@dataclass(frozen=True)
class Komentar:
    """One rating with a comment (the latest few are shown)."""

    dibuat: datetime
    nilai: int
    layanan: str
    komentar: str


@dataclass(frozen=True)
class Laporan:
    """Every figure of the dashboard and the report page for one period and scope."""

    periode: Periode
    hari_ini: date
    dihitung_pada: datetime
    layanan: list[BarisLayanan]
    per_status: list[tuple[str, str, int]]
    per_hari: list[tuple[date, int]]
    berjalan: list[tuple[str, str, int]]
    terlambat_jumlah: int
    terlambat_daftar: list[BarisTerlambat]
    tunggu: Durasi
    proses: Durasi
    nilai_sebaran: list[tuple[int, int]]
    komentar: list[Komentar] = field(default_factory=list)

    @property
    def total_dibuat(self) -> int:
        """Requests created in the period."""
        return sum(n for _, _, n in self.per_status)

    @property
    def total_berjalan(self) -> int:
        """Requests open now."""
        return sum(n for _, _, n in self.berjalan)

    @property
    def nilai_jumlah(self) -> int:
        """Ratings given in the period."""
        return sum(n for _, n in self.nilai_sebaran)

    @property
    def nilai_rata(self) -> float | None:
        """The average rating of the period (``None``: no rating)."""
        jumlah = self.nilai_jumlah
        return sum(v * n for v, n in self.nilai_sebaran) / jumlah if jumlah else None


# --- working days ----------------------------------------------------------------------------
class HariKerja:
    """Working days of a date range, counted by bisection (a request costs two lookups)."""

    def __init__(self, kalender: Kalender, dari: date, sampai: date) -> None:
        self.kalender = kalender
        jumlah = (sampai - dari).days + 1
        hari = (dari + timedelta(days=n) for n in range(max(0, jumlah)))
        self.hari = [d for d in hari if is_hari_kerja(d, kalender)]

    def antara(self, mulai: date, sampai: date) -> int:
        """Working days from ``mulai`` to ``sampai``, both included (0 if none)."""
        if sampai < mulai:
            return 0
        return bisect.bisect_right(self.hari, sampai) - bisect.bisect_left(self.hari, mulai)

    def lama(self, jadwal: Iterable[Jendela], dikirim: datetime, pada: datetime) -> int:
        """Working days from the sending's first counted day to the day of ``pada``."""
        mulai = hari_mulai_hitung(jadwal, dikirim, self.kalender)
        return self.antara(mulai, pada.astimezone(ZONA).date())


class HariMulai:
    """:func:`hari_mulai_hitung` for many requests of a few services, remembered.

    The first counted day depends only on the service, the local sending date and
    whether the sending was before the end of the service's hours that day, so it is
    computed once per such triple (a month of a large office: thousands of requests,
    a few hundred triples).
    """

    def __init__(self, kalender: Kalender, jadwal: dict[int, tuple[Jendela, ...]]) -> None:
        self.kalender = kalender
        self.jadwal = jadwal
        self.akhir: dict[tuple[int, int], time | None] = {}
        for layanan_id, windows in jadwal.items():
            for hari in range(7):
                ends = [w.selesai for w in windows if w.hari == hari]
                # As kalender._akhir_jam_layanan: no window at all, the whole day counts.
                self.akhir[layanan_id, hari] = (
                    (max(ends) if ends else None) if windows else time.max
                )
        self.memo: dict[tuple[int, date, bool], date] = {}

    def __call__(self, layanan_id: int, dikirim: datetime) -> date:
        lokal = dikirim.astimezone(ZONA)
        akhir = self.akhir[layanan_id, lokal.weekday()]
        sebelum = akhir is not None and lokal.time().replace(tzinfo=None) < akhir
        key = (layanan_id, lokal.date(), sebelum)
        found = self.memo.get(key)
        if found is None:
            found = hari_mulai_hitung(self.jadwal[layanan_id], dikirim, self.kalender)
            self.memo[key] = found
        return found


# --- the queries -----------------------------------------------------------------------------
def _in_lingkup(queryset: QuerySet[Any], lingkup: Lingkup, path: str = "layanan_id") -> Any:
    return queryset if lingkup is None else queryset.filter(**{f"{path}__in": sorted(lingkup)})


def _layanan(lingkup: Lingkup) -> list[Layanan]:
    queryset = Layanan.objects.order_by("urutan", "nama").prefetch_related("jadwal")
    return list(_in_lingkup(queryset, lingkup, "pk"))


def _dibuat(periode: Periode, lingkup: Lingkup) -> list[dict[str, Any]]:
    """Requests created in the period by day, service and status (one GROUP BY)."""
    mulai, akhir = periode.batas()
    rows = Pengajuan.objects.filter(dibuat__gte=mulai, dibuat__lt=akhir)
    return list(
        _in_lingkup(rows, lingkup)
        .annotate(hari=TruncDate("dibuat", tzinfo=ZONA))
        .values("hari", "layanan_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    )


def _berjalan(lingkup: Lingkup) -> list[dict[str, Any]]:
    rows = Pengajuan.objects.filter(status__in=STATUS_BERJALAN)
    return list(
        _in_lingkup(rows, lingkup).values("status", "layanan_id").annotate(n=Count("id")).order_by()
    )


def _terlambat(lingkup: Lingkup, hari_ini_: date) -> QuerySet[Pengajuan]:
    rows = Pengajuan.objects.filter(status__in=STATUS_KANTOR, jatuh_tempo__lt=hari_ini_)
    result: QuerySet[Pengajuan] = _in_lingkup(rows, lingkup)
    return result


def _durasi_rows(
    status: str, periode: Periode, lingkup: Lingkup
) -> list[tuple[int, datetime, datetime]]:
    """``(service, sent, reached)`` of the requests that reached ``status`` in the period.

    Only the history row after the latest sending counts (a request sent again after a
    correction is measured on its last round).
    """
    mulai, akhir = periode.batas()
    rows = RiwayatStatus.objects.filter(
        Q(pada__gte=F("pengajuan__dikirim_pada")),
        status=status,
        pada__gte=mulai,
        pada__lt=akhir,
    )
    rows = _in_lingkup(rows, lingkup, "pengajuan__layanan_id")
    return list(rows.values_list("pengajuan__layanan_id", "pengajuan__dikirim_pada", "pada"))


def _nilai(periode: Periode, lingkup: Lingkup) -> list[dict[str, Any]]:
    mulai, akhir = periode.batas()
    rows = Penilaian.objects.filter(dibuat__gte=mulai, dibuat__lt=akhir)
    rows = _in_lingkup(rows, lingkup, "pengajuan__layanan_id")
    return list(rows.values("pengajuan__layanan_id", "nilai").annotate(n=Count("id")).order_by())


def _komentar(periode: Periode, lingkup: Lingkup, nama: dict[int, str]) -> list[Komentar]:
    mulai, akhir = periode.batas()
    rows = Penilaian.objects.filter(dibuat__gte=mulai, dibuat__lt=akhir).exclude(komentar="")
    rows = _in_lingkup(rows, lingkup, "pengajuan__layanan_id").order_by("-dibuat", "-id")
    values = rows.values_list("dibuat", "nilai", "pengajuan__layanan_id", "komentar")
    return [
        Komentar(dibuat, nilai, nama.get(layanan_id, ""), komentar)
        for dibuat, nilai, layanan_id, komentar in values[:KOMENTAR_TERBARU]
    ]


def _kuota(lingkup: Lingkup, hari_ini_: date) -> dict[int, int]:
    rows = KuotaHarian.objects.filter(tanggal=hari_ini_)
    return dict(_in_lingkup(rows, lingkup).values_list("layanan_id", "terpakai"))


# --- assembling ------------------------------------------------------------------------------
def _jadwal(layanan: Layanan) -> tuple[Jendela, ...]:
    return tuple(Jendela(j.hari, j.jam_mulai, j.jam_selesai) for j in layanan.jadwal.all())


def _lama(
    rows: list[tuple[int, datetime, datetime]],
    hari_kerja: HariKerja,
    layanan: dict[int, Layanan],
    jadwal: dict[int, tuple[Jendela, ...]],
) -> dict[int, list[tuple[int, int]]]:
    """Per service: ``(working days, target)`` of each row."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    mulai = HariMulai(hari_kerja.kalender, jadwal)
    for layanan_id, dikirim, pada in rows:
        item = layanan.get(layanan_id)
        if item is None or dikirim is None:
            continue
        hari = hari_kerja.antara(mulai(layanan_id, dikirim), pada.astimezone(ZONA).date())
        found[layanan_id].append((hari, item.target_hari_kerja))
    return found


def _hari_kerja(
    periode: Periode,
    hari_ini_: date,
    waktu: Iterable[datetime | None],
    tanggal: Iterable[date],
) -> HariKerja:
    """One calendar (one query) from the earliest date any figure needs to today."""
    awal = min(
        [periode.dari, hari_ini_]
        + [w.astimezone(ZONA).date() for w in waktu if w is not None]
        + list(tanggal)
    )
    akhir = max(hari_ini_, periode.sampai)
    return HariKerja(kalender_kerja_load(awal, akhir), awal, akhir)


def _status_label(status: str) -> str:
    return str(Status(status).label)


def laporan_hitung(
    *, periode: Periode, lingkup: Lingkup = None, hari_ini_: date | None = None
) -> Laporan:
    """Every figure of ``periode`` for the services in ``lingkup`` (``None``: all).

    A fixed number of queries whatever the size of the tables; not cached (see
    :func:`laporan_ringkas`).
    """
    today = hari_ini_ or hari_ini()
    layanan_list = _layanan(lingkup)
    layanan = {item.pk: item for item in layanan_list}
    jadwal = {item.pk: _jadwal(item) for item in layanan_list}
    dibuat = _dibuat(periode, lingkup)
    berjalan = _berjalan(lingkup)
    terlambat = _terlambat(lingkup, today)
    terlambat_per_layanan = dict(
        terlambat.values("layanan_id").annotate(n=Count("id")).values_list("layanan_id", "n")
    )
    terlambat_rows = [
        (kode, layanan_id, status, dikirim, jatuh_tempo)
        for kode, layanan_id, status, dikirim, jatuh_tempo in terlambat.order_by(
            "jatuh_tempo", "dikirim_pada", "id"
        ).values_list("kode", "layanan_id", "status", "dikirim_pada", "jatuh_tempo")[
            :TERLAMBAT_DAFTAR
        ]
        if jatuh_tempo is not None  # always: the filter says jatuh_tempo < today
    ]
    tunggu_rows = _durasi_rows(Status.DIPROSES, periode, lingkup)
    proses_rows = _durasi_rows(Status.SELESAI, periode, lingkup)
    hari_kerja = _hari_kerja(
        periode,
        today,
        (r[1] for r in [*tunggu_rows, *proses_rows]),
        (r[4] for r in terlambat_rows),
    )
    tunggu = _lama(tunggu_rows, hari_kerja, layanan, jadwal)
    proses = _lama(proses_rows, hari_kerja, layanan, jadwal)
    nilai = _nilai(periode, lingkup)
    kuota = _kuota(lingkup, today)
    nama = {pk: item.nama for pk, item in layanan.items()}

    dibuat_per_layanan: dict[int, int] = defaultdict(int)
    per_status: dict[str, int] = defaultdict(int)
    per_hari: dict[date, int] = defaultdict(int)
    for row in dibuat:
        dibuat_per_layanan[row["layanan_id"]] += row["n"]
        per_status[row["status"]] += row["n"]
        per_hari[row["hari"]] += row["n"]
    berjalan_per_layanan: dict[int, int] = defaultdict(int)
    berjalan_status: dict[str, int] = defaultdict(int)
    for row in berjalan:
        berjalan_per_layanan[row["layanan_id"]] += row["n"]
        berjalan_status[row["status"]] += row["n"]
    nilai_per_layanan: dict[int, list[tuple[int, int]]] = defaultdict(list)
    sebaran: dict[int, int] = defaultdict(int)
    for row in nilai:
        nilai_per_layanan[row["pengajuan__layanan_id"]].append((row["nilai"], row["n"]))
        sebaran[row["nilai"]] += row["n"]

    baris = []
    for item in layanan_list:
        nilai_item = nilai_per_layanan.get(item.pk, [])
        jumlah_nilai = sum(n for _, n in nilai_item)
        baris.append(
            BarisLayanan(
                layanan_id=item.pk,
                nama=item.nama,
                target_hari_kerja=item.target_hari_kerja,
                kuota_harian=item.kuota_harian,
                kuota_terpakai=kuota.get(item.pk, 0),
                dibuat=dibuat_per_layanan.get(item.pk, 0),
                berjalan=berjalan_per_layanan.get(item.pk, 0),
                terlambat=terlambat_per_layanan.get(item.pk, 0),
                tunggu=Durasi.dari(tunggu.get(item.pk, [])),
                proses=Durasi.dari(proses.get(item.pk, [])),
                nilai_jumlah=jumlah_nilai,
                nilai_rata=(
                    sum(v * n for v, n in nilai_item) / jumlah_nilai if jumlah_nilai else None
                ),
            )
        )
    return Laporan(
        periode=periode,
        hari_ini=today,
        dihitung_pada=timezone.now(),
        layanan=baris,
        per_status=[(s.value, str(s.label), per_status.get(s.value, 0)) for s in Status],
        per_hari=[(d, per_hari.get(d, 0)) for d in periode.hari],
        berjalan=[(s, _status_label(s), berjalan_status.get(s, 0)) for s in STATUS_BERJALAN],
        terlambat_jumlah=sum(terlambat_per_layanan.values()),
        terlambat_daftar=[
            BarisTerlambat(
                kode=kode,
                layanan=nama.get(layanan_id, ""),
                status=status,
                status_label=_status_label(status),
                dikirim_pada=dikirim,
                jatuh_tempo=jatuh_tempo,
                hari_terlambat=hari_kerja.antara(jatuh_tempo + timedelta(days=1), today),
            )
            for kode, layanan_id, status, dikirim, jatuh_tempo in terlambat_rows
        ],
        tunggu=Durasi.dari([x for rows in tunggu.values() for x in rows]),
        proses=Durasi.dari([x for rows in proses.values() for x in rows]),
        nilai_sebaran=[(v, sebaran.get(v, 0)) for v in NILAI],
        komentar=_komentar(periode, lingkup, nama),
    )


def _cache_key(periode: Periode, lingkup: Lingkup, today: date) -> str:
    cakupan = "semua" if lingkup is None else ",".join(str(pk) for pk in sorted(lingkup))
    return (
        f"sintren:laporan:v{CACHE_VERSI}:{today.isoformat()}:"
        f"{periode.dari.isoformat()}:{periode.sampai.isoformat()}:{cakupan}"
    )


def laporan_ringkas(*, periode: Periode, lingkup: Lingkup = None) -> Laporan:
    """:func:`laporan_hitung`, kept in the cache for :data:`CACHE_DETIK` seconds.

    Keyed by today, the period and the scope; the figures may be up to a minute old
    (the page says when they were computed).
    """
    today = hari_ini()
    key = _cache_key(periode, lingkup, today)
    found = cache.get(key)
    if isinstance(found, Laporan):
        return found
    laporan = laporan_hitung(periode=periode, lingkup=lingkup, hari_ini_=today)
    cache.set(key, laporan, CACHE_DETIK)
    return laporan


def lingkup_gabung(lingkup: Lingkup, layanan_id: int | None) -> Lingkup:
    """The scope narrowed to one service of the filter (outside the scope: nothing)."""
    if layanan_id is None:
        return lingkup
    if lingkup is not None and layanan_id not in lingkup:
        return frozenset()
    return frozenset({layanan_id})


def layanan_pilihan(lingkup: Lingkup) -> list[tuple[int, str]]:
    """The services of the report's filter: those in the scope, in catalogue order."""
    queryset = Layanan.objects.order_by("urutan", "nama")
    return list(_in_lingkup(queryset, lingkup, "pk").values_list("pk", "nama"))


# --- the CSV export's rows ---------------------------------------------------------------------
# SEC-3: no NIK, Nomor KK, name, phone, email or free text (a comment may name people).
KOLOM_CSV = (
    "Kode Pengajuan",
    "Layanan",
    "Status",
    "Tanggal Dibuat",
    "Tanggal Dikirim",
    "Jatuh Tempo",
    "Tanggal Diproses",
    "Tanggal Selesai",
    "Lama Tunggu (hari kerja)",
    "Lama Proses (hari kerja)",
    "Target (hari kerja)",
    "Tepat Waktu",
    "Nilai Kepuasan",
)
CSV_CHUNK = 2000


def _waktu(value: datetime | None) -> str:
    return value.astimezone(ZONA).strftime("%Y-%m-%d %H:%M") if value else ""


def laporan_baris_csv(*, periode: Periode, lingkup: Lingkup) -> Iterator[list[str]]:
    """One row of :data:`KOLOM_CSV` per request created in ``periode`` (oldest first).

    Read in chunks with a server-side cursor, so a year of a large office streams in
    constant memory; the taken and finished times come from the status history (two
    correlated subqueries on its index), counted as the dashboard counts them.
    """
    layanan_list = _layanan(lingkup)
    layanan = {item.pk: item for item in layanan_list}
    jadwal = {item.pk: _jadwal(item) for item in layanan_list}
    today = hari_ini()
    hari_kerja = HariKerja(
        kalender_kerja_load(periode.dari, max(today, periode.sampai)),
        periode.dari,
        max(today, periode.sampai),
    )
    riwayat = RiwayatStatus.objects.filter(pengajuan=OuterRef("pk")).order_by("-pada")
    diproses = riwayat.filter(status=Status.DIPROSES, pada__gte=OuterRef("dikirim_pada"))
    selesai = riwayat.filter(status=Status.SELESAI)
    mulai, akhir = periode.batas()
    rows = _in_lingkup(Pengajuan.objects.filter(dibuat__gte=mulai, dibuat__lt=akhir), lingkup)
    rows = rows.annotate(
        diproses_pada=Subquery(diproses.values("pada")[:1]),
        selesai_pada=Subquery(selesai.values("pada")[:1]),
    ).order_by("dibuat", "id")
    values = rows.values_list(
        "kode",
        "layanan_id",
        "status",
        "dibuat",
        "dikirim_pada",
        "jatuh_tempo",
        "diproses_pada",
        "selesai_pada",
        "penilaian__nilai",
    )
    for (
        kode,
        layanan_id,
        status,
        dibuat,
        dikirim,
        jatuh_tempo,
        diproses_pada,
        selesai_pada,
        nilai,
    ) in values.iterator(chunk_size=CSV_CHUNK):
        item = layanan[layanan_id]
        tunggu = proses = ""
        tepat = ""
        if dikirim is not None and diproses_pada is not None:
            tunggu = str(hari_kerja.lama(jadwal[layanan_id], dikirim, diproses_pada))
        if dikirim is not None and selesai_pada is not None and selesai_pada >= dikirim:
            lama = hari_kerja.lama(jadwal[layanan_id], dikirim, selesai_pada)
            proses = str(lama)
            tepat = "Ya" if lama <= item.target_hari_kerja else "Tidak"
        yield [
            kode,
            item.nama,
            _status_label(status),
            _waktu(dibuat),
            _waktu(dikirim),
            jatuh_tempo.isoformat() if jatuh_tempo else "",
            _waktu(diproses_pada),
            _waktu(selesai_pada),
            tunggu,
            proses,
            str(item.target_hari_kerja),
            tepat,
            str(nilai) if nilai else "",
        ]
