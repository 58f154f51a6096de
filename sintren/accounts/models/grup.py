"""Applicant groups (*Grup Pemohon*, ACC-7): village offices, a hospital's birth desk, …

An applicant promoted into a group gets, besides the personal mode (*Pemohon Pribadi*),
one mode per active membership. Groups and memberships are managed by admins.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sintren.accounts.models.pemohon import Pemohon

LABEL_SEPARATOR = " \N{EN DASH} "


class GrupPemohon(models.Model):
    """A group of applicants allowed to submit for other people within ``wilayah``.

    ``wilayah`` is the group's region scope, of any level (a village, a district, the
    whole regency). An inactive group gives its members no group mode.
    """

    nama = models.CharField("Nama Grup", max_length=100)
    keterangan = models.TextField("Keterangan", blank=True)
    wilayah = models.ForeignKey(
        "regions.Wilayah",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Wilayah",
        help_text="Cakupan wilayah grup (provinsi, kabupaten/kota, kecamatan atau desa).",
    )
    aktif = models.BooleanField("Aktif", default=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nama", "pk"]
        verbose_name = "grup pemohon"
        verbose_name_plural = "grup pemohon"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How the group is shown under the applicant's name: ``NAMA - WILAYAH`` (an en dash)."""
        return f"{self.nama}{LABEL_SEPARATOR}{self.wilayah.name}"


class AnggotaGrup(models.Model):
    """One applicant's membership of a group; only active memberships give a mode."""

    grup = models.ForeignKey(GrupPemohon, on_delete=models.CASCADE, related_name="anggota")
    pemohon = models.ForeignKey(
        "accounts.Pemohon",
        on_delete=models.CASCADE,
        related_name="keanggotaan",
        verbose_name="Pemohon",
    )
    aktif = models.BooleanField("Aktif", default=True)
    ditambahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Ditambahkan oleh",
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["grup", "pk"]
        verbose_name = "anggota grup"
        verbose_name_plural = "anggota grup"
        constraints = [
            models.UniqueConstraint(fields=["grup", "pemohon"], name="anggota_grup_unik"),
        ]

    def __str__(self) -> str:
        return f"Anggota #{self.pk} ({self.grup.nama})"


class PemohonPilihan(Pemohon):
    """An applicant as listed when admins pick group members: ``NAMA - DESA`` (no NIK)."""

    class Meta:
        proxy = True
        verbose_name = "pemohon"
        verbose_name_plural = "pemohon"

    def __str__(self) -> str:
        return f"{self.nama_lengkap}{LABEL_SEPARATOR}{self.wilayah.name}"
