"""Choices of the issued documents."""

from __future__ import annotations

from django.db import models


class CaraTerbit(models.TextChoices):
    """How the PDF got its signature: by the portal, or before it was uploaded."""

    PORTAL = "portal", "Ditandatangani oleh portal"
    UNGGAH = "unggah", "Sudah bertanda tangan"


class KeadaanDokumen(models.TextChoices):
    """Where an issued document stands for the applicant (derived, never stored)."""

    DRAF = "draf", "Belum diterbitkan"
    TERSEDIA = "tersedia", "Dapat diunduh"
    DIUNDUH = "diunduh", "Sudah diunduh"
    KEDALUWARSA = "kedaluwarsa", "Kedaluwarsa"
    DIGANTIKAN = "digantikan", "Digantikan oleh terbitan ulang"
    DICABUT = "dicabut", "Dicabut"
