"""Setup of the correction (X-2) tests: real scans, and a request moved to *Diproses* and
sent back for correction through the services, as the people involved would."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from sintren.catalog.models import DokumenPersyaratan, Layanan
from sintren.catalog.tests.factories import DokumenPersyaratanFactory
from sintren.documents.models import Berkas
from sintren.documents.services import berkas_upload, datadukung_attach
from sintren.documents.tests.test_validation import document, encode
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import ItemDiminta
from sintren.pengajuan.services import (
    pengajuan_minta_perbaikan,
    pengajuan_send,
    pengajuan_transition,
)
from sintren.pengajuan.tests.factories import PengajuanFactory

CATATAN_KTP = "Foto KTP buram, foto ulang."
CATATAN_NAMA_BAYI = "Tulis nama bayi sesuai surat lahir."


def berkas_root_in(settings: Any, tmp_path: Path) -> Path:
    """Keep private files in a temporary directory (for a ``berkas_root`` fixture)."""
    root = tmp_path / "berkas"
    settings.SINTREN_BERKAS_ROOT = root
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "berkas"}
    return root


def dokumen_layanan(layanan: Layanan) -> tuple[DokumenPersyaratan, DokumenPersyaratan]:
    """Two mandatory documents of the service: *KTP Ayah* and *Surat Keterangan Lahir*."""
    ktp = DokumenPersyaratanFactory.create(layanan=layanan, nama="KTP Ayah", wajib=True, urutan=1)
    surat = DokumenPersyaratanFactory.create(
        layanan=layanan, nama="Surat Keterangan Lahir", wajib=True, urutan=2
    )
    return ktp, surat


def scan(seed: int) -> bytes:
    """A sharp JPEG page of text, different for every ``seed``."""
    image = document()
    image.putpixel((seed % 50, 5), (seed % 256, 0, 0))
    return encode(image, "JPEG", quality=90)


def unggah(pemohon: Any, seed: int) -> Berkas:
    """A real, sanitised scan in the applicant's account."""
    return berkas_upload(
        actor=pemohon.user, pemohon=pemohon, file=io.BytesIO(scan(seed)), name="scan.jpg", size=None
    )


def diproses(pemohon: Any, layanan: Layanan, verifikator: Any) -> Pengajuan:
    """A request sent with every document attached, then taken by the verifier."""
    pengajuan = PengajuanFactory.create(
        pemohon=pemohon,
        layanan=layanan,
        subjek_nik="",
        subjek_nama="Bayi Ny. Sari",
        data_tambahan={"nama_bayi": "Bayi Ny. Sari", "berat_bayi": "3100"},
    )
    for seed, dokumen in enumerate(layanan.dokumen.order_by("urutan")):
        datadukung_attach(
            actor=pemohon.user, pengajuan=pengajuan, dokumen=dokumen, berkas=unggah(pemohon, seed)
        )
    pengajuan_send(actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=True)
    pengajuan_transition(pengajuan=pengajuan, to=StatusPengajuan.DIPROSES, actor=verifikator)
    return pengajuan


def dikembalikan(
    pemohon: Any, layanan: Layanan, verifikator: Any, ktp: DokumenPersyaratan
) -> Pengajuan:
    """A request sent back for correction: the KTP and the baby's name marked."""
    pengajuan = diproses(pemohon, layanan, verifikator)
    pengajuan_minta_perbaikan(
        actor=verifikator,
        pengajuan=pengajuan,
        items=[
            ItemDiminta.untuk_dokumen(ktp.pk, CATATAN_KTP),
            ItemDiminta.untuk_tambahan("nama_bayi", CATATAN_NAMA_BAYI),
        ],
        catatan="Mohon perbaiki dua hal.",
    )
    return pengajuan
