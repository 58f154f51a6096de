"""Fill the database with many realistic applicants and requests, for benchmarks of the lists.

    manage.py bench_data --pemohon 1000000
    manage.py bench_data --pengajuan 1000000 --demo 1500

``--pemohon N`` adds ``N`` applicants (a ``User`` and a ``Pemohon`` each, plus one
history row) with a status mix like a real office's (70 % aktif, 15 % menunggu,
10 % ditolak, 5 % disetujui), registration dates spread over three years and villages
across Kabupaten Pekalongan (33.26, from the ``Wilayah`` table: load it first). Fast:
one password hash for every row, rows written in batches, on PostgreSQL with ``COPY``
(a million applicants in a few minutes; :mod:`sintren.ops.bench`). Running it again
adds more: each run takes the next serials, and NIKs are built from the serial so they
never collide (serial part 9000-9999, which real registrations and the demo data do
not reach).

``--pengajuan N`` adds ``N`` requests of the active applicants (``--demo K`` of them
the demo applicant's): see :mod:`sintren.ops.bench_pengajuan`. Both options may be
given in one run; the applicants are made first.

Never in production: every bench applicant has the same known password
(:data:`BENCH_PASSWORD`).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from sintren.accounts.models import Pemohon, RiwayatPendaftaran, User
from sintren.accounts.models.pemohon import nama_ibu_normalize
from sintren.accounts.selectors import ANTREAN_PENDAFTARAN
from sintren.core.simpanan import data_berubah
from sintren.ops.bench import (
    MAX_SERIAL,
    Row,
    bench_guard,
    bench_nik,
    bulk_analyze,
    bulk_ids,
    bulk_write,
)
from sintren.regions.models import Wilayah

BENCH_PASSWORD = "bench-sintren-123"  # noqa: S105 - bench data only, refused in production
BENCH_NAMA_IBU = "Siti Aminah"
USERNAME_PREFIX = "pemohon-bench-"
KABUPATEN = "33.26"
BATCH = 20_000
STATUS_MIX = (
    (Pemohon.Status.AKTIF, 0.70),
    (Pemohon.Status.MENUNGGU, 0.15),
    (Pemohon.Status.DITOLAK, 0.10),
    (Pemohon.Status.DISETUJUI, 0.05),
)
SPAN = dt.timedelta(days=3 * 365)

DEPAN = [
    "Agus",
    "Ahmad",
    "Aisyah",
    "Ani",
    "Anisa",
    "Arif",
    "Bambang",
    "Budi",
    "Dani",
    "Dewi",
    "Dian",
    "Dwi",
    "Eko",
    "Endang",
    "Fajar",
    "Fitri",
    "Hadi",
    "Hendra",
    "Heru",
    "Ika",
    "Indah",
    "Joko",
    "Khoirul",
    "Kurnia",
    "Lina",
    "Maya",
    "Muhammad",
    "Nur",
    "Nurul",
    "Puji",
    "Putri",
    "Rahmat",
    "Retno",
    "Rina",
    "Rizki",
    "Rudi",
    "Sari",
    "Siti",
    "Slamet",
    "Sri",
    "Sugeng",
    "Teguh",
    "Tri",
    "Umi",
    "Wahyu",
    "Wati",
    "Yanti",
    "Yuli",
    "Yusuf",
]
TENGAH = ["Adi", "Ayu", "Dwi", "Eka", "Nur", "Putra", "Putri", "Rahma", "Sri", "Tri", "Wulan"]
BELAKANG = [
    "Amalia",
    "Anggraini",
    "Hidayat",
    "Handayani",
    "Haryanto",
    "Kurniawan",
    "Lestari",
    "Maryam",
    "Munawaroh",
    "Nugroho",
    "Permana",
    "Pratama",
    "Prasetyo",
    "Purnomo",
    "Rahayu",
    "Ramadhan",
    "Saputra",
    "Santoso",
    "Setiawan",
    "Sulistyo",
    "Suryani",
    "Susanti",
    "Syahputra",
    "Utami",
    "Wahyuni",
    "Wibowo",
    "Widodo",
    "Wijaya",
    "Wulandari",
]
TEMPAT = [
    "Pekalongan",
    "Batang",
    "Pemalang",
    "Tegal",
    "Brebes",
    "Semarang",
    "Kendal",
    "Banjarnegara",
]
ALASAN = (
    "Nama Ibu belum sesuai dengan yang tercatat di KK",
    "Nomor KK tidak terdaftar pada desa yang dipilih",
    "Tanggal lahir tidak sesuai dengan data kependudukan",
)

HP_PREFIX = ("11", "12", "13", "21", "22", "23", "52", "53", "56", "57", "77", "78", "81", "95")


def _bench_serial_next() -> int:
    """The first serial no bench applicant has used yet."""
    last = (
        User.objects.filter(username__startswith=USERNAME_PREFIX)
        .order_by("-username")
        .values_list("username", flat=True)
        .first()
    )
    return int(last.removeprefix(USERNAME_PREFIX)) + 1 if last else 0


def _status(rng: random.Random) -> str:
    draw, total = rng.random(), 0.0
    for status, share in STATUS_MIX:
        total += share
        if draw < total:
            return status
    return STATUS_MIX[0][0]


def nama_acak(rng: random.Random) -> str:
    """A made-up Javanese-Indonesian full name."""
    words = [rng.choice(DEPAN)]
    if rng.random() < 0.3:
        words.append(rng.choice(TENGAH))
    if rng.random() < 0.85:
        words.append(rng.choice(BELAKANG))
    return " ".join(words)


class _Rows:
    """Everything shared by the rows of one run: hashes, villages, the verifier, now."""

    def __init__(self, *, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        self.password = make_password(BENCH_PASSWORD)
        self.nama_ibu = make_password(nama_ibu_normalize(BENCH_NAMA_IBU))
        self.desa = list(
            Wilayah.objects.filter(
                level=Wilayah.Level.DESA, code__startswith=f"{KABUPATEN}."
            ).values_list("code", flat=True)
        )
        if not self.desa:
            raise CommandError(
                f"No villages under {KABUPATEN} in the Wilayah table: run "
                f"'manage.py load_wilayah --only {KABUPATEN}' (or sintren_setup) first."
            )
        self.verifier = (
            User.objects.filter(role=User.Role.VERIFIKATOR, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        self.now = timezone.now()

    def applicant(self, serial: int, user_id: int, pemohon_id: int) -> tuple[Row, Row, Row]:
        rng = self.rng
        desa = rng.choice(self.desa)
        kecamatan = desa[:8].replace(".", "")
        nik, lahir, female = bench_nik(serial, kecamatan)
        status = _status(rng)
        dibuat = self.now - SPAN * rng.random()
        decided = status != Pemohon.Status.MENUNGGU
        diperbarui = (
            min(self.now, dibuat + dt.timedelta(hours=rng.uniform(1, 24 * 14)))
            if decided
            else dibuat
        )
        alasan = rng.choice(ALASAN) if status == Pemohon.Status.DITOLAK else ""
        nama = nama_acak(rng)
        user: Row = {
            "id": user_id,
            "password": self.password,
            "username": f"{USERNAME_PREFIX}{serial:012d}",
            "role": User.Role.PEMOHON,
            "is_active": status == Pemohon.Status.AKTIF,
            "date_joined": dibuat,
        }
        pemohon: Row = {
            "id": pemohon_id,
            "user_id": user_id,
            "nik": nik,
            "nama_lengkap": nama,
            "nomor_kk": f"{kecamatan}{rng.randrange(10**10):010d}",
            "tempat_lahir": rng.choice(TEMPAT),
            "tanggal_lahir": lahir,
            "jenis_kelamin": Pemohon.JenisKelamin.PEREMPUAN
            if female
            else Pemohon.JenisKelamin.LAKI_LAKI,
            "nama_ibu_hash": self.nama_ibu,
            "wilayah_id": desa,
            "nomor_hp": f"+628{rng.choice(HP_PREFIX)}{rng.randrange(10**8):08d}",
            "email": f"{nama.split()[0].lower()}{serial}@contoh.id" if rng.random() < 0.4 else "",
            "status": status,
            "alasan_penolakan": alasan,
            "diverifikasi_oleh_id": self.verifier if decided else None,
            "diverifikasi_pada": diperbarui if decided else None,
            "dibuat": dibuat,
            "diperbarui": diperbarui,
        }
        riwayat: Row = {
            "pemohon_id": pemohon_id,
            "status": status,
            "alasan": alasan,
            "oleh_id": self.verifier if decided else None,
            "pada": diperbarui,
            "perubahan": {},
        }
        return user, pemohon, riwayat


def bench_pemohon_create(
    count: int,
    *,
    seed: int | None = None,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` bench applicants; return the first serial used. Runs ANALYZE after."""
    bench_guard()
    first = _bench_serial_next()
    if first + count > MAX_SERIAL:
        raise CommandError(f"At most {MAX_SERIAL:,} bench applicants.")
    rows = _Rows(seed=first if seed is None else seed)
    done = 0
    while done < count:
        size = min(batch, count - done)
        with transaction.atomic():
            user_ids = bulk_ids(User, size)
            pemohon_ids = bulk_ids(Pemohon, size)
            users, pemohon, riwayat = [], [], []
            for i in range(size):
                u, p, r = rows.applicant(first + done + i, user_ids[i], pemohon_ids[i])
                users.append(u)
                pemohon.append(p)
                riwayat.append(r)
            bulk_write(User, users)
            bulk_write(Pemohon, pemohon)
            bulk_write(RiwayatPendaftaran, riwayat)
        done += size
        if progress:
            progress(done)
    bulk_analyze(User, Pemohon, RiwayatPendaftaran)
    data_berubah(ANTREAN_PENDAFTARAN)  # COPY sends no post_save: kept queue pages are old
    return first


