"""Brute-force protection shared by every process (ACC-13).

Failures are counted in the database (:class:`~sintren.core.models.BatasPercobaan`),
never in process memory, each by one conditional upsert (``INSERT … ON CONFLICT DO
UPDATE … WHERE … RETURNING``, on SQLite and PostgreSQL alike) so concurrent requests
cannot lose a count or take more attempts than a window has. Keys (NIKs, client
addresses) are stored only as an HMAC with the site's secret.

An attempt is *reserved* before the password or code is checked, so concurrent
guesses cannot run more checks than the limit allows::

    attempt = attempt_begin("login", nik=nik, ip=ip)
    if not attempt.allowed:
        ...  # show attempt.lockout.message; check nothing
    elif user is None:
        attempt.failed()
    else:
        attempt.succeeded()

Unknown and known NIKs are counted alike, and a lock always ends by itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from sintren.core.context import current_context
from sintren.core.models import BatasPercobaan
from sintren.core.net import UNKNOWN_ADDRESS

SCOPES = ("login", "aktivasi", "reset", "otp", "status")


@dataclass(frozen=True)
class Limit:
    """``max_failures`` within ``window_seconds`` lock the key for ``lock_seconds``.

    ``lock_seconds=None`` locks until the window ends ("for the rest of the hour").
    """

    name: str
    max_failures: int
    window_seconds: int
    lock_seconds: int | None


@dataclass(frozen=True)
class Lockout:
    """A key is locked until ``until``; ``message`` tells the person when to retry."""

    until: datetime
    message: str


NIK_LIMIT = Limit("nik", max_failures=5, window_seconds=15 * 60, lock_seconds=15 * 60)
ADDRESS_LIMIT = Limit("alamat", max_failures=20, window_seconds=3600, lock_seconds=None)


def _key_hash(limit: Limit, key: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"{limit.name}\0{key}".encode(), hashlib.sha256).hexdigest()


def _rows(limit: Limit, key: str):  # type: ignore[no-untyped-def]
    return BatasPercobaan.objects.filter(scope=limit.name[:64], key_hash=_key_hash(limit, key))


def _table() -> str:
    return connection.ops.quote_name(BatasPercobaan._meta.db_table)


# One statement takes an attempt: it makes the row, or starts a finished window or an
# ended lock afresh, or counts one more while the window has attempts left. The WHERE of
# the upsert is checked against the row as it is when the statement runs (under its row
# lock on PostgreSQL, under the write lock on SQLite), so no two requests take the same
# last attempt. No row comes back when the key is locked or its window is used up.
_RESERVE_SQL = """
INSERT INTO {t} (scope, key_hash, window_start, failures, locked_until)
VALUES (%s, %s, %s, 1, NULL)
ON CONFLICT (scope, key_hash) DO UPDATE SET
    window_start = CASE WHEN {t}.window_start <= %s OR {t}.locked_until <= %s
        THEN excluded.window_start ELSE {t}.window_start END,
    failures = CASE WHEN {t}.window_start <= %s OR {t}.locked_until <= %s
        THEN 1 ELSE {t}.failures + 1 END,
    locked_until = NULL
WHERE ({t}.locked_until IS NULL OR {t}.locked_until <= %s)
    AND ({t}.window_start <= %s OR {t}.locked_until <= %s OR {t}.failures < %s)
RETURNING failures
"""
# A failure counted whatever the state: a finished window or an ended lock starts afresh
# (the SET expressions all read the row as it was), a running lock is left as it is.
_FRESH = (
    "(({t}.locked_until IS NULL OR {t}.locked_until <= %s)"
    " AND ({t}.window_start <= %s OR {t}.locked_until <= %s))"
)
_FAIL_SQL = """
INSERT INTO {t} (scope, key_hash, window_start, failures, locked_until)
VALUES (%s, %s, %s, 1, NULL)
ON CONFLICT (scope, key_hash) DO UPDATE SET
    window_start = CASE WHEN FRESH THEN excluded.window_start ELSE {t}.window_start END,
    failures = CASE WHEN FRESH THEN 1 ELSE {t}.failures + 1 END,
    locked_until = CASE WHEN FRESH THEN NULL ELSE {t}.locked_until END
