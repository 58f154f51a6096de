"""An email backend for the embedded default: emails land in the development outbox.

Mail sent directly through Django (not through ``pesan_queue``) then shows up on
``/dev/outbox/`` like every other message instead of going nowhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi


class DevOutboxEmailBackend(BaseEmailBackend):
    """Store each email as a delivered ``Pesan`` (one per recipient)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        now = timezone.now()
        count = 0
        for message in email_messages:
            for recipient in message.recipients():
                Notifikasi.objects.create(
                    channel=Kanal.EMAIL,
                    recipient=recipient,
                    subject=str(message.subject)[:200],
                    body=str(message.body),
                    event="email_langsung",
                    status=StatusNotifikasi.SENT,
                    sent_at=now,
                    delivered_via="dev-outbox",
                )
            count += 1
        return count
