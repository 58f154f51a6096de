"""SEC-3: drafts never sent are deleted after 30 days, by the system, through the workflow."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from sintren.core.audit import SYSTEM_LABEL
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan, RiwayatStatus
from sintren.pengajuan.retensi import CATATAN_HAPUS, draf_kedaluwarsa_hapus
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db


def _make(age_days: float, **traits: Any) -> Pengajuan:
    with freeze_time(timezone.now() - timedelta(days=age_days)):
        return PengajuanFactory.create(**traits)


def test_only_drafts_untouched_for_30_days_go(wilayah_pekalongan: Any) -> None:
    lama = _make(31)
    baru = _make(29)
    dikirim = _make(60, dikirim=True)
    notifikasi = Notifikasi.objects.count()
    assert draf_kedaluwarsa_hapus() == 1
    lama.refresh_from_db()
    assert lama.status == StatusPengajuan.DIHAPUS
    assert lama.dihapus_pada is not None
    riwayat = RiwayatStatus.objects.filter(pengajuan=lama).latest("pk")
    assert (riwayat.status, riwayat.oleh, riwayat.catatan) == (
        StatusPengajuan.DIHAPUS,
        None,
        CATATAN_HAPUS,
    )
    event = AuditEvent.objects.get(action=AuditAction.PENGAJUAN_HAPUS, target_id=str(lama.pk))
    assert event.actor_label == SYSTEM_LABEL
    assert event.actor is None
    for other in (baru, dikirim):
        other.refresh_from_db()
        assert other.status != StatusPengajuan.DIHAPUS
    assert Notifikasi.objects.count() == notifikasi  # deleting a draft tells nobody


def test_the_deadline_follows_the_clock_and_a_second_run_does_nothing(
    wilayah_pekalongan: Any,
) -> None:
    draf = PengajuanFactory.create()
    with freeze_time(timezone.now() + timedelta(days=29, hours=23)):
        assert draf_kedaluwarsa_hapus() == 0
    with freeze_time(timezone.now() + timedelta(days=30, minutes=1)):
        assert draf_kedaluwarsa_hapus() == 1
        assert draf_kedaluwarsa_hapus() == 0
    assert RiwayatStatus.objects.filter(pengajuan=draf, status=StatusPengajuan.DIHAPUS).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.PENGAJUAN_HAPUS).count() == 1


def test_a_changed_draft_gets_its_30_days_again(wilayah_pekalongan: Any) -> None:
    draf = _make(40)
    Pengajuan.objects.filter(pk=draf.pk).update(diperbarui=timezone.now() - timedelta(days=2))
    assert draf_kedaluwarsa_hapus() == 0


def test_many_drafts_in_batches(wilayah_pekalongan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sintren.pengajuan.retensi.BATCH", 2)
    drafts = [_make(35) for _ in range(5)]
    assert draf_kedaluwarsa_hapus() == 5
    assert set(
        Pengajuan.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)
    ) == {StatusPengajuan.DIHAPUS}


def test_housekeeping_runs_the_retention(wilayah_pekalongan: Any) -> None:
    draf = _make(31)
    out = StringIO()
    call_command("housekeeping", verbosity=2, stdout=out)
    assert "'draf_kedaluwarsa': 1" in out.getvalue()
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DIHAPUS
