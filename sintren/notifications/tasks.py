"""Background tasks (Django's Tasks API): deliver one message, sweep the due ones."""

from __future__ import annotations

import logging
from datetime import datetime

from django_tasks import task

from sintren.notifications import delivery

logger = logging.getLogger(__name__)


@task()
def deliver_pesan(pesan_id: int) -> str:
    """Deliver one outbox row; on a retryable failure, queue the next attempt."""
    outcome = delivery.deliver(pesan_id)
    if outcome.retry_at is not None:
        enqueue_delivery(pesan_id, run_after=outcome.retry_at)
    return outcome.status


def enqueue_delivery(pesan_id: int, *, run_after: datetime | None = None) -> None:
    """Queue ``deliver_pesan``; a queue outage only delays the message (the sweeper runs)."""
    try:
        target = deliver_pesan
        if run_after is not None:
            if not deliver_pesan.get_backend().supports_defer:
                return  # the sweeper picks the row up when it is due
            target = deliver_pesan.using(run_after=run_after)
        target.enqueue(pesan_id)
    except Exception:
        logger.exception("Could not queue delivery of Pesan %s; the sweeper will", pesan_id)


def deliver_due_pesan(limit: int = 100) -> int:
    """Deliver every due pending row (and rows stuck in ``sending``); return how many sent."""
    delivery.release_stuck()
    sent = 0
    for pesan_id in delivery.due_ids(limit):
        if delivery.deliver(pesan_id).status == "sent":
            sent += 1
    return sent