RETURNING failures, window_start, locked_until
""".replace("FRESH", _FRESH)
_LOCK_SQL = (
    "UPDATE {t} SET locked_until = %s WHERE scope = %s AND key_hash = %s"
    " AND (locked_until IS NULL OR locked_until <= %s)"
)
_RELEASE_SQL = (
    "UPDATE {t} SET failures = failures - 1 WHERE scope = %s AND key_hash = %s AND failures > 0"
)
_RESET_SQL = (
    "DELETE FROM {t} WHERE scope = %s AND key_hash = %s"
    " AND (locked_until IS NULL OR locked_until <= %s)"
)


def _when(value: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _read_when(value: Any) -> datetime | None:
    """A datetime column read with raw SQL (SQLite gives text in UTC), as an aware value."""
    if value is None or (isinstance(value, datetime) and timezone.is_aware(value)):
        return value
    parsed = parse_datetime(value) if isinstance(value, str) else value
    if parsed is None:
        raise ValueError(f"not a datetime: {value!r}")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


def lockout_message(until: datetime, now: datetime | None = None) -> str:
    """The Indonesian message for a lock ending at ``until`` (rounded up to the minute)."""
    now = now or timezone.now()
    local = timezone.localtime(until)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return gettext(
        "Terlalu banyak percobaan gagal. Silakan coba lagi setelah pukul %(jam)s WIB "
        "(sekitar %(menit)d menit lagi)."
    ) % {"jam": local.strftime("%H.%M"), "menit": minutes}


def _lockout(until: datetime | None, now: datetime) -> Lockout | None:
    if until is None or until <= now:
        return None
    return Lockout(until=until, message=lockout_message(until, now))


def limit_status(limit: Limit, key: str, *, now: datetime | None = None) -> Lockout | None:
    """The current lock of ``key`` under ``limit``, or ``None`` if it may try."""
    now = now or timezone.now()
    until = _rows(limit, key).values_list("locked_until", flat=True).first()
    return _lockout(until, now)


@transaction.atomic(savepoint=False)
def limit_fail(limit: Limit, key: str, *, now: datetime | None = None) -> Lockout | None:
    """Count one failure of ``key``; return the lock if the key is now locked.

    One upsert counts it (a finished window or an ended lock starts afresh); only the
    failure that reaches the limit writes the lock, with a second, conditional
    ``UPDATE`` in the same transaction that never extends a lock already set.
    """
    now = now or timezone.now()
    when, cutoff = _when(now), _when(now - timedelta(seconds=limit.window_seconds))
    scope, key_hash = limit.name[:64], _key_hash(limit, key)
    with connection.cursor() as cursor:
        cursor.execute(
            _FAIL_SQL.format(t=_table()), [scope, key_hash, when, *[when, cutoff, when] * 3]
        )
        failures, start, until = cursor.fetchone()
        until = _read_when(until)
        if failures < limit.max_failures or (until is not None and until > now):
            return _lockout(until, now)
        started = _read_when(start) or now
        lock_end = (
            started + timedelta(seconds=limit.window_seconds)
            if limit.lock_seconds is None
            else now + timedelta(seconds=limit.lock_seconds)
        )
        cursor.execute(_LOCK_SQL.format(t=_table()), [_when(lock_end), scope, key_hash, when])
        if cursor.rowcount:
            return _lockout(lock_end, now)
    return _lockout(_rows(limit, key).values_list("locked_until", flat=True).first(), now)


def limit_reset(limit: Limit, key: str) -> None:
    """Forget the failures of ``key`` (after a success). An active lock is kept."""
    params = [limit.name[:64], _key_hash(limit, key), _when(timezone.now())]
    with connection.cursor() as cursor:
        cursor.execute(_RESET_SQL.format(t=_table()), params)


def limit_purge(*, now: datetime | None = None) -> int:
    """Delete counters whose window and lock are over; return how many went."""
    now = now or timezone.now()
    longest = max(NIK_LIMIT.window_seconds, ADDRESS_LIMIT.window_seconds, 24 * 3600)
    stale = Q(window_start__lte=now - timedelta(seconds=longest))
    unlocked = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    deleted, _ = BatasPercobaan.objects.filter(stale & unlocked).delete()
    return deleted


# --- Reservations: count the attempt *before* checking the secret -------------------------
def _not_locked(now: datetime) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lte=now)


def _lock_end(limit: Limit, now: datetime) -> Combinable | datetime:
    if limit.lock_seconds is None:
        return F("window_start") + timedelta(seconds=limit.window_seconds)
    return now + timedelta(seconds=limit.lock_seconds)


def _reserve_one(limit: Limit, key: str, now: datetime) -> bool:
    """Take one attempt of ``key`` in a single statement; whether one was left."""
    when, cutoff = _when(now), _when(now - timedelta(seconds=limit.window_seconds))
    params = [limit.name[:64], _key_hash(limit, key), when]
    params += [cutoff, when, cutoff, when, when, cutoff, when, limit.max_failures]
    with connection.cursor() as cursor:
        cursor.execute(_RESERVE_SQL.format(t=_table()), params)
        return cursor.fetchone() is not None


def _refusal(limit: Limit, key: str, now: datetime) -> Lockout:
    """The lock shown to a refused reservation: the key's own, or the one the attempts
    still running would set."""
    row = _rows(limit, key).values("locked_until", "window_start").first() or {}
    until = row.get("locked_until")
    if until is None or until <= now:
        start = row.get("window_start") or now
        until = (
            start + timedelta(seconds=limit.window_seconds)
            if limit.lock_seconds is None
            else now + timedelta(seconds=limit.lock_seconds)
        )
    if until <= now:  # the window ended meanwhile: say a minute, the form can be sent again
        until = now + timedelta(seconds=60)
    return Lockout(until=until, message=lockout_message(until, now))


def limit_reserve(limit: Limit, key: str, *, now: datetime | None = None) -> Lockout | None:
    """Take one attempt of ``key`` before it is made; a :class:`Lockout` if none is left.

    The count goes up in one conditional upsert (``… WHERE failures < max``), so however
    many requests arrive at once, at most ``max_failures`` attempts run in a window.
    A refused reservation does not extend a lock; if the attempts that used the window
    up are still running, the lock shown is the one they would set.
    """
    now = now or timezone.now()
    if _reserve_one(limit, key, now):
        return None
    return _refusal(limit, key, now)


@transaction.atomic(savepoint=False)
def limit_settle_failure(limit: Limit, key: str, *, now: datetime | None = None) -> Lockout | None:
    """After a reserved attempt failed: lock ``key`` if its window is used up."""
    now = now or timezone.now()
    rows = _rows(limit, key)
    rows.filter(_not_locked(now), failures__gte=limit.max_failures).update(
        locked_until=_lock_end(limit, now)
    )
    return _lockout(rows.values_list("locked_until", flat=True).first(), now)


def limit_release(limit: Limit, key: str) -> None:
    """Give back one reserved attempt (it succeeded and must not count)."""
    with connection.cursor() as cursor:
        cursor.execute(_RELEASE_SQL.format(t=_table()), [limit.name[:64], _key_hash(limit, key)])


def limit_remaining(limit: Limit, key: str) -> int:
    """How many attempts ``key`` has left in its current window (ignoring locks)."""
    used = _rows(limit, key).values_list("failures", flat=True).first() or 0
    return max(0, limit.max_failures - used)


# --- Per-form attempts: the per-NIK and the per-address limit together -------------------
def _scoped(scope: str, limit: Limit) -> Limit:
    return dataclasses.replace(limit, name=f"{scope}.{limit.name}")


def _nik_key(nik: str | None) -> str | None:
    if nik is None:
        return None
    key = "".join(str(nik).split())
    return key or None


def _later(*lockouts: Lockout | None) -> Lockout | None:
    found = [lockout for lockout in lockouts if lockout is not None]
    return max(found, key=lambda lockout: lockout.until) if found else None


IN_FLIGHT_WAIT_SECONDS = 3.0


def _wait_for_slot(limit: Limit, key: str, refused: Lockout) -> Lockout | None:
    """After :func:`limit_reserve` refused ``key``: retry while only attempts still running
    hold the slots.

    Several correct logins of one NIK at once (a family sharing an account) must not be
    refused because the others are still being checked: when no lock is set yet, the
    reservation is retried for up to ``IN_FLIGHT_WAIT_SECONDS``. At most
    ``max_failures`` checks still run at once.
    """
    deadline = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
    lockout: Lockout | None = refused
    while lockout is not None and time.monotonic() < deadline:
        if _rows(limit, key).filter(locked_until__gt=timezone.now()).exists():
            return lockout
        time.sleep(0.05)
        lockout = limit_reserve(limit, key)
    return lockout


# Where one step writes both counters of an attempt, it writes them in one transaction (one
# commit), the address's row first, so two steps never wait on each other's rows in
# opposite orders.
@dataclass
class Attempt:
    """One reserved attempt at a secret (password, code, token answer) for a form.

    Made by :func:`attempt_begin`. When ``lockout`` is set the attempt was refused and
    the secret must not be checked. Otherwise check it, then call :meth:`failed` or
    :meth:`succeeded` exactly once.
    """

    scope: str
    nik_key: str | None
    ip: str
    lockout: Lockout | None = None

    @property
    def allowed(self) -> bool:
        """Whether the secret may be checked."""
        return self.lockout is None

    @property
    def _address(self) -> Limit:
        return _scoped(self.scope, ADDRESS_LIMIT)

    @property
    def _nik(self) -> Limit:
        return _scoped(self.scope, NIK_LIMIT)

    def failed(self) -> Lockout | None:
        """The attempt failed: it stays counted; the lock it caused, if any."""
        with transaction.atomic():
            address_lock = limit_settle_failure(self._address, self.ip)
            nik_lock = limit_settle_failure(self._nik, self.nik_key) if self.nik_key else None
        return _later(nik_lock, address_lock)

    @property
    def remaining(self) -> int | None:
        """Attempts left for this NIK before the lock (``None`` without a NIK)."""
        if not self.nik_key:
            return None
        return limit_remaining(self._nik, self.nik_key)

    def cancel(self) -> None:
        """Nothing was checked after all: give both reservations back."""
        with transaction.atomic():
            limit_release(self._address, self.ip)
            if self.nik_key:
                limit_release(self._nik, self.nik_key)

    def succeeded(self) -> None:
        """The attempt succeeded: forget the NIK's failures, give the address its try back.

        The address keeps its other failures: one valid account must not let an
        address clear what it did guessing other NIKs. An active lock is kept.
        """
        with transaction.atomic():
            limit_release(self._address, self.ip)
            if self.nik_key:
                limit_reset(self._nik, self.nik_key)


def attempt_begin(
    scope: str, *, nik: str | None, ip: str | None = None, now: datetime | None = None
) -> Attempt:
    """Reserve one attempt for ``scope`` against the NIK (if any) and the client address.

    ``ip`` defaults to the address of the request being served
    (:func:`sintren.core.context.current_context`), so services need no ``request``.

    Call it *before* checking the password or code, and check nothing when the returned
    attempt has a ``lockout``, even if the password would have been right. Known and
    unknown NIKs are counted alike. Both reservations are taken in one transaction.
    """
    ip = ip or current_context().ip or UNKNOWN_ADDRESS
    attempt = Attempt(scope=scope, nik_key=_nik_key(nik), ip=ip)
    with transaction.atomic():
        attempt.lockout = limit_reserve(attempt._address, attempt.ip, now=now)
        if attempt.lockout is not None or not attempt.nik_key:
            return attempt
        nik_lock = limit_reserve(attempt._nik, attempt.nik_key, now=now)
    if nik_lock is not None and now is None:
        nik_lock = _wait_for_slot(attempt._nik, attempt.nik_key, nik_lock)
    if nik_lock is not None:
        limit_release(attempt._address, attempt.ip)  # nothing was tried
        attempt.lockout = nik_lock
    return attempt


# --- Quotas: every use counts (registrations, resends, lookups) ---------------------------
def quota_take(name: str, *, per: tuple[tuple[Limit, str | None], ...]) -> Lockout | None:
    """Take one use from each ``(limit, key)`` pair; the first exhausted one refuses.

    Pairs with a ``None`` key are skipped. A refusal gives back what was taken from
    the pairs before it, so a refused use costs nothing.
    """
    with transaction.atomic():
        return _quota_take(name, per)


def _quota_take(name: str, per: tuple[tuple[Limit, str | None], ...]) -> Lockout | None:
    taken: list[tuple[Limit, str]] = []
    for limit, key in per:
        if not key:
            continue
        scoped = dataclasses.replace(limit, name=f"{name}.{limit.name}")
        lockout = limit_reserve(scoped, key)
        if lockout is not None:
            for done_limit, done_key in taken:
                limit_release(done_limit, done_key)
            return lockout
        taken.append((scoped, key))
    return None
