"""Housekeeping removes finished counters and old codes, and keeps live ones."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from sintren.accounts.models import KodeOtp, User
from sintren.accounts.tests.factories import PemohonFactory
from sintren.core.models import BatasPercobaan
from sintren.core.ratelimit import NIK_LIMIT, limit_fail

pytestmark = pytest.mark.django_db


def _code(user: User, *, expires: datetime) -> KodeOtp:
    return KodeOtp.objects.create(
        user=user,
        tujuan=KodeOtp.Tujuan.values[0],
        nilai_baru="+6281234567890",
        kode_hash="x",
        kedaluwarsa=expires,
    )


def test_housekeeping_purges_only_what_is_over() -> None:
    user = PemohonFactory.create(aktif=True).user
    now = timezone.now()
    old = _code(user, expires=now - timedelta(days=2))
    live = _code(user, expires=now + timedelta(minutes=5))
    with freeze_time(now - timedelta(days=2)):
        limit_fail(NIK_LIMIT, "3326071708900001")
    limit_fail(NIK_LIMIT, "3326075203950002")
    call_command("housekeeping")
    assert list(KodeOtp.objects.values_list("pk", flat=True)) == [live.pk]
    assert not KodeOtp.objects.filter(pk=old.pk).exists()
    assert BatasPercobaan.objects.count() == 1
