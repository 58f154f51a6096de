"""Information items shown on the home page and the Informasi pages (PUB-4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Informasi(models.Model):
    """A news item for applicants: public, confidential (logged-in only) or system-made."""

    class Jenis(models.TextChoices):
        UMUM = "umum", "Umum"
        RAHASIA = "rahasia", "Rahasia"
        SISTEM = "sistem", "Sistem"

    judul = models.CharField(max_length=200)
    ringkasan = models.CharField(max_length=300, blank=True)
    isi = models.TextField()
    jenis = models.CharField(max_length=10, choices=Jenis.choices, default=Jenis.UMUM)
    diterbitkan = models.DateTimeField(default=timezone.now, db_index=True)
    aktif = models.BooleanField(default=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-diterbitkan", "-id"]
        verbose_name = "informasi"
        verbose_name_plural = "informasi"

    def __str__(self) -> str:
        return self.judul
