"""Retention of requests (SEC-3): drafts never sent are deleted after 30 days.

A draft holds a subject's NIK, KK and name, and perhaps scans of their documents; the
applicant started it and left it. After :data:`DRAF_SIMPAN` without a change it is
deleted the way an applicant deletes one (REQ-7): status *Dihapus* through
:func:`~sintren.pengajuan.services.pengajuan_transition` with the :data:`SYSTEM`
actor, so the history row, the audit row and the duplicate guard behave as for any
deletion. Run hourly by ``manage.py housekeeping``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from sintren.accounts.actors import SYSTEM
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.services import pengajuan_transition

DRAF_SIMPAN = timedelta(days=30)
CATATAN_HAPUS = "Dihapus otomatis: draf tidak dikirim selama 30 hari."
BATCH = 200


def draf_kedaluwarsa_hapus(*, now: datetime | None = None) -> int:
    """Delete every draft unchanged for :data:`DRAF_SIMPAN`; return how many went.

    Idempotent: a deleted draft is no draft any more, so a second run finds nothing.
    Each draft goes in its own transaction under a row lock; one the applicant sends
    or deletes meanwhile is refused by the transition table and skipped.
    """
    batas = (now or timezone.now()) - DRAF_SIMPAN
    kandidat = Pengajuan.objects.filter(
        status=StatusPengajuan.DRAF, dihapus_pada__isnull=True, diperbarui__lt=batas
    ).order_by("pk")
    dihapus, setelah = 0, 0
    while True:
        batch = list(kandidat.filter(pk__gt=setelah)[:BATCH])
        if not batch:
            return dihapus
        for pengajuan in batch:
            try:
                pengajuan_transition(
                    pengajuan=pengajuan,
                    to=StatusPengajuan.DIHAPUS,
                    actor=SYSTEM,
                    catatan=CATATAN_HAPUS,
                )
            except ValidationError:
                continue  # sent or deleted meanwhile
            dihapus += 1
        setelah = batch[-1].pk
