"""Brute-force protection shared by every process (ACC-13).

Failures are counted in the database (:class:`~sintren.core.models.BatasPercobaan`),
never in process memory, with conditional ``UPDATE`` statements so concurrent requests
on SQLite and PostgreSQL cannot lose a count. Keys (NIKs, client addresses) are stored
only as an HMAC with the site's secret.

Use in a view, *before* checking the password or code::

    ip = client_ip(request)
    lockout = guard("login", nik=nik, ip=ip)
    if lockout:
        form.add_error(None, lockout.message)
    elif user is None:
        record_failure("login", nik=nik, ip=ip)
    else:
        record_success("login", nik=nik, ip=ip)

Unknown and known NIKs are counted alike, and a lock always ends by itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import gettext

from sintren.core.models import BatasPercobaan

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


@transaction.atomic
def limit_fail(limit: Limit, key: str, *, now: datetime | None = None) -> Lockout | None:
    """Count one failure of ``key``; return the lock if the key is now locked."""
    now = now or timezone.now()
    rows = _rows(limit, key)
    if not rows.exists():
        try:
            with transaction.atomic():
                BatasPercobaan.objects.create(
                    scope=limit.name[:64], key_hash=_key_hash(limit, key), window_start=now
                )
        except IntegrityError:
            pass  # another request created it first; the UPDATEs below still count
    not_locked = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    window_over = Q(window_start__lte=now - timedelta(seconds=limit.window_seconds))
    # A finished window or an ended lock starts afresh (only once, under concurrency).
    rows.filter(not_locked & (window_over | Q(locked_until__lte=now))).update(
        window_start=now, failures=0, locked_until=None
    )
    rows.update(failures=F("failures") + 1)
    lock_end: Combinable | datetime
    if limit.lock_seconds is None:
        lock_end = F("window_start") + timedelta(seconds=limit.window_seconds)
    else:
        lock_end = now + timedelta(seconds=limit.lock_seconds)
    rows.filter(not_locked, failures__gte=limit.max_failures).update(locked_until=lock_end)
    return _lockout(rows.values_list("locked_until", flat=True).first(), now)


def limit_reset(limit: Limit, key: str) -> None:
    """Forget the failures of ``key`` (after a success). An active lock is kept."""
    _rows(limit, key).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=timezone.now())
    ).delete()


def limit_purge(*, now: datetime | None = None) -> int:
    """Delete counters whose window and lock are over; return how many went."""
    now = now or timezone.now()
    longest = max(NIK_LIMIT.window_seconds, ADDRESS_LIMIT.window_seconds, 24 * 3600)
    stale = Q(window_start__lte=now - timedelta(seconds=longest))
    unlocked = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    deleted, _ = BatasPercobaan.objects.filter(stale & unlocked).delete()
    return deleted


# --- Per-form convenience: the per-NIK and the per-address limit together ----------------
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


def guard(scope: str, *, nik: str | None, ip: str, now: datetime | None = None) -> Lockout | None:
    """The lock that forbids this attempt now (by NIK or by address), or ``None``.

    Call it before checking the password/code, and refuse the attempt when it returns
    a lock, even if the password would have been right.
    """
    nik_key = _nik_key(nik)
    return _later(
        limit_status(_scoped(scope, NIK_LIMIT), nik_key, now=now) if nik_key else None,
        limit_status(_scoped(scope, ADDRESS_LIMIT), ip, now=now),
    )


def record_failure(
    scope: str, *, nik: str | None, ip: str, now: datetime | None = None
) -> Lockout | None:
    """Count a failed attempt against the NIK (if any) and the address."""
    nik_key = _nik_key(nik)
    return _later(
        limit_fail(_scoped(scope, NIK_LIMIT), nik_key, now=now) if nik_key else None,
        limit_fail(_scoped(scope, ADDRESS_LIMIT), ip, now=now),
    )


def record_success(scope: str, *, nik: str | None, ip: str) -> None:
    """Forget the NIK's failures after a success.

    The address's count is kept: one valid account must not let an address clear
    the failures it made guessing other NIKs.
    """
    del ip  # kept in the signature for symmetry with record_failure
    nik_key = _nik_key(nik)
    if nik_key:
        limit_reset(_scoped(scope, NIK_LIMIT), nik_key)
