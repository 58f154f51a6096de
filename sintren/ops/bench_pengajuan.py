"""Many realistic requests (*Pengajuan*), for benchmarks of the request lists.

    manage.py bench_data --pengajuan 1000000 --demo 1500

Adds ``N`` requests of the active applicants already in the database (the bench
applicants of ``bench_data --pemohon`` and the demo applicants), for the general
services of the catalogue, made over the last three years in time order, so each
service's codes grow with the date as real ones do. Requests older than two months are
closed (mostly *Selesai*, some *Ditolak* and deleted drafts); newer ones are spread over
every status. ``demo`` of them go to the demo applicant (Budi Santoso, the first active
applicant of :data:`sintren.accounts.demo_pemohon.DEMO_PEMOHON`), who otherwise gets an
ordinary share.

Codes have the real format (:func:`sintren.pengajuan.services.kode_prefix` plus the
sequence), continuing each prefix's :class:`UrutanKode` counter, which is moved past the
last one: requests made afterwards through the site get the next numbers. Subjects are
the applicant or a member of the applicant's family card; every open request has a
subject of its own (a NIK made from the row's id, serial part 8000-8999, which real
data does not reach), so the one-open-request-per-subject constraint (X-6) holds, also
beside real requests. No status history rows are written (the lists do not read them).
Rows are written with ``COPY`` on PostgreSQL (a million in a few minutes).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from sintren.accounts.demo_pemohon import DEMO_PEMOHON
from sintren.accounts.models import Pemohon
from sintren.catalog.models import Layanan
from sintren.ops.bench import Row, bench_guard, bench_nik, bulk_analyze, bulk_ids, bulk_write
from sintren.ops.management.commands.bench_data import BATCH, SPAN, nama_acak
from sintren.pengajuan.choices import STATUS_TERBUKA, StatusPengajuan
from sintren.pengajuan.models import Pengajuan, UrutanKode, subjek_kunci_of
from sintren.pengajuan.services import KODE_DIGITS, kode_prefix

S = StatusPengajuan
SUBJEK_BASE = 8000  # NIK serial part of made-up subjects (bench applicants use 9000-9999)
RECENT = dt.timedelta(days=60)  # older requests are closed
STATUS_OLD = ((S.SELESAI, 0.86), (S.DITOLAK, 0.09), (S.DIHAPUS, 0.05))
STATUS_RECENT = (
    (S.DRAF, 0.08),
    (S.DIKIRIM, 0.12),
    (S.DIPROSES, 0.15),
    (S.PERBAIKAN, 0.05),
    (S.TERBIT, 0.05),
    (S.SIAP_DIAMBIL, 0.10),
    (S.SELESAI, 0.35),
    (S.DITOLAK, 0.06),
    (S.DIHAPUS, 0.04),
)
# How often each service is asked for (by its code); the others weigh DEFAULT_WEIGHT.
WEIGHTS = {"AKL": 20, "KTP": 15, "KIA": 12, "KKP": 12, "KKB": 8, "KKH": 6, "AKM": 6}
DEFAULT_WEIGHT = 4
DETAIL = (
    "Mohon dibuatkan {layanan} untuk {siapa}.",
    "Pengajuan {layanan} untuk {siapa}, data sudah sesuai KK.",
    "{layanan}: mohon diproses, dokumen pendukung sudah diunggah.",
    "Permohonan {layanan} atas nama {siapa}.",
)
SELF_SHARE = 0.4  # closed requests about the applicant themself
NO_NIK_SHARE = 0.3  # closed requests about a newborn without a NIK (services that allow it)


@dataclass(frozen=True)
class _Applicant:
    id: int
    nik: str
    nama: str
    nomor_kk: str
    nomor_hp: str
    email: str


@dataclass(frozen=True)
class _Service:
    id: int
    nama: str
    prefix: str
    perlu_nik: bool


def _draw(rng: random.Random, mix: tuple[tuple[str, float], ...]) -> str:
    value, total = rng.random(), 0.0
    for status, share in mix:
        total += share
        if value < total:
            return status
    return mix[0][0]


def _applicants(demo_nik: str | None) -> list[_Applicant]:
    rows = Pemohon.objects.filter(status=Pemohon.Status.AKTIF).values_list(
        "id", "nik", "nama_lengkap", "nomor_kk", "nomor_hp", "email"
    )
    if demo_nik:
        rows = rows.exclude(nik=demo_nik)
    return [_Applicant(*row) for row in rows.order_by("id").iterator(chunk_size=20_000)]


def _demo() -> _Applicant | None:
    nik = next(e["nik"] for e in DEMO_PEMOHON if e["status"] == Pemohon.Status.AKTIF)
    row = (
        Pemohon.objects.filter(nik=nik, status=Pemohon.Status.AKTIF)
        .values_list("id", "nik", "nama_lengkap", "nomor_kk", "nomor_hp", "email")
        .first()
    )
    return _Applicant(*row) if row else None


class _Requests:
    """Everything the rows of one run share: applicants, services, counters, clock."""

    def __init__(self, *, count: int, demo: int, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        self.count = count
        self.now = timezone.now()
        self.demo = _demo() if demo else None
        if demo and self.demo is None:
            raise CommandError(
                "The demo applicant is missing: run 'manage.py sintren_setup' first."
            )
        self.pool = _applicants(self.demo.nik if self.demo else None)
        if not self.pool:
            raise CommandError("No active applicants: run 'bench_data --pemohon N' first.")
        self.demo_rows = set(self.rng.sample(range(count), demo)) if demo else set()
        layanan = list(Layanan.objects.filter(akses=Layanan.Akses.UMUM).order_by("pk"))
        if not layanan:
            raise CommandError("No services: load the catalogue ('manage.py sintren_setup').")
        self.services = [
            _Service(item.pk, item.nama, kode_prefix(item), item.subjek_perlu_nik)
            for item in layanan
        ]
        weights = [WEIGHTS.get(item.kode, DEFAULT_WEIGHT) for item in layanan]
        self.cum_weights = list(itertools.accumulate(weights))
        prefixes = [service.prefix for service in self.services]
        self.counters = dict.fromkeys(prefixes, 0) | dict(
            UrutanKode.objects.filter(kunci__in=prefixes).values_list("kunci", "nilai")
        )

    def _service(self) -> _Service:
        point = self.rng.random() * self.cum_weights[-1]
        return self.services[bisect.bisect_right(self.cum_weights, point)]

    def _subject(self, row_id: int, who: _Applicant, service: _Service, open_: bool) -> Row:
        """The applicant, or a family member (an open request: always one of its own)."""
        rng = self.rng
        if not open_ and rng.random() < SELF_SHARE:
            return {"subjek_nik": who.nik, "subjek_nama": who.nama}
        nama = nama_acak(rng)
        if not open_ and not service.perlu_nik and rng.random() < NO_NIK_SHARE:
            return {"subjek_nik": "", "subjek_nama": f"Bayi Ny. {nama.split()[0]}"}
        nik = bench_nik(row_id, who.nomor_kk[:6], base=SUBJEK_BASE)[0]
        return {"subjek_nik": nik, "subjek_nama": nama}

    def _times(self, index: int, status: str) -> Row:
        rng = self.rng
        dibuat = self.now - SPAN + SPAN * ((index + rng.random()) / self.count)
        left = max(dt.timedelta(0), self.now - dibuat)
        if status in STATUS_TERBUKA:
            diperbarui = dibuat + left * rng.random()
        else:
            diperbarui = dibuat + min(left, dt.timedelta(days=rng.uniform(0.1, 30)))
        sent = status not in {S.DRAF, S.DIHAPUS}
        return {
            "dibuat": dibuat,
            "diperbarui": diperbarui,
            "dikirim_pada": dibuat + (diperbarui - dibuat) * 0.1 if sent else None,
            "dihapus_pada": diperbarui if status == S.DIHAPUS else None,
            "persetujuan": sent,
        }

    def request(self, index: int, row_id: int) -> Row:
        """Request ``index`` of this run (0 … count-1), with primary key ``row_id``."""
        rng = self.rng
        age = SPAN * (1 - index / self.count)
        status = _draw(rng, STATUS_RECENT if age <= RECENT else STATUS_OLD)
        who = self.demo if index in self.demo_rows and self.demo else rng.choice(self.pool)
        service = self._service()
        self.counters[service.prefix] += 1
        subject = self._subject(row_id, who, service, status in STATUS_TERBUKA)
        siapa = subject["subjek_nama"]
        return {
            "id": row_id,
            "kode": f"{service.prefix}{self.counters[service.prefix]:0{KODE_DIGITS}d}",
            "layanan_id": service.id,
            "pemohon_id": who.id,
            "grup_id": None,
            **subject,
            "subjek_nomor_kk": who.nomor_kk,
            "subjek_kunci": subjek_kunci_of(
                nik=subject["subjek_nik"], nomor_kk=who.nomor_kk, nama=siapa
            ),
            "nomor_hp": who.nomor_hp,
            "email": who.email,
            "detail": rng.choice(DETAIL).format(layanan=service.nama, siapa=siapa),
            "data_tambahan": {},
            "status": status,
            **self._times(index, status),
        }

    def save_counters(self) -> None:
        for kunci, nilai in self.counters.items():
            UrutanKode.objects.update_or_create(kunci=kunci, defaults={"nilai": nilai})


def bench_pengajuan_create(
    count: int,
    *,
    demo: int = 0,
    seed: int | None = None,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` bench requests (``demo`` of them the demo applicant's); ANALYZE after.

    Returns how many requests the table holds now.
    """
    bench_guard()
    if not 0 <= demo <= count:
        raise CommandError("--demo must be between 0 and the number of requests.")
    rows = _Requests(
        count=count, demo=demo, seed=Pengajuan.objects.count() if seed is None else seed
    )
    done = 0
    while done < count:
        size = min(batch, count - done)
        with transaction.atomic():
            ids = bulk_ids(Pengajuan, size)
            bulk_write(Pengajuan, [rows.request(done + i, ids[i]) for i in range(size)])
            rows.save_counters()  # in the same transaction: a failed batch takes no number
        done += size
        if progress:
            progress(done)
    bulk_analyze(Pengajuan)
    return Pengajuan.objects.count()
