"""Test factories of the accounts app: users, staff and applicants in every state."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from factory.django import DjangoModelFactory

from sintren.accounts.models import Pemohon, RiwayatPendaftaran, User
from sintren.accounts.models.pemohon import nama_ibu_normalize
from sintren.regions.models import Wilayah

PASSWORD = "Rahasia123"
NAMA_IBU = "Siti Aminah"
DESA_KODE = "33.26.07.2008"
PEKALONGAN = (
    ("33", None, Wilayah.Level.PROVINSI, "JAWA TENGAH"),
    ("33.26", "33", Wilayah.Level.KABUPATEN, "KABUPATEN PEKALONGAN"),
    ("33.26.07", "33.26", Wilayah.Level.KECAMATAN, "Karanganyar"),
    ("33.26.07.2008", "33.26.07", Wilayah.Level.DESA, "Karangsari"),
)


@lru_cache(maxsize=16)
def cached_hash(raw: str) -> str:
    """A password hash computed once per value (Argon2 is slow on purpose)."""
    return make_password(raw)


def wilayah_pekalongan_create() -> Wilayah:
    """Create (if missing) Jawa Tengah > Kab. Pekalongan > Karanganyar > Karangsari."""
    village = None
    for code, parent, level, name in PEKALONGAN:
        village, _ = Wilayah.objects.get_or_create(
            code=code, defaults={"parent_id": parent, "level": level, "name": name}
        )
    assert village is not None
    return village


def nik_for(n: int, *, lahir: dt.date = dt.date(1990, 8, 17), perempuan: bool = False) -> str:
    """A valid Karanganyar (33.26.07) NIK for the birth date and sex, serial ``n``."""
    day = lahir.day + (40 if perempuan else 0)
    return f"332607{day:02d}{lahir:%m%y}{n % 10000:04d}"


class UserFactory(DjangoModelFactory[User]):
    """A user; ``password`` is :data:`PASSWORD`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pemohon-{n:032d}")
    role = User.Role.PEMOHON
    password = factory.LazyFunction(lambda: cached_hash(PASSWORD))


class StaffFactory(UserFactory):
    """A member of the Dinas's staff (verifier by default)."""

    username = factory.Sequence(lambda n: f"petugas{n}")
    first_name = factory.Sequence(lambda n: f"Petugas {n}")
    role = User.Role.VERIFIKATOR
    is_staff = True


class PemohonFactory(DjangoModelFactory[Pemohon]):
    """An applicant; pending by default, with traits ``aktif``, ``disetujui``, ``ditolak``.

    Password :data:`PASSWORD`, mother's name :data:`NAMA_IBU`, born 17-08-1990 in
    Karangsari (the village is created if missing).
    """

    class Meta:
        model = Pemohon
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    nik = factory.Sequence(lambda n: nik_for(n + 1))
    nama_lengkap = factory.Sequence(lambda n: f"Budi Santoso {chr(65 + n % 26)}")
    nomor_kk = factory.Sequence(lambda n: f"332607010203{n % 10000:04d}")
    tempat_lahir = "Pekalongan"
    tanggal_lahir = dt.date(1990, 8, 17)
    jenis_kelamin = Pemohon.JenisKelamin.LAKI_LAKI
    nama_ibu_hash = factory.LazyFunction(lambda: cached_hash(nama_ibu_normalize(NAMA_IBU)))
    wilayah = factory.LazyFunction(wilayah_pekalongan_create)
    nomor_hp = factory.Sequence(lambda n: f"+62812{n % 100000000:08d}"[:15])
    email = factory.Sequence(lambda n: f"pemohon{n}@contoh.id")
    status = Pemohon.Status.MENUNGGU

    class Params:
        aktif = factory.Trait(status=Pemohon.Status.AKTIF)
        disetujui = factory.Trait(status=Pemohon.Status.DISETUJUI)
        ditolak = factory.Trait(
            status=Pemohon.Status.DITOLAK,
            alasan_penolakan="Nama Ibu belum sesuai dengan yang tercatat di KK",
        )

    @factory.post_generation
    def riwayat(obj: Pemohon, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        """A history row for the current status (as the services would have written)."""
        if create and obj.status != Pemohon.Status.MENUNGGU:
            obj.diverifikasi_pada = timezone.now()
            Pemohon.objects.filter(pk=obj.pk).update(diverifikasi_pada=obj.diverifikasi_pada)
        if create:
            RiwayatPendaftaran.objects.create(
                pemohon=obj, status=obj.status, alasan=obj.alasan_penolakan
            )
