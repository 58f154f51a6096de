"""Writes of the notifications app. Call ``pesan_queue`` inside the event's transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sintren.notifications.choices import Kanal, StatusPesan
from sintren.notifications.defaults import DEFAULTS
from sintren.notifications.models import Pesan, TemplatPesan
from sintren.notifications.rendering import prepare_context, render_event
from sintren.notifications.tasks import enqueue_delivery

logger = logging.getLogger(__name__)


@transaction.atomic
def pesan_queue(
    *,
    event: str,
    context: dict[str, Any],
    phone: str | None = None,
    email: str | None = None,
    user: Any = None,
    dedup_key: str | None = None,
) -> list[Pesan]:
    """Write the event's messages to the outbox; deliver them once the transaction commits.

    WhatsApp goes to ``phone`` (E.164) and email to ``email``, each only when the event
    has a text for that channel. Links in ``context`` (keys ending in ``url``/``link``)
    are made absolute with ``SITE_URL``. With ``dedup_key`` an event queued twice (a
    retried request) yields its messages only once.
    """
    ctx = prepare_context(context)
    rows = []
    for channel, recipient in ((Kanal.WHATSAPP, phone), (Kanal.EMAIL, email)):
        if not recipient:
            continue
        rendered = render_event(event, channel, ctx)
        if rendered is None:
            continue
        pesan = _create(
            channel=channel,
            recipient=recipient.strip(),
            subject=rendered.subject,
            body=rendered.body,
            event=event,
            user=user,
            dedup_key=f"{dedup_key}:{channel}" if dedup_key else None,
        )
        if pesan is not None:
            rows.append(pesan)
            transaction.on_commit(partial(enqueue_delivery, pesan.pk))
    if not rows:
        logger.info("Event %s queued no message", event)
    return rows


def _create(*, dedup_key: str | None, **fields: Any) -> Pesan | None:
    """Insert one row; ``None`` when a row with the same ``dedup_key`` already exists."""
    if dedup_key is None:
        return Pesan.objects.create(**fields)
    try:
        with transaction.atomic():
            return Pesan.objects.create(dedup_key=dedup_key, **fields)
    except IntegrityError:
        if Pesan.objects.filter(dedup_key=dedup_key).exists():
            return None
        raise


@transaction.atomic
def pesan_resend(*, pesan_ids: Iterable[int]) -> int:
    """Put failed messages back in the queue with a fresh set of attempts ("kirim ulang")."""
    ids = list(
        Pesan.objects.filter(pk__in=list(pesan_ids), status=StatusPesan.FAILED).values_list(
            "pk", flat=True
        )
    )
    updated = Pesan.objects.filter(pk__in=ids, status=StatusPesan.FAILED).update(
        status=StatusPesan.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    for pesan_id in ids:
        transaction.on_commit(partial(enqueue_delivery, pesan_id))
    return updated


@transaction.atomic
def templat_pesan_load_defaults() -> int:
    """Create the built-in texts that have no row yet; never touch admins' edits."""
    created = 0
    for item in DEFAULTS:
        _, was_created = TemplatPesan.objects.get_or_create(
            key=item.key,
            channel=item.channel,
            defaults={"subject": item.subject, "body": item.body, "keterangan": item.keterangan},
        )
        created += int(was_created)
    return created
