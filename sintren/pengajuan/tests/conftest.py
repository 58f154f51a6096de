"""Fixtures of the requests tests: an open service, a group, a working day's clock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from freezegun import freeze_time

from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.catalog.models import Layanan
from sintren.catalog.tests.factories import FieldTambahanFactory, LayananFactory
from sintren.pengajuan.tests.helpers import HARI_KERJA, buka_sepanjang_hari


@pytest.fixture
def hari_kerja() -> Iterator[Any]:
    """The clock on a working day in office hours (it keeps ticking)."""
    with freeze_time(HARI_KERJA, tick=True) as frozen:
        yield frozen


@pytest.fixture
def layanan(db: None) -> Layanan:
    """*Akta Kelahiran* (code AKL), open all week, no quota, a subject NIK is optional."""
    akta = LayananFactory.create(
        nama="Akta Kelahiran", kode="AKL", slug="akta-kelahiran", subjek_perlu_nik=False
    )
    FieldTambahanFactory.create(
        layanan=akta, nama="nama_bayi", label="Nama bayi", wajib=True, urutan=1
    )
    FieldTambahanFactory.create(
        layanan=akta,
        nama="berat_bayi",
        label="Berat bayi (gram)",
        tipe="angka",
        wajib=False,
        urutan=2,
    )
    return buka_sepanjang_hari(akta)


@pytest.fixture
def layanan_grup(db: None) -> Layanan:
    """A group-only service, open all week."""
    return buka_sepanjang_hari(
        LayananFactory.create(nama="Layanan Desa", kode="LDK", slug="layanan-desa", grup=True)
    )


@pytest.fixture
def grup(wilayah_pekalongan: Any) -> GrupPemohon:
    """A village office group scoped to Karangsari (Karanganyar district, 33.26.07)."""
    return GrupPemohon.objects.create(nama="Pemerintah Desa Karangsari", wilayah=wilayah_pekalongan)


@pytest.fixture
def anggota(grup: GrupPemohon, pemohon: Any) -> AnggotaGrup:
    """The ``pemohon`` persona as a member of ``grup``."""
    return AnggotaGrup.objects.create(grup=grup, pemohon=pemohon)
