"""ACC-13: attempts reserved before the check, failures counted, lockouts shared."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from sintren.core.models import BatasPercobaan
from sintren.core.ratelimit import (
    ADDRESS_LIMIT,
    NIK_LIMIT,
    Limit,
    Lockout,
    attempt_begin,
    limit_fail,
    limit_purge,
    limit_reserve,
    limit_reset,
    limit_status,
    lockout_message,
    quota_take,
)
from sintren.core.tests.concurrency import run_concurrently

pytestmark = pytest.mark.django_db

NIK = "3326071708450001"
IP = "203.0.113.7"
START = "2025-01-06 08:00:00+07:00"


def fail(scope: str, *, nik: str | None, ip: str) -> Lockout | None:
    """One attempt that was allowed and failed; the lock it met or caused."""
    attempt = attempt_begin(scope, nik=nik, ip=ip)
    if attempt.lockout is not None:
        return attempt.lockout
    return attempt.failed()


def locked(scope: str, *, nik: str | None, ip: str) -> bool:
    """Whether a new attempt would be refused (the probe attempt is given back)."""
    attempt = attempt_begin(scope, nik=nik, ip=ip)
    if attempt.lockout is not None:
        return True
    attempt.cancel()
    return False


def test_fifth_nik_failure_locks_for_fifteen_minutes() -> None:
    with freeze_time(START) as frozen:
        for _ in range(4):
            assert fail("login", nik=NIK, ip=IP) is None
            frozen.tick(60)
        assert not locked("login", nik=NIK, ip=IP)
        lockout = fail("login", nik=NIK, ip=IP)
        assert lockout is not None
        assert lockout.until == timezone.now() + timedelta(minutes=15)
        attempt = attempt_begin("login", nik=NIK, ip=IP)
        assert attempt.lockout == lockout
        # Locked even for the right password: nothing may be checked.
        assert not attempt.allowed
        frozen.tick(14 * 60 + 59)
        assert locked("login", nik=NIK, ip=IP)
        frozen.tick(1)
        assert not locked("login", nik=NIK, ip=IP)
        # A fresh window: one failure does not lock again.
        assert fail("login", nik=NIK, ip=IP) is None


def test_failures_outside_the_window_do_not_add_up() -> None:
    with freeze_time(START) as frozen:
        for _ in range(4):
            fail("login", nik=NIK, ip=IP)
        frozen.tick(15 * 60 + 1)
        for _ in range(4):
            assert fail("login", nik=NIK, ip=IP) is None
        assert not locked("login", nik=NIK, ip=IP)


def test_remaining_counts_down_to_the_lock() -> None:
    with freeze_time(START):
        seen = []
        for _ in range(4):
            attempt = attempt_begin("login", nik=NIK, ip=IP)
            attempt.failed()
            seen.append(attempt.remaining)
    assert seen == [4, 3, 2, 1]


def test_lock_message_says_when_in_wib() -> None:
    with freeze_time(START):
        for _ in range(5):
            lockout = fail("login", nik=NIK, ip=IP)
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
            fail("login", nik=NIK, ip=IP)
        attempt_begin("login", nik=NIK, ip=IP).succeeded()
        for _ in range(4):
            assert fail("login", nik=NIK, ip=IP) is None


def test_success_does_not_lift_an_active_lock() -> None:
    with freeze_time(START):
        for _ in range(5):
            fail("login", nik=NIK, ip=IP)
        attempt = attempt_begin("login", nik=NIK, ip=IP)
        assert attempt.lockout is not None
        attempt.succeeded()
        assert locked("login", nik=NIK, ip=IP)


def test_scopes_and_niks_are_counted_separately() -> None:
    with freeze_time(START):
        for i in range(5):
            fail("login", nik=NIK, ip=f"198.51.100.{i}")
        assert locked("login", nik=NIK, ip="192.0.2.1")
        assert not locked("reset", nik=NIK, ip="192.0.2.1")
        assert not locked("login", nik="3326071708450002", ip="192.0.2.1")


def test_nik_spacing_does_not_escape_the_limit() -> None:
    with freeze_time(START):
        for _ in range(5):
            fail("login", nik="3326 0717 0845 0001", ip=IP)
        assert locked("login", nik=NIK, ip="192.0.2.1")


def test_address_limit_twenty_an_hour_then_rest_of_the_hour() -> None:
    with freeze_time(START) as frozen:
        for i in range(19):
            assert fail("status", nik=f"33260717084500{i:02d}", ip=IP) is None
            frozen.tick(60)
        lockout = fail("status", nik="3326071708459999", ip=IP)
        assert lockout is not None
        assert lockout.until == datetime.fromisoformat("2025-01-06 09:00:00+07:00")
        assert locked("status", nik="3326071708458888", ip=IP)
        assert locked("status", nik=None, ip=IP)
        assert not locked("status", nik=None, ip="192.0.2.1")
        frozen.move_to("2025-01-06 09:00:00+07:00")
        assert not locked("status", nik=None, ip=IP)


def test_success_keeps_the_address_failures() -> None:
    with freeze_time(START):
        for i in range(19):
            fail("login", nik=f"33260717084500{i:02d}", ip=IP)
        attempt_begin("login", nik="3326071708450099", ip=IP).succeeded()
        assert fail("login", nik="3326071708450098", ip=IP) is not None


def test_refused_nik_attempt_does_not_cost_the_address() -> None:
    with freeze_time(START):
        for _ in range(5):
            fail("login", nik=NIK, ip="198.51.100.1")
        for _ in range(30):
            assert locked("login", nik=NIK, ip=IP)
        assert not locked("login", nik="3326071708450002", ip=IP)


def test_keys_are_not_stored_in_clear() -> None:
    fail("login", nik=NIK, ip=IP)
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
        fail("login", nik=NIK, ip=IP)
        frozen.tick(25 * 3600)
        fail("login", nik="3326071708450002", ip="192.0.2.1")
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
def test_concurrent_attempts_on_one_nik_run_at_most_five_checks() -> None:
    """24 parallel guesses: five reservations succeed, the rest never reach the check."""
    checks: list[int] = []

    def guess() -> bool:
        attempt = attempt_begin("login", nik=NIK, ip=f"198.51.100.{len(checks) % 200}")
        if attempt.lockout is not None:
            return False
        checks.append(1)  # the password would be checked here
        attempt.failed()
        return True

    outcome = run_concurrently(guess, threads=24)
    assert outcome.errors == []
    assert sum(outcome.results) == 5
    assert len(checks) == 5
    row = BatasPercobaan.objects.get(scope="login.nik")
    assert row.failures == 5
    assert row.locked_until is not None


def test_reserve_low_level_refuses_at_the_limit() -> None:
    limit = Limit("cadang", max_failures=2, window_seconds=60, lock_seconds=None)
    t0 = datetime.fromisoformat(START)
    assert limit_reserve(limit, "k", now=t0) is None
    assert limit_reserve(limit, "k", now=t0) is None
    refused = limit_reserve(limit, "k", now=t0 + timedelta(seconds=5))
    assert refused is not None
    assert refused.until == t0 + timedelta(seconds=60)
    assert limit_reserve(limit, "k", now=t0 + timedelta(seconds=61)) is None


def test_quota_refusal_gives_back_what_it_took() -> None:
    wide = Limit("lebar", max_failures=10, window_seconds=3600, lock_seconds=None)
    narrow = Limit("sempit", max_failures=1, window_seconds=3600, lock_seconds=None)
    assert quota_take("uji", per=((wide, "a"), (narrow, "b"))) is None
    assert quota_take("uji", per=((wide, "a"), (narrow, "b"))) is not None
    row = BatasPercobaan.objects.get(scope="uji.lebar")
    assert row.failures == 1  # the refused use was given back
    assert quota_take("uji", per=((wide, "a"), (narrow, None))) is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_after_the_window_restart_it_once() -> None:
    """A used-up window that has ended: twelve requests at once start it afresh once
    and together take exactly its three attempts."""
    limit = Limit("ulang", max_failures=3, window_seconds=60, lock_seconds=None)
    t0 = timezone.now() - timedelta(seconds=120)
    for _ in range(3):
        assert limit_reserve(limit, "k", now=t0) is None
    assert limit_reserve(limit, "k", now=t0) is not None

    outcome = run_concurrently(lambda: limit_reserve(limit, "k") is None, threads=12)

    assert outcome.errors == []
    assert sorted(outcome.results) == [False] * 9 + [True] * 3
    row = BatasPercobaan.objects.get(scope="ulang")
    assert row.failures == 3
    assert row.window_start > t0 + timedelta(seconds=60)


@pytest.mark.django_db(transaction=True)
def test_an_attempt_writes_each_step_in_one_transaction() -> None:
    """Reserving and settling a login attempt: both counters in one statement each and
    one commit per step (each commit is a disk flush on SQLite)."""

    def statements(step: Callable[[], object]) -> list[str]:
        with CaptureQueriesContext(connection) as seen:
            step()
        return [q["sql"].split()[0].upper() for q in seen.captured_queries]

    control = {"BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"}
    attempt = attempt_begin("login", nik=NIK, ip=IP)
    for step in (lambda: attempt_begin("login", nik=NIK, ip=IP), attempt.succeeded):
        run = statements(step)
        assert [s for s in run if s not in control] in (["INSERT", "INSERT"], ["UPDATE", "DELETE"])
        assert "SAVEPOINT" not in run
        if connection.vendor == "sqlite":  # PostgreSQL's BEGIN is not logged
            assert run.count("COMMIT") == 1
    assert not BatasPercobaan.objects.filter(scope="login.nik").exists()  # reset by success
    assert BatasPercobaan.objects.get(scope="login.alamat").failures == 1  # one still open


def test_fail_locks_to_the_end_of_the_window_and_never_extends_it() -> None:
    """A limit without its own lock time ("for the rest of the hour"): the lock ends with
    the window, and failures while locked move neither the lock nor the window."""
    limit = Limit("jam", max_failures=3, window_seconds=3600, lock_seconds=None)
    t0 = datetime.fromisoformat(START)
    assert limit_fail(limit, "k", now=t0) is None
    assert limit_fail(limit, "k", now=t0 + timedelta(minutes=10)) is None
    lockout = limit_fail(limit, "k", now=t0 + timedelta(minutes=20))
    assert lockout is not None
    assert lockout.until == t0 + timedelta(hours=1)
    again = limit_fail(limit, "k", now=t0 + timedelta(minutes=30))
    assert again is not None
    assert again.until == t0 + timedelta(hours=1)
    assert limit_fail(limit, "k", now=t0 + timedelta(minutes=61)) is None  # a new window
    row = BatasPercobaan.objects.get(scope="jam")
    assert (row.failures, row.locked_until) == (1, None)
    assert row.window_start == t0 + timedelta(minutes=61)


@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_past_the_limit_lock_once() -> None:
    limit = Limit("serbu", max_failures=5, window_seconds=3600, lock_seconds=600)
    outcome = run_concurrently(lambda: limit_fail(limit, "kunci"), threads=12)
    assert outcome.errors == []
    locks = {lockout.until for lockout in outcome.results if lockout is not None}
    assert len(locks) == 1  # every failure from the fifth on sees the one lock
    assert sum(lockout is None for lockout in outcome.results) == 4
    row = BatasPercobaan.objects.get(scope="serbu")
    assert row.failures == 12
    assert row.locked_until == locks.pop()
