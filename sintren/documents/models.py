"""Supporting documents (*Data Dukung*, DOC-1, DOC-2, DOC-5): the sanitised files of an
applicant's account and their links to requests."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone


def _today() -> date:
    return timezone.localdate()


class Berkas(models.Model):
    """One uploaded, sanitised image of an applicant's account (DOC-3, DOC-5).

    ``nama_simpan`` and ``thumbnail`` are names in the private storage
    (:func:`sintren.documents.storage.private_storage`), never URLs: the files are served
    only by the access-checking views. ``sha256`` is the hash of the stored (re-encoded)
    content; it is unique per account, so a file uploaded twice is stored once and can be
    attached to later requests (*Pilih Dokumen Lama*). ``peringatan`` holds the quality
    warning codes (X-3, :class:`sintren.documents.validation.QualityWarning`) the
    applicant chose to keep the file with.
    """

    pemohon = models.ForeignKey("accounts.Pemohon", on_delete=models.PROTECT, related_name="berkas")
    nama_simpan = models.CharField(max_length=200, unique=True)
    thumbnail = models.CharField(max_length=200, unique=True)
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    tanggal_dokumen = models.DateField("Tanggal Dokumen", default=_today)
    lembar = models.PositiveSmallIntegerField("Lembar ke", default=1)
    catatan = models.CharField("Catatan", max_length=300, blank=True)
    peringatan = models.JSONField(default=list, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = "berkas"
        verbose_name_plural = "berkas"
        constraints = [
            models.UniqueConstraint(fields=["pemohon", "sha256"], name="berkas_unik_per_pemohon")
        ]

    def __str__(self) -> str:
        return f"Berkas {self.pk} ({self.tanggal_dokumen:%d-%m-%Y}, lembar {self.lembar})"


class DataDukung(models.Model):
    """A file (``berkas``) attached to a request for one of its service's required
    documents (``dokumen``, a catalogue :class:`DokumenPersyaratan`)."""

    pengajuan = models.ForeignKey(
        "pengajuan.Pengajuan", on_delete=models.CASCADE, related_name="data_dukung"
    )
    dokumen = models.ForeignKey(
        "catalog.DokumenPersyaratan", on_delete=models.PROTECT, related_name="data_dukung"
    )
    berkas = models.ForeignKey(Berkas, on_delete=models.PROTECT, related_name="data_dukung")
    dibuat = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dibuat", "id"]
        verbose_name = "data dukung"
        verbose_name_plural = "data dukung"
        constraints = [
            models.UniqueConstraint(
                fields=["pengajuan", "dokumen", "berkas"], name="datadukung_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dokumen_id}: berkas {self.berkas_id}"
