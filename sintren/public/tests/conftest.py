"""Fixtures of the public-site tests: a small catalogue and information items.

Uploaded example images and forms go to a fresh folder per test (the catalogue's
``media_root``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from sintren.catalog.tests.conftest import media_root  # noqa: F401 - autouse, re-exported
from sintren.catalog.tests.factories import (
    DokumenPersyaratanFactory,
    FormulirFactory,
    KategoriLayananFactory,
    LayananFactory,
)
from sintren.informasi.models import Informasi
from sintren.public.middleware import home_memo_clear


@pytest.fixture(autouse=True)
def locmem_cache(settings: Any) -> Iterator[None]:
    """A private in-memory cache per test, so the cached home never leaks between tests."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"public-{id(settings)}",
        }
    }
    home_memo_clear()
    yield
    home_memo_clear()


@pytest.fixture
def katalog(db: None) -> dict[str, Any]:
    """Two general services (one with documents and a form) and a group-only category."""
    umum = KategoriLayananFactory(nama="Pencatatan Sipil", slug="pencatatan-sipil")
    akta = LayananFactory(
        nama="Akta Kelahiran",
        slug="akta-kelahiran",
        kode="AKL",
        kategori=umum,
        ikon="bayi",
        ringkasan="Penerbitan kutipan akta kelahiran.",
        persyaratan="Surat keterangan kelahiran\nKartu Keluarga (KK)",
        proses="Login lalu klik Baru\nUnggah data dukung",
        urutan=1,
    )
    ktp = LayananFactory(
        nama="Cetak Ulang KTP-el",
        slug="cetak-ulang-ktp-el",
        kode="KTP",
        kategori=umum,
        ikon="ikon-tak-dikenal",
        persyaratan="KTP-el lama",
        proses="Ambil di kantor",
        urutan=2,
    )
    DokumenPersyaratanFactory(layanan=akta, nama="Surat Keterangan Kelahiran", dengan_contoh=True)
    DokumenPersyaratanFactory(layanan=akta, nama="Buku Nikah", wajib=False)
    formulir = FormulirFactory(
        kode="F-2.01", judul="Formulir Pelaporan Pencatatan Sipil", layanan=[akta]
    )
    formulir_ktp = FormulirFactory(kode="F-1.21", judul="Formulir Perubahan Biodata", layanan=[ktp])
    desa = KategoriLayananFactory(nama="Kelompok Pelayanan Desa/Kelurahan", slug="kelompok-desa")
    khusus = LayananFactory(
        nama="Layanan Desa/Kelurahan", slug="layanan-desa", kode="DES", kategori=desa, grup=True
    )
    LayananFactory(nama="Layanan Lama", slug="layanan-lama", kode="OLD", nonaktif=True)
    return {
        "akta": akta,
        "ktp": ktp,
        "khusus": khusus,
        "formulir": formulir,
        "formulir_ktp": formulir_ktp,
    }


def _informasi(judul: str, jenis: str, hari_lalu: int = 1, **extra: Any) -> Informasi:
    return Informasi.objects.create(
        judul=judul,
        jenis=jenis,
        ringkasan=f"Ringkasan {judul}.",
        isi=f"Isi lengkap {judul}.\nBaris kedua.",
        diterbitkan=timezone.now() - dt.timedelta(days=hari_lalu),
        **extra,
    )


@pytest.fixture
def informasi(db: None) -> dict[str, Informasi]:
    """One item of each kind, plus an inactive and a future one."""
    return {
        "umum": _informasi("Jam Pelayanan", Informasi.Jenis.UMUM, 2),
        "sistem": _informasi("Kuota Akta Kelahiran Habis", Informasi.Jenis.SISTEM, 1),
        "rahasia": _informasi("Info Khusus Pemohon", Informasi.Jenis.RAHASIA, 1),
        "nonaktif": _informasi("Informasi Ditarik", Informasi.Jenis.UMUM, 3, aktif=False),
        "nanti": _informasi("Informasi Besok", Informasi.Jenis.UMUM, -1),
    }