class Command(BaseCommand):
    help = "Add N realistic bench applicants and/or requests (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemohon", type=int, default=0, help="Applicants to add.")
        parser.add_argument("--pengajuan", type=int, default=0, help="Requests to add.")
        parser.add_argument(
            "--demo", type=int, default=0, help="Of the requests, how many the demo applicant's."
        )
        parser.add_argument("--batch", type=int, default=BATCH, help="Rows per transaction.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        pemohon, pengajuan = int(options["pemohon"]), int(options["pengajuan"])
        if pemohon < 0 or pengajuan < 0 or pemohon + pengajuan < 1:
            raise CommandError("--pemohon or --pengajuan must be at least 1.")
        if pemohon:
            self._pemohon(pemohon, options)
        if pengajuan:
            self._pengajuan(pengajuan, options)

    def _progress(self, count: int, started: float, verbosity: int) -> Callable[[int], None]:
        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"{done:,} / {count:,} ({time.monotonic() - started:.0f} s)")

        return progress

    def _pemohon(self, count: int, options: dict[str, Any]) -> None:
        started = time.monotonic()
        verbosity = int(options["verbosity"])
        first = bench_pemohon_create(
            count,
            seed=options["seed"],
            batch=max(1, int(options["batch"])),
            progress=self._progress(count, started, verbosity),
        )
        if verbosity:
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"{count:,} bench applicants added (serials {first}-{first + count - 1}) "
                f"in {elapsed:.1f} s; total now {Pemohon.objects.count():,}."
            )

    def _pengajuan(self, count: int, options: dict[str, Any]) -> None:
        from sintren.ops.bench_pengajuan import bench_pengajuan_create  # imports this module

        started = time.monotonic()
        verbosity = int(options["verbosity"])
        total = bench_pengajuan_create(
            count,
            demo=int(options["demo"]),
            seed=options["seed"],
            batch=max(1, int(options["batch"])),
            progress=self._progress(count, started, verbosity),
        )
        if verbosity:
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"{count:,} bench requests added ({int(options['demo']):,} of them the demo "
                f"applicant's) in {elapsed:.1f} s; total now {total:,}."
            )
