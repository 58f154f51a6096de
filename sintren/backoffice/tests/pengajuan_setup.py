"""Setup of the staff request-page tests (BO-3): two services, a verifier assigned to
each, and requests sent through the real services with real scans attached."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from sintren.accounts.models import User
from sintren.accounts.tests.factories import StaffFactory
from sintren.backoffice.models import PenugasanLayanan
from sintren.catalog.models import Layanan
from sintren.catalog.tests.factories import (
    DokumenPersyaratanFactory,
    FieldTambahanFactory,
    LayananFactory,
)
from sintren.documents.services import datadukung_attach
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.services import pengajuan_send
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.helpers import buka_sepanjang_hari
from sintren.pengajuan.tests.perbaikan_setup import unggah

Status = StatusPengajuan


def layanan_akta() -> Layanan:
    """*Akta Kelahiran* with two mandatory documents and one extra field."""
    akta = buka_sepanjang_hari(
        LayananFactory.create(
            nama="Akta Kelahiran", kode="AKL", slug="akta-kelahiran", subjek_perlu_nik=False
        )
    )
    FieldTambahanFactory.create(layanan=akta, nama="nama_bayi", label="Nama bayi", urutan=1)
    DokumenPersyaratanFactory.create(layanan=akta, nama="KTP Ayah", wajib=True, urutan=1)
    DokumenPersyaratanFactory.create(
        layanan=akta, nama="Surat Keterangan Lahir", wajib=True, urutan=2
    )
    return akta


def layanan_kematian() -> Layanan:
    """*Akta Kematian* without documents: another verifier's service."""
    return buka_sepanjang_hari(
        LayananFactory.create(nama="Akta Kematian", kode="AKM", slug="akta-kematian")
    )


def verifikator_untuk(*layanan: Layanan, username: str | None = None) -> User:
    """A verifier assigned to ``layanan``."""
    extra = {"username": username} if username else {}
    user: User = StaffFactory.create(role=User.Role.VERIFIKATOR, **extra)
    for item in layanan:
        PenugasanLayanan.objects.create(petugas=user, layanan=item)
    return user


def terkirim(pemohon: Any, layanan: Layanan, *, seed: int = 0, **fields: Any) -> Pengajuan:
    """A request of ``pemohon`` with every document attached (real scans), sent."""
    pengajuan = PengajuanFactory.create(
        pemohon=pemohon,
        layanan=layanan,
        subjek_nik="",
        data_tambahan={"nama_bayi": "Bayi Ny. Sari"},
        **fields,
    )
    for offset, dokumen in enumerate(layanan.dokumen.order_by("urutan")):
        datadukung_attach(
            actor=pemohon.user,
            pengajuan=pengajuan,
            dokumen=dokumen,
            berkas=unggah(pemohon, seed * 10 + offset),
        )
    pengajuan_send(actor=pemohon.user, pengajuan=pengajuan, pilihan_dokumen=None, persetujuan=True)
    return pengajuan


def antre(
    pemohon: Any,
    layanan: Layanan,
    *,
    dikirim: datetime,
    jatuh_tempo: date,
    status: str = Status.DIKIRIM,
    petugas: User | None = None,
) -> Pengajuan:
    """A queued request written directly (many of them, fast): sent at ``dikirim``,
    due on ``jatuh_tempo``."""
    return PengajuanFactory.create(
        pemohon=pemohon,
        layanan=layanan,
        status=status,
        dikirim_pada=dikirim,
        jatuh_tempo=jatuh_tempo,
        petugas=petugas,
    )


def hari_lalu(days: int) -> datetime:
    """``days`` days ago."""
    return timezone.now() - timedelta(days=days)
