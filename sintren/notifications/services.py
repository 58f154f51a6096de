"""Writes of the notifications app. Call ``pesan_queue`` inside the event's transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.ratelimit import Limit, limit_fail
from sintren.notifications.choices import Event, Kanal, StatusNotifikasi
from sintren.notifications.defaults import DEFAULTS
from sintren.notifications.models import Notifikasi, TemplatPesan
from sintren.notifications.rahasia import prepare_secrets
from sintren.notifications.rendering import prepare_context, render_event
from sintren.notifications.tasks import enqueue_delivery

logger = logging.getLogger(__name__)

# Secrets of a message that could still be re-sent ("kirim ulang") are kept this long
# after the message was queued; every link and code has expired by then.
RAHASIA_MAX_AGE = timedelta(days=7)

# The per-destination cap counts messages in a 24-hour window that starts with the
# first message to that phone number or email address.
PER_TUJUAN_WINDOW_SECONDS = 24 * 3600
DEFAULT_PER_TUJUAN_PER_HARI = 10


class _CapReachedError(Exception):
    """The recipient has had its messages for the day; undo this message's row."""


@transaction.atomic
def notifikasi_queue(
    *,
    event: Event | str,
    context: Mapping[str, Any],
    phone: str | None = None,
    email: str | None = None,
    user: Any = None,
    dedup_key: str | None = None,
    secrets: Mapping[str, str] | None = None,
    lampiran: Sequence[Any] | None = None,
) -> list[Notifikasi]:
    """Write the event's messages to the outbox; deliver them once the transaction commits.

    WhatsApp goes to ``phone`` (E.164) and email to ``email``, each only when the event
    has a text for that channel. Links in ``context`` and ``secrets`` (keys ending in
    ``url``/``link``) are made absolute with ``SITE_URL``. With ``dedup_key`` an event
    queued twice (a retried request) yields its messages only once.

    ``secrets`` are template variables like ``context`` whose values never reach the
    stored ``subject``/``body``: activation and reset links, one-time codes. The stored
    text shows ``[tautan rahasia]``/``[kode rahasia]``; the values wait in
    ``Pesan.rahasia`` for delivery and are wiped after it.

    At most ``SINTREN_PESAN_PER_TUJUAN_PER_HARI`` messages go to one phone number or
    email address per day; a message beyond that is not queued and not returned.

    ``lampiran`` (email only) lists attachments by reference, never their bytes: each
    a mapping with ``sumber`` (a key of ``NOTIFICATION_LAMPIRAN``), ``ref``, ``nama`` and
    ``tipe``; :mod:`sintren.notifications.lampiran` reads them when the email is sent.
    """
    event = Event(event)  # an unknown event is an error (ValueError), not a silent no-op
    if isinstance(lampiran, str | bytes):
        raise TypeError("lampiran is a list of attachment references")
    ctx = prepare_context(context)
    hidden = prepare_secrets(secrets)
    ctx.update(hidden.context)
    rows = []
    for channel, recipient in ((Kanal.WHATSAPP, phone), (Kanal.EMAIL, email)):
        if not recipient or not recipient.strip():
            continue
        rendered = render_event(event, channel, ctx)
        if rendered is None:
            continue
        subject = hidden.conceal(rendered.subject)[:200]
        body = hidden.conceal(rendered.body)
        rahasia = hidden.used_in(subject, body)
        if hidden.values and not rahasia:
            logger.warning("Event %s (%s): the text uses none of its secrets", event, channel)
        try:
            with transaction.atomic():
                pesan = _create(
                    channel=channel,
                    recipient=recipient.strip(),
                    subject=subject,
                    body=body,
                    rahasia=rahasia,
                    berisi_rahasia=bool(rahasia),
                    event=event,
                    user=user,
                    dedup_key=f"{dedup_key}:{channel}" if dedup_key else None,
                    lampiran=[dict(item) for item in lampiran or ()]
                    if channel == Kanal.EMAIL
                    else [],
                )
                if pesan is not None and not _take_daily_slot(recipient):
                    raise _CapReachedError
        except _CapReachedError:
            logger.warning(
                "Event %s: %s message not queued, the recipient's daily limit is reached",
                event,
                channel,
            )
            continue
        if pesan is not None:
            rows.append(pesan)
            transaction.on_commit(partial(enqueue_delivery, pesan.pk))
    if not rows:
        logger.info("Event %s queued no message", event)
    return rows


