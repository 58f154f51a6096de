"""ACC-13: failure counting and lockouts shared through the database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from sintren.core.models import BatasPercobaan
from sintren.core.ratelimit import (
    ADDRESS_LIMIT,
    NIK_LIMIT,
    Limit,
    guard,
    limit_fail,
    limit_purge,
    limit_reset,
    limit_status,
    lockout_message,
    record_failure,
    record_success,
)
from sintren.core.tests.concurrency import run_concurrently

pytestmark = pytest.mark.django_db

NIK = "3326071708450001"
IP = "203.0.113.7"
START = "2025-01-06 08:00:00+07:00"


def test_fifth_nik_failure_locks_for_fifteen_minutes() -> None:
    with freeze_time(START) as frozen:
        for _ in range(4):
            assert record_failure("login", nik=NIK, ip=IP) is None
            frozen.tick(60)
        assert guard("login", nik=NIK, ip=IP) is None
        lockout = record_failure("login", nik=NIK, ip=IP)
        assert lockout is not None
        assert lockout.until == timezone.now() + timedelta(minutes=15)
        assert guard("login", nik=NIK, ip=IP) == lockout
        # Locked even for the right password: the caller asks guard() first.
        frozen.tick(14 * 60 + 59)
        assert guard("login", nik=NIK, ip=IP) is not None
        frozen.tick(1)
        assert guard("login", nik=NIK, ip=IP) is None
        # A fresh window: one failure does not lock again.
        assert record_failure("login", nik=NIK, ip=IP) is None


def test_failures_outside_the_window_do_not_add_up() -> None:
    with freeze_time(START) as frozen:
        for _ in range(4):
            record_failure("login", nik=NIK, ip=IP)
        frozen.tick(15 * 60 + 1)
        for _ in range(4):
            assert record_failure("login", nik=NIK, ip=IP) is None
        assert guard("login", nik=NIK, ip=IP) is None


def test_lock_message_says_when_in_wib() -> None:
    with freeze_time(START):
        for _ in range(5):
            lockout = record_failure("login", nik=NIK, ip=IP)
    assert lockout is not None
    assert lockout.message == (
        "Terlalu banyak percobaan gagal. Silakan coba lagi setelah pukul 08.15 WIB "
        "(sekitar 15 menit lagi)."
    )


def test_lock_message_rounds_up() -> None:
    until = datetime.fromisoformat("2025-01-06 08:15:20+07:00")
    now = datetime.fromisoformat("2025-01-06 08:13:50+07:00")
    assert "pukul 08.16 WIB (sekitar 2 menit lagi)" in lockout_message(until, now)


def test_success_resets_the_nik_count() -> None:
    with freeze_time(START):
        for _ in range(4):
            record_failure("login", nik=NIK, ip=IP)
        record_success("login", nik=NIK, ip=IP)
        for _ in range(4):
            assert record_failure("login", nik=NIK, ip=IP) is None


def test_success_does_not_lift_an_active_lock() -> None:
    with freeze_time(START):
        for _ in range(5):
            record_failure("login", nik=NIK, ip=IP)
        record_success("login", nik=NIK, ip=IP)
        assert guard("login", nik=NIK, ip=IP) is not None


def test_scopes_and_niks_are_counted_separately() -> None:
    with freeze_time(START):
        for _ in range(5):
            record_failure("login", nik=NIK, ip=f"198.51.100.{_}")
        assert guard("login", nik=NIK, ip="192.0.2.1") is not None
        assert guard("reset", nik=NIK, ip="192.0.2.1") is None
        assert guard("login", nik="3326071708450002", ip="192.0.2.1") is None


def test_nik_spacing_does_not_escape_the_limit() -> None:
    with freeze_time(START):
        for _ in range(5):
            record_failure("login", nik="3326 0717 0845 0001", ip=IP)
        assert guard("login", nik=NIK, ip="192.0.2.1") is not None


def test_address_limit_twenty_an_hour_then_rest_of_the_hour() -> None:
    with freeze_time(START) as frozen:
        for i in range(19):
            assert record_failure("status", nik=f"33260717084500{i:02d}", ip=IP) is None
            frozen.tick(60)
        lockout = record_failure("status", nik="3326071708459999", ip=IP)
        assert lockout is not None
        assert lockout.until == datetime.fromisoformat("2025-01-06 09:00:00+07:00")
        assert guard("status", nik="3326071708458888", ip=IP) is not None
        assert guard("status", nik=None, ip=IP) is not None
        assert guard("status", nik=None, ip="192.0.2.1") is None
        frozen.move_to("2025-01-06 09:00:00+07:00")
        assert guard("status", nik=None, ip=IP) is None


def test_record_success_keeps_the_address_count() -> None:
    with freeze_time(START):
        for i in range(19):
            record_failure("login", nik=f"33260717084500{i:02d}", ip=IP)
        record_success("login", nik="3326071708450099", ip=IP)
        assert record_failure("login", nik="3326071708450098", ip=IP) is not None


def test_keys_are_not_stored_in_clear() -> None:
    record_failure("login", nik=NIK, ip=IP)
    rows = list(BatasPercobaan.objects.values_list("scope", "key_hash"))
    assert {scope for scope, _ in rows} == {"login.nik", "login.alamat"}
    for _, key_hash in rows:
        assert NIK not in key_hash
        assert IP not in key_hash
        assert len(key_hash) == 64


def test_low_level_api_with_explicit_now() -> None:
    limit = Limit("uji", max_failures=2, window_seconds=60, lock_seconds=30)
    t0 = datetime.fromisoformat(START)
    assert limit_fail(limit, "k", now=t0) is None
    lockout = limit_fail(limit, "k", now=t0 + timedelta(seconds=10))
    assert lockout is not None
    assert lockout.until == t0 + timedelta(seconds=40)
    assert limit_status(limit, "k", now=t0 + timedelta(seconds=39)) is not None
    assert limit_status(limit, "k", now=t0 + timedelta(seconds=40)) is None
    # Failures recorded while locked never extend the lock.
    assert limit_fail(limit, "k", now=t0 + timedelta(seconds=20)) is not None
    assert limit_status(limit, "k", now=t0 + timedelta(seconds=40)) is None
    # Once the lock is over the count starts again.
    assert limit_fail(limit, "k", now=t0 + timedelta(seconds=41)) is None
    limit_reset(limit, "k")
    assert not BatasPercobaan.objects.filter(scope="uji").exists()


def test_predefined_limits() -> None:
    assert (NIK_LIMIT.max_failures, NIK_LIMIT.window_seconds, NIK_LIMIT.lock_seconds) == (
        5,
        900,
        900,
    )
    assert (ADDRESS_LIMIT.max_failures, ADDRESS_LIMIT.window_seconds) == (20, 3600)
    assert ADDRESS_LIMIT.lock_seconds is None


def test_purge_removes_only_finished_counters() -> None:
    with freeze_time(START) as frozen:
        record_failure("login", nik=NIK, ip=IP)
        frozen.tick(25 * 3600)
        record_failure("login", nik="3326071708450002", ip="192.0.2.1")
        assert limit_purge() == 2
        assert BatasPercobaan.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_are_all_counted() -> None:
    limit = Limit("paralel", max_failures=100, window_seconds=3600, lock_seconds=60)
    errors = run_concurrently(lambda: limit_fail(limit, "kunci"), threads=10).errors
    assert errors == []
    row = BatasPercobaan.objects.get(scope="paralel")
    assert row.failures == 10
    assert row.locked_until is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_lock_exactly_at_the_limit() -> None:
    results = run_concurrently(lambda: record_failure("otp", nik=NIK, ip=IP), threads=8).results
    row = BatasPercobaan.objects.get(scope="otp.nik")
    assert row.failures == 8
    assert row.locked_until is not None
    assert sum(result is not None for result in results) == 4  # the 5th..8th see the lock
