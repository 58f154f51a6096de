"""Indonesian administrative regions (Kemendagri codes), one table for all four levels."""

from __future__ import annotations

from django.db import models


class Wilayah(models.Model):
    """A province, regency/city, district or village, keyed by its official code.

    ``code`` is dotted as Kemendagri writes it: ``33`` (province), ``33.26``
    (regency/city), ``33.26.07`` (district), ``33.26.07.2008`` (village).
    """

    class Level(models.IntegerChoices):
        PROVINSI = 1, "Provinsi"
        KABUPATEN = 2, "Kabupaten/Kota"
        KECAMATAN = 3, "Kecamatan"
        DESA = 4, "Desa/Kelurahan"

    code = models.CharField(max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        indexes = [models.Index(fields=["parent", "name"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
