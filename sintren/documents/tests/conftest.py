"""Fixtures of the documents tests: private storage in a temporary directory, a service
with a mandatory and an optional document, a draft of the ``pemohon`` persona."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time

from sintren.catalog.models import DokumenPersyaratan, Layanan
from sintren.catalog.tests.factories import (
    DokumenPersyaratanFactory,
    FieldTambahanFactory,
    LayananFactory,
)
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.helpers import HARI_KERJA, buka_sepanjang_hari


@pytest.fixture
def hari_kerja() -> Iterator[Any]:
    """The clock on a working day in office hours (it keeps ticking)."""
    with freeze_time(HARI_KERJA, tick=True) as frozen:
        yield frozen


@pytest.fixture
def layanan(db: None) -> Layanan:
    """*Akta Kelahiran*, open all week, one mandatory extra field."""
    akta = LayananFactory.create(
        nama="Akta Kelahiran", kode="AKL", slug="akta-kelahiran", subjek_perlu_nik=False
    )
    FieldTambahanFactory.create(
        layanan=akta, nama="nama_bayi", label="Nama bayi", wajib=True, urutan=1
    )
    return buka_sepanjang_hari(akta)


@pytest.fixture
def berkas_root(settings: Any, tmp_path: Path) -> Path:
    """``SINTREN_BERKAS_ROOT`` in a temporary directory (no ``STORAGES["berkas"]``)."""
    root = tmp_path / "berkas"
    settings.SINTREN_BERKAS_ROOT = root
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "berkas"}
    return root


@pytest.fixture
def ktp(layanan: Layanan) -> DokumenPersyaratan:
    """The mandatory document of the service."""
    return DokumenPersyaratanFactory.create(
        layanan=layanan, nama="KTP Ayah", wajib=True, keterangan="KTP asli", urutan=1
    )


@pytest.fixture
def surat(layanan: Layanan) -> DokumenPersyaratan:
    """An optional document of the service."""
    return DokumenPersyaratanFactory.create(
        layanan=layanan, nama="Surat Keterangan Lahir", wajib=False, urutan=2
    )


@pytest.fixture
def draf(pemohon: Any, layanan: Layanan, ktp: Any, surat: Any) -> Pengajuan:
    """A draft of ``pemohon`` with every extra field answered."""
    return PengajuanFactory.create(
        pemohon=pemohon, layanan=layanan, data_tambahan={"nama_bayi": "Bayi Ny. Sari"}
    )
