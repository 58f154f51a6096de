"""Seed data of the service catalogue (REQ-1): plain data, loaded by ``load_katalog``.

The requirement lists follow what Dinas Dukcapil offices publish under Perpres 96/2018
and Permendagri 108/2019 (documents are issued with an electronic signature, TTE, and
printed by the applicant on plain A4 paper). Staff adjust everything later in the admin.
"""

from __future__ import annotations

from sintren.catalog.seed import kelompok, pencatatan_sipil, pendaftaran
from sintren.catalog.seed.common import HARI_TUTUP, KATEGORI, Data

LAYANAN: list[Data] = sorted(
    [*pencatatan_sipil.LAYANAN, *pendaftaran.LAYANAN, *kelompok.LAYANAN],
    key=lambda data: data["urutan"],
)

__all__ = ["HARI_TUTUP", "KATEGORI", "LAYANAN"]