def per_tujuan_limit() -> Limit:
    """The counter behind the per-destination cap.

    :func:`sintren.core.ratelimit.limit_fail` locks a key when its count reaches
    ``max_failures``; the cap is one below, so the message that would be number
    ``N + 1`` is the one that sees the lock.
    """
    cap = int(getattr(settings, "SINTREN_PESAN_PER_TUJUAN_PER_HARI", DEFAULT_PER_TUJUAN_PER_HARI))
    return Limit(
        "pesan.tujuan",
        max_failures=cap + 1,
        window_seconds=PER_TUJUAN_WINDOW_SECONDS,
        lock_seconds=None,
    )


def _recipient_key(recipient: str) -> str:
    recipient = recipient.strip()
    return recipient.lower() if "@" in recipient else recipient


def _take_daily_slot(recipient: str) -> bool:
    """Count one message to ``recipient``; ``False`` when its cap is already used up.

    The count is a conditional ``UPDATE`` of a counter row keyed by an HMAC of the
    recipient, inside the event's transaction: concurrent events for one recipient
    queue on that row, so together they never pass the cap. A refused message is
    rolled back with its row and does not count.
    """
    return limit_fail(per_tujuan_limit(), _recipient_key(recipient)) is None


def _create(*, dedup_key: str | None, **fields: Any) -> Notifikasi | None:
    """Insert one row; ``None`` when a row with the same ``dedup_key`` already exists."""
    if dedup_key is None:
        return Notifikasi.objects.create(**fields)
    try:
        with transaction.atomic():
            return Notifikasi.objects.create(dedup_key=dedup_key, **fields)
    except IntegrityError:
        if Notifikasi.objects.filter(dedup_key=dedup_key).exists():
            return None
        raise


@transaction.atomic
def notifikasi_resend(*, pesan_ids: Iterable[int], actor: Any = None) -> int:
    """Put failed messages back in the queue with a fresh set of attempts ("kirim ulang").

    A message whose secret link or code was already wiped is not resent: it would
    reach the citizen with only the placeholder. Each message put back is audited.
    """
    candidates = Notifikasi.objects.filter(
        pk__in=list(pesan_ids), status=StatusNotifikasi.FAILED
    ).values_list("pk", "berisi_rahasia", "rahasia")
    ids = [pk for pk, berisi, rahasia in candidates if not berisi or rahasia]
    updated = Notifikasi.objects.filter(pk__in=ids, status=StatusNotifikasi.FAILED).update(
        status=StatusNotifikasi.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    for pesan_id in ids:
        transaction.on_commit(partial(enqueue_delivery, pesan_id))
        audit_log(
            actor=actor,
            action=AuditAction.PESAN_KIRIM_ULANG,
            target=Notifikasi(pk=pesan_id),
            summary="Notifikasi gagal dikirim ulang",
        )
    return updated


def notifikasi_rahasia_purge(*, now: datetime | None = None) -> int:
    """Wipe the secrets of messages queued more than ``RAHASIA_MAX_AGE`` ago.

    Delivered and permanently failed messages lose theirs at once; this catches the
    ones still waiting for a retry or a "kirim ulang". For the hourly housekeeping.
    """
    cutoff = (now or timezone.now()) - RAHASIA_MAX_AGE
    return (
        Notifikasi.objects.filter(berisi_rahasia=True, created_at__lte=cutoff)
        .exclude(rahasia={})
        .update(rahasia={})
    )


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
