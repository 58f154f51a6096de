"""Demo and browser-test data of the requests: a service open around the clock.

The seed catalogue takes new requests only in office hours; a demo (or a browser test
run in the evening) needs a service that is open now. Only the weekly windows change:
holidays, closure days and the daily quota still apply.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sintren.catalog.models import JadwalLayanan, Layanan
from sintren.core.konten import konten_berubah
from sintren.pengajuan.availability import Ketersediaan
from sintren.pengajuan.selectors import ketersediaan_layanan

SEPANJANG_HARI = (dt.time(0, 0), dt.time(23, 59, 59))


@transaction.atomic
def demo_layanan_buka(slug: str) -> Ketersediaan:
    """Give the general service ``slug`` a window of the whole day on all seven days.

    Returns its availability now (personal mode). Raises ``Layanan.DoesNotExist``.
    """
    layanan = Layanan.objects.get(slug=slug)
    layanan.jadwal.all().delete()
    mulai, selesai = SEPANJANG_HARI
    JadwalLayanan.objects.bulk_create(
        JadwalLayanan(layanan=layanan, hari=hari, jam_mulai=mulai, jam_selesai=selesai)
        for hari in range(7)
    )
    konten_berubah()  # bulk_create sends no post_save: the kept pages and menus renew
    return ketersediaan_layanan(layanan, mode_grup=layanan.akses == Layanan.Akses.GRUP)
