"""Issued documents (*Dokumen TTE*, OUT-1…OUT-3, X-8): the signed PDFs of a request.

A row is made when a verifier uploads a PDF (a draft, ``diterbitkan_pada`` empty) and
becomes the applicant's when the request is issued (*Terbitkan*): from then on it can be
downloaded once (``diunduh_pada``, set by one conditional ``UPDATE``) until
``berlaku_sampai``. A reissue makes a new row and points the old one at it
(``digantikan_oleh``); a revoked row (``dicabut_pada``) can no longer be downloaded.
The row outlives its file: ``sha256`` and ``kode_verifikasi`` keep the public
verification (OUT-4) working after housekeeping removed the PDF.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sintren.keluaran.choices import CaraTerbit, KeadaanDokumen


class DokumenTerbit(models.Model):
    """One issued PDF of a request: its file, its verification code and its window.

    ``berkas`` is the name of the signed PDF in the private storage of issued documents
    (empty once housekeeping removed it); ``sumber`` the unsigned original of a PDF the
    portal signed, kept so a reissue can be signed again with its own code. ``validasi``
    holds the result of checking the signatures at upload (a list of dicts, see
    :class:`sintren.keluaran.signing.HasilTandaTangan`).
    """

    pengajuan = models.ForeignKey(
        "pengajuan.Pengajuan", on_delete=models.PROTECT, related_name="dokumen_terbit"
    )
    nama = models.CharField("Nama Dokumen", max_length=150)
    nama_berkas = models.CharField(max_length=120)
    berkas = models.CharField(max_length=255, blank=True)
    sumber = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    ukuran = models.PositiveIntegerField()
    cara = models.CharField(max_length=10, choices=CaraTerbit.choices)
    validasi = models.JSONField(default=list, blank=True)
    kode_verifikasi = models.CharField("Kode Verifikasi", max_length=20, unique=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(default=timezone.now)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diterbitkan_pada = models.DateTimeField(null=True, blank=True)
    berlaku_sampai = models.DateTimeField(null=True, blank=True)
    diunduh_pada = models.DateTimeField(null=True, blank=True)
    digantikan_oleh = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="menggantikan"
    )
    dicabut_pada = models.DateTimeField(null=True, blank=True)
    alasan_cabut = models.CharField(max_length=300, blank=True)
    unduh_ulang_diminta_pada = models.DateTimeField(null=True, blank=True)
    pengingat_dikirim_pada = models.DateTimeField(null=True, blank=True)
    berkas_dihapus_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pengajuan", "dibuat_pada", "id"]
        verbose_name = "dokumen terbit"
        verbose_name_plural = "dokumen terbit"
        indexes = [
            models.Index(fields=["pengajuan", "dibuat_pada", "id"], name="dokterbit_pengajuan_idx"),
            # Housekeeping: the reminder a day before the end and the removal of files
            # after the grace period both seek on the end of the window.
            models.Index(
                fields=["berlaku_sampai"],
                condition=Q(berlaku_sampai__isnull=False, berkas_dihapus_pada__isnull=True),
                name="dokterbit_berlaku_idx",
            ),
            # The verifier's queue: requests whose applicant asked for a new download.
            models.Index(
                fields=["unduh_ulang_diminta_pada"],
                condition=Q(unduh_ulang_diminta_pada__isnull=False, digantikan_oleh__isnull=True),
                name="dokterbit_unduh_ulang_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(diterbitkan_pada__isnull=True, berlaku_sampai__isnull=True)
                | Q(diterbitkan_pada__isnull=False, berlaku_sampai__isnull=False),
                name="dokterbit_terbit_berlaku",
            ),
            models.CheckConstraint(
                condition=Q(cara__in=CaraTerbit.values), name="dokterbit_cara_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.kode_verifikasi})"

    def keadaan(self, now: datetime | None = None) -> KeadaanDokumen:
        """Where the document stands now for the applicant (panel, verification)."""
        now = now or timezone.now()
        if self.diterbitkan_pada is None or self.berlaku_sampai is None:
            return KeadaanDokumen.DRAF
        if self.dicabut_pada is not None:
            return KeadaanDokumen.DICABUT
        if self.digantikan_oleh_id is not None:
            return KeadaanDokumen.DIGANTIKAN
        if self.diunduh_pada is not None:
            return KeadaanDokumen.DIUNDUH
        if self.berlaku_sampai <= now:
            return KeadaanDokumen.KEDALUWARSA
        return KeadaanDokumen.TERSEDIA

    @property
    def kode_tampil(self) -> str:
        """The verification code in groups of four, as printed under the QR."""
        kode = self.kode_verifikasi
        return "-".join(kode[i : i + 4] for i in range(0, len(kode), 4))
