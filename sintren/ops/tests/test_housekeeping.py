"""Housekeeping removes finished counters, old codes and used captchas; keeps live ones."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from sintren.accounts.models import KodeOtp, User
from sintren.accounts.tests.factories import PemohonFactory
from sintren.core.captcha import captcha_check, captcha_new
from sintren.core.models import BatasPercobaan, CaptchaTerpakai
from sintren.core.ratelimit import NIK_LIMIT, limit_fail
from sintren.core.tests.utils import solve_captcha

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


def _answer_captcha() -> None:
    captcha = captcha_new("uji")
    assert captcha_check(captcha.token, solve_captcha(captcha.question), "uji")


def test_housekeeping_purges_records_of_expired_captchas() -> None:
    with freeze_time(timezone.now() - timedelta(minutes=11)):
        _answer_captcha()
    _answer_captcha()
    assert CaptchaTerpakai.objects.count() == 2
    out = StringIO()
    call_command("housekeeping", verbosity=2, stdout=out)
    assert "'captcha_terpakai': 1" in out.getvalue()
    remaining = CaptchaTerpakai.objects.get()
    assert remaining.dipakai > timezone.now() - timedelta(minutes=1)
