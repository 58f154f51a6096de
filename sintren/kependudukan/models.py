"""The embedded default's stand-in for the population register (X-10)."""

from __future__ import annotations

from django.db import models


class PendudukDemo(models.Model):
    """One citizen of the demo population register (``POPULATION_REGISTER = "demo"``).

    It plays the Dinas's SIAK for the embedded default and the tests: the demo
    applicants and a few other citizens, loaded by ``sintren_setup``/``load_demo``. Like
    the real register it holds the mother's name in clear; the portal never shows it,
    it only answers whether the applicant's hash matches it.
    """

    nik = models.CharField("NIK", max_length=16, unique=True)
    nama_lengkap = models.CharField("Nama Lengkap", max_length=100)
    nomor_kk = models.CharField("Nomor KK", max_length=16)
    tanggal_lahir = models.DateField("Tanggal Lahir")
    nama_ibu_kandung = models.CharField("Nama Ibu Kandung", max_length=100)

    class Meta:
        ordering = ["nik"]
        verbose_name = "penduduk (register demo)"
        verbose_name_plural = "penduduk (register demo)"

    def __str__(self) -> str:
        return f"Penduduk demo #{self.pk}"
