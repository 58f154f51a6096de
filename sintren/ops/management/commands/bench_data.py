"""Fill the database with many realistic applicants, for benchmarks of the staff lists.

    manage.py bench_data --pemohon 1000000

Adds ``N`` applicants (a ``User`` and a ``Pemohon`` each, plus one history row) with a
status mix like a real office's (70 % aktif, 15 % menunggu, 10 % ditolak,
5 % disetujui), registration dates spread over three years and villages across
Kabupaten Pekalongan (33.26, from the ``Wilayah`` table: load it first). Fast: one
password hash for every row, rows written in batches, on PostgreSQL with ``COPY``
(a million applicants in a few minutes). Running it again adds more: each run takes the
next serials, and NIKs are built from the serial so they never collide (serial part
9000-9999, which real registrations and the demo data do not reach).

Never in production: every bench applicant has the same known password
(:data:`BENCH_PASSWORD`).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from sintren.accounts.models import Pemohon, RiwayatPendaftaran, User
from sintren.accounts.models.pemohon import nama_ibu_normalize
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
# Birth dates: 20,075 days from 1 January 1950, visited in a scrambled but one-to-one order.
BIRTH_FIRST = dt.date(1950, 1, 1)
BIRTH_DAYS = 20_075
BIRTH_STEP = 7_919  # prime, coprime to BIRTH_DAYS
SERIAL_BASE, SERIALS = 9000, 1000
MAX_SERIAL = SERIALS * 2 * BIRTH_DAYS  # serials, sexes and birth dates: each NIK once

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

Row = dict[str, Any]


def _bench_serial_next() -> int:
    """The first serial no bench applicant has used yet."""
    last = (
        User.objects.filter(username__startswith=USERNAME_PREFIX)
        .order_by("-username")
        .values_list("username", flat=True)
        .first()
    )
    return int(last.removeprefix(USERNAME_PREFIX)) + 1 if last else 0


def bench_nik(serial: int, kecamatan: str) -> tuple[str, dt.date, bool]:
    """The NIK, birth date and sex (female?) of bench applicant ``serial``."""
    rest, nomor = divmod(serial, SERIALS)
    day_index, female = divmod(rest, 2)
    lahir = BIRTH_FIRST + dt.timedelta(days=(day_index * BIRTH_STEP) % BIRTH_DAYS)
    day = lahir.day + (40 if female else 0)
    nik = f"{kecamatan}{day:02d}{lahir:%m%y}{SERIAL_BASE + nomor:04d}"
    return nik, lahir, bool(female)


def _status(rng: random.Random) -> str:
    draw, total = rng.random(), 0.0
    for status, share in STATUS_MIX:
        total += share
        if draw < total:
            return status
    return STATUS_MIX[0][0]


def _nama(rng: random.Random) -> str:
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
        nama = _nama(rng)
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


# Values the database driver cannot take as Python objects, turned into column values.
_ADAPT_POSTGRESQL = {"JSONField"}
_ADAPT_OTHER = {"JSONField", "DateTimeField", "DateField", "TimeField", "DecimalField"}


def _fields(model: type[models.Model], row: Row) -> list[models.Field[Any, Any]]:
    """The stored fields the rows fill, or that get their default; never the generated."""
    fields = []
    for field in model._meta.concrete_fields:
        if field.generated:
            continue
        if field.attname not in row and not field.has_default() and not field.null:
            if isinstance(field, AutoFieldMixin):
                continue  # the database numbers it
            if not isinstance(field, models.CharField | models.TextField):
                raise CommandError(f"bench_data does not fill {model.__name__}.{field.name}.")
        fields.append(field)
    return fields


def _getter(field: models.Field[Any, Any], adapt: bool) -> Callable[[Row], Any]:
    name, fallback = field.attname, field.get_default()

    def plain(row: Row) -> Any:
        return row.get(name, fallback)

    def adapted(row: Row) -> Any:
        return field.get_db_prep_save(row.get(name, fallback), connection)

    return adapted if adapt else plain


def _tuples(rows: Sequence[Row], fields: list[models.Field[Any, Any]]) -> list[tuple[Any, ...]]:
    adapt = _ADAPT_POSTGRESQL if connection.vendor == "postgresql" else _ADAPT_OTHER
    getters = [_getter(field, field.get_internal_type() in adapt) for field in fields]
    return [tuple(get(row) for get in getters) for row in rows]


def _write(model: type[models.Model], rows: Sequence[Row]) -> None:
    """Insert ``rows`` (dicts by attribute name): ``COPY`` on PostgreSQL, else a batch."""
    if not rows:
        return
    fields = _fields(model, rows[0])
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    values = _tuples(rows, fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608


def _ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys of ``model`` (inside the caller's transaction)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        first = int((cursor.fetchone() or [0])[0]) + 1
    return list(range(first, first + count))


def bench_pemohon_create(
    count: int,
    *,
    seed: int | None = None,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``count`` bench applicants; return the first serial used. Runs ANALYZE after."""
    if settings.PRODUCTION:
        raise CommandError("Bench data is never for production.")
    first = _bench_serial_next()
    if first + count > MAX_SERIAL:
        raise CommandError(f"At most {MAX_SERIAL:,} bench applicants.")
    rows = _Rows(seed=first if seed is None else seed)
    done = 0
    while done < count:
        size = min(batch, count - done)
        with transaction.atomic():
            user_ids = _ids(User, size)
            pemohon_ids = _ids(Pemohon, size)
            users, pemohon, riwayat = [], [], []
            for i in range(size):
                u, p, r = rows.applicant(first + done + i, user_ids[i], pemohon_ids[i])
                users.append(u)
                pemohon.append(p)
                riwayat.append(r)
            _write(User, users)
            _write(Pemohon, pemohon)
            _write(RiwayatPendaftaran, riwayat)
        done += size
        if progress:
            progress(done)
    with connection.cursor() as cursor:
        for model in (User, Pemohon, RiwayatPendaftaran):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return first


class Command(BaseCommand):
    help = "Add N realistic bench applicants (never in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pemohon", type=int, required=True, help="How many to add.")
        parser.add_argument("--batch", type=int, default=BATCH, help="Rows per transaction.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = int(options["pemohon"])
        if count < 1:
            raise CommandError("--pemohon must be at least 1.")
        started = time.monotonic()
        verbosity = int(options["verbosity"])

        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"{done:,} / {count:,} ({time.monotonic() - started:.0f} s)")

        first = bench_pemohon_create(
            count, seed=options["seed"], batch=max(1, int(options["batch"])), progress=progress
        )
        if verbosity:
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"{count:,} bench applicants added (serials {first}-{first + count - 1}) "
                f"in {elapsed:.1f} s; total now {Pemohon.objects.count():,}."
            )
