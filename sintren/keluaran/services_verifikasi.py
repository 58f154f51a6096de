"""The public verification of issued documents (*Cek Keaslian Dokumen*, OUT-4, X-7).

Anyone may ask, without logging in, by the code (typed, or from the QR) or by uploading
the PDF. The answer says whether the document is genuine, its type and issue date, the
holder's name and NIK masked, and whether it was superseded or revoked: nothing more.
Every question counts against a per-address limit, so the codes cannot be walked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from sintren.core.context import current_context
from sintren.core.masking import mask_nama, mask_nik
from sintren.core.net import UNKNOWN_ADDRESS
from sintren.core.ratelimit import Limit, quota_take
from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.pdf import PdfDitolak, periksa_pdf
from sintren.keluaran.selectors import dokumen_by_kode, dokumen_by_sha256
from sintren.keluaran.services import kode_normal
from sintren.keluaran.signing import HasilTandaTangan, validasi

VERIFIKASI_SCOPE = "verifikasi"
# 30 questions an hour per address: plenty for a bank clerk, useless for walking codes.
VERIFIKASI_PER_ALAMAT = Limit("alamat", max_failures=30, window_seconds=3600, lock_seconds=None)


@dataclass(frozen=True)
class DataDokumen:
    """What the public may learn of a genuine document."""

    kode: str
    jenis: str
    nama_dokumen: str
    terbit_pada: datetime
    pemegang: str
    nik: str
    dicabut_pada: datetime | None
    digantikan_pada: datetime | None

    @property
    def berlaku(self) -> bool:
        """Neither revoked nor superseded."""
        return self.dicabut_pada is None and self.digantikan_pada is None


@dataclass(frozen=True)
class HasilVerifikasi:
    """The answer: the document found (``None``: no issued document matches), and for
    an uploaded PDF whether its bytes are those issued and what its signatures say."""

    dokumen: DataDokumen | None
    diunggah: bool = False
    hash_cocok: bool = False
    tanda_tangan: list[HasilTandaTangan] = field(default_factory=list)
    pdf_terbaca: bool = True

    @property
    def tanda_tangan_sah(self) -> bool:
        """At least one signature, every one intact, trusted and covering the file."""
        return bool(self.tanda_tangan) and all(t.sah for t in self.tanda_tangan)

    @property
    def asli(self) -> bool:
        """Genuine: a known document and, for an upload, its exact bytes, validly signed."""
        if self.dokumen is None:
            return False
        return not self.diunggah or (self.hash_cocok and self.tanda_tangan_sah)


def _data(dokumen: DokumenTerbit) -> DataDokumen:
    pengajuan = dokumen.pengajuan
    assert dokumen.diterbitkan_pada is not None
    pengganti = dokumen.digantikan_oleh
    return DataDokumen(
        kode=dokumen.kode_tampil,
        jenis=pengajuan.layanan.nama,
        nama_dokumen=dokumen.nama,
        terbit_pada=dokumen.diterbitkan_pada,
        pemegang=mask_nama(pengajuan.subjek_nama),
        nik=mask_nik(pengajuan.subjek_nik),
        dicabut_pada=dokumen.dicabut_pada,
        digantikan_pada=pengganti.diterbitkan_pada if pengganti is not None else None,
    )


def _take_quota() -> None:
    ip = current_context().ip or UNKNOWN_ADDRESS
    lockout = quota_take(VERIFIKASI_SCOPE, per=((VERIFIKASI_PER_ALAMAT, ip),))
    if lockout is not None:
        jam = timezone.localtime(lockout.until).strftime("%H.%M")
        raise ValidationError(
            gettext(
                "Terlalu banyak pemeriksaan dari alamat ini. Silakan coba lagi setelah pukul "
                "%(jam)s WIB."
            )
            % {"jam": jam},
            code="batas",
        )


def verifikasi_kode(*, kode: str) -> HasilVerifikasi:
    """Look a verification code up (counted against the address's limit)."""
    _take_quota()
    found = dokumen_by_kode(kode_normal(kode))
    return HasilVerifikasi(dokumen=_data(found) if found else None)


def verifikasi_berkas(*, data: bytes, kode: str = "") -> HasilVerifikasi:
    """Check an uploaded PDF: is it byte for byte an issued document (by its hash, or
    against ``kode`` when given), and are its signatures valid? Counted like a lookup.
    A file that is no readable PDF is reported as such (``pdf_terbaca``)."""
    _take_quota()
    sha256 = hashlib.sha256(data).hexdigest()
    by_kode = dokumen_by_kode(kode_normal(kode)) if kode else None
    found = by_kode or dokumen_by_sha256(sha256)
    dokumen = _data(found) if found else None
    try:
        periksa_pdf(data)
        tanda_tangan = validasi(data)
    except (PdfDitolak, ValueError):
        return HasilVerifikasi(dokumen=dokumen, diunggah=True, pdf_terbaca=False)
    return HasilVerifikasi(
        dokumen=dokumen,
        diunggah=True,
        hash_cocok=found is not None and found.sha256 == sha256,
        tanda_tangan=tanda_tangan,
    )
