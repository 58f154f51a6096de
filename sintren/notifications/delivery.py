"""Delivery of outbox rows: claim, send once, mark sent or schedule a retry.

Runs outside any transaction (a worker, the ``kirim_pesan`` command): the claim is a
conditional UPDATE that commits on its own, so of several workers racing for the same
row exactly one sees "1 row affected" and sends it.

Only that worker puts the message's secrets (``Pesan.rahasia``) back into its text, in
memory (:func:`compose`); the UPDATE that marks the row sent, or failed for good, also
wipes them.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from sintren.notifications.channels import DeliveryError, get_channel
from sintren.notifications.choices import StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.rahasia import reveal
from sintren.notifications.utils import redact

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
MAX_ATTEMPTS = 8
STUCK_AFTER = timedelta(minutes=10)

# last_error of a message whose secret link or code was wiped before it could be sent.
RAHASIA_GONE = "Tautan/kode rahasia sudah dihapus (kedaluwarsa); pemohon perlu meminta ulang."


@dataclass(frozen=True)
class Outcome:
    """What one delivery call did: ``sent``, ``retry``, ``failed`` or ``skipped``."""

    status: str
    retry_at: datetime | None = None


def backoff_delay(attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failure: 30 s, 60 s, 120 s, … capped at an hour."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


def claim(pesan_id: int) -> bool:
    """Move a due ``pending`` row to ``sending``; only one caller ever gets ``True``."""
    now = timezone.now()
    updated = Notifikasi.objects.filter(
        pk=pesan_id, status=StatusNotifikasi.PENDING, next_attempt_at__lte=now
    ).update(status=StatusNotifikasi.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return updated == 1


def compose(pesan: Notifikasi) -> Notifikasi:
    """An unsaved copy of ``pesan`` with its secrets back in ``subject`` and ``body``.

    What the channel sends. It must never be saved: the stored row keeps placeholders.
    """
    outgoing = copy.copy(pesan)
    outgoing.subject = reveal(pesan.subject, pesan.rahasia)
    outgoing.body = reveal(pesan.body, pesan.rahasia)
    outgoing.rahasia = {}
    return outgoing


def deliver(pesan_id: int) -> Outcome:
    """Deliver one message if it is due and nobody else is delivering it."""
    if not claim(pesan_id):
        return Outcome("skipped")
    pesan = Notifikasi.objects.get(pk=pesan_id)
    if pesan.berisi_rahasia and not pesan.rahasia:
        return _record_failure(pesan, RAHASIA_GONE, permanent=True)
    secrets = [str(value) for value in (pesan.rahasia or {}).values()]
    try:
        receipt = get_channel(pesan.channel).send(compose(pesan))
    except DeliveryError as exc:
        message = redact(str(exc), *secrets)
        return _record_failure(pesan, message, permanent=exc.permanent)
    except Exception as exc:  # a bug or misconfiguration: keep the row, retry later
        logger.exception("Pesan %s: unexpected error in channel %s", pesan.pk, pesan.channel)
        message = redact(f"{type(exc).__name__}: {exc}", pesan.recipient, *secrets)[:500]
        return _record_failure(pesan, message, permanent=False)
    Notifikasi.objects.filter(pk=pesan.pk, status=StatusNotifikasi.SENDING).update(
        status=StatusNotifikasi.SENT,
        sent_at=timezone.now(),
        delivered_via=receipt.via,
        external_id=receipt.external_id,
        last_error="",
        rahasia={},
    )
    logger.info("Pesan %s (%s, %s) sent via %s", pesan.pk, pesan.event, pesan.channel, receipt.via)
    return Outcome("sent")


def _record_failure(pesan: Notifikasi, error: str, *, permanent: bool) -> Outcome:
    """Back to ``pending`` with exponential backoff, or ``failed`` when out of attempts.

    A permanent error (a number the gateway rejects) wipes the secrets: resending
    cannot help. A message that only ran out of attempts keeps them for a "kirim
    ulang" until ``pesan_rahasia_purge`` removes them.
    """
    if permanent or pesan.attempts >= MAX_ATTEMPTS:
        wipe: dict[str, Any] = {"rahasia": {}} if permanent else {}
        Notifikasi.objects.filter(pk=pesan.pk, status=StatusNotifikasi.SENDING).update(
            status=StatusNotifikasi.FAILED, last_error=error, **wipe
        )
        logger.warning("Pesan %s failed after %s attempts: %s", pesan.pk, pesan.attempts, error)
        return Outcome("failed")
    retry_at = timezone.now() + backoff_delay(pesan.attempts)
    Notifikasi.objects.filter(pk=pesan.pk, status=StatusNotifikasi.SENDING).update(
        status=StatusNotifikasi.PENDING, next_attempt_at=retry_at, last_error=error
    )
    logger.info(
        "Pesan %s attempt %s failed (%s); retry at %s", pesan.pk, pesan.attempts, error, retry_at
    )
    return Outcome("retry", retry_at=retry_at)


def release_stuck(now: datetime | None = None) -> int:
    """Put rows left in ``sending`` by a crashed worker back in the queue."""
    now = now or timezone.now()
    return Notifikasi.objects.filter(
        status=StatusNotifikasi.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=StatusNotifikasi.PENDING, next_attempt_at=now)


def due_ids(limit: int = 100) -> list[int]:
    """Ids of pending rows whose time has come, oldest first."""
    return list(
        Notifikasi.objects.filter(
            status=StatusNotifikasi.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )
