"""The answers of a population-register check (X-10), field by field."""

from __future__ import annotations

from django.db import models


class HasilField(models.TextChoices):
    """What the register says about one field of the data checked.

    ``TIDAK_DIPERIKSA`` is the portal's own answer for a field it has no value for (a
    request's subject other than the applicant has no birth date or mother's name in
    the portal); the register never gives it.
    """

    COCOK = "cocok", "Cocok"
    TIDAK_COCOK = "tidak_cocok", "Tidak cocok"
    TIDAK_ADA = "tidak_ada", "Tidak ada di data kependudukan"
    TIDAK_DIPERIKSA = "tidak_diperiksa", "Tidak diperiksa (data tidak ada di portal)"


class FieldCek(models.TextChoices):
    """The fields checked against the register, in the order the page lists them."""

    NIK = "nik", "NIK"
    NAMA_LENGKAP = "nama_lengkap", "Nama Lengkap"
    NOMOR_KK = "nomor_kk", "Nomor KK"
    TANGGAL_LAHIR = "tanggal_lahir", "Tanggal Lahir"
    NAMA_IBU_KANDUNG = "nama_ibu_kandung", "Nama Ibu Kandung"


# The answers a register may give (the HTTP service's JSON uses exactly these values).
HASIL_REGISTER = frozenset({HasilField.COCOK, HasilField.TIDAK_COCOK, HasilField.TIDAK_ADA})
