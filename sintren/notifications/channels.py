"""Delivery channels behind one small protocol.

A channel gets a claimed ``Pesan``, an unsaved copy whose ``subject`` and ``body`` hold
the real text (secrets included; never save it or log it), and either returns a
``Receipt`` or raises ``DeliveryError`` (``permanent=True`` when retrying cannot help).
Which class serves which channel comes from ``settings.NOTIFICATION_BACKEND`` (``dev``:
everything goes to the development outbox; ``live``: WhatsApp Cloud API and Django's
email backend), or from ``settings.NOTIFICATION_CHANNELS``
(``{"whatsapp": "dotted.path.Class"}``) to plug in another gateway.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from sintren.notifications.choices import Kanal
from sintren.notifications.lampiran import LampiranHilangError, lampiran_baca
from sintren.notifications.utils import redact

if TYPE_CHECKING:
    from sintren.notifications.models import Notifikasi


class DeliveryError(Exception):
    """The channel could not deliver; ``permanent`` errors are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Receipt:
    """What a channel reports after a successful hand-over."""

    via: str
    external_id: str = ""


class Channel(Protocol):
    """Delivers one message or raises ``DeliveryError``."""

    def send(self, pesan: Notifikasi) -> Receipt: ...


class DevOutboxChannel:
    """Embedded default: nothing leaves the machine; ``/dev/outbox/`` shows the message.

    The text as a phone or mailbox would receive it (real links and codes) is kept in
    ``KotakDev``, the development stand-in for the citizen's inbox.
    """

    def send(self, pesan: Notifikasi) -> Receipt:
        from sintren.notifications.models import KotakDev

        body = pesan.body
        if pesan.lampiran:
            try:
                files = lampiran_baca(pesan.lampiran)
            except LampiranHilangError as exc:
                raise DeliveryError(f"lampiran: {exc}", permanent=True) from exc
            body += "".join(f"\n[Lampiran: {f.nama}, {len(f.isi) // 1024} KB]" for f in files)
        KotakDev.objects.create(pesan_id=pesan.pk, subject=pesan.subject, body=body)
        return Receipt(via="dev-outbox")


# HTTP statuses worth retrying; other 4xx answers (bad number, bad token) are final.
_RETRYABLE_4XX = {408, 409, 425, 429}


class WhatsAppCloudChannel:
    """POST a text message in the WhatsApp Cloud API shape to ``WHATSAPP_API_URL``."""

    def __init__(self) -> None:
        self.url = settings.WHATSAPP_API_URL
        self.token = settings.WHATSAPP_API_TOKEN
        self.timeout = settings.WHATSAPP_TIMEOUT
        if not self.url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("WHATSAPP_API_URL must be an http(s) URL.")

    @staticmethod
    def payload(pesan: Notifikasi) -> dict[str, Any]:
        """The request body: the recipient in international form without ``+``."""
        return {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": pesan.recipient.lstrip("+"),
            "type": "text",
            "text": {"body": pesan.body, "preview_url": True},
        }

    def send(self, pesan: Notifikasi) -> Receipt:
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.url,
            data=json.dumps(self.payload(pesan)).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read(65536)
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in _RETRYABLE_4XX
            raise DeliveryError(f"gateway HTTP {exc.code}", permanent=permanent) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeliveryError(f"gateway unreachable: {type(reason).__name__}") from exc
        return Receipt(via="whatsapp-cloud", external_id=_message_id(raw))


def _message_id(raw: bytes) -> str:
    """The gateway's message id (``messages[0].id``), if the answer has one."""
    try:
        data = json.loads(raw or b"{}")
        return str(data["messages"][0]["id"])[:200]
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


class EmailChannel:
    """Send through Django's configured email backend (SMTP in production)."""

    def send(self, pesan: Notifikasi) -> Receipt:
        message = EmailMessage(
            subject=pesan.subject or str(settings.SINTREN["APP_NAME"]),
            body=pesan.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[pesan.recipient],
        )
        try:
            for item in lampiran_baca(pesan.lampiran):
                message.attach(item.nama, item.isi, item.tipe or None)
        except LampiranHilangError as exc:
            raise DeliveryError(f"lampiran: {exc}", permanent=True) from exc
        try:
            message.send(fail_silently=False)
        except Exception as exc:
            # SMTP errors can quote the address: keep it out of last_error.
            text = redact(f"{type(exc).__name__}: {exc}", pesan.recipient)[:500]
            raise DeliveryError(f"email: {text}") from exc
        return Receipt(via="email")


_LIVE: dict[str, type] = {Kanal.WHATSAPP: WhatsAppCloudChannel, Kanal.EMAIL: EmailChannel}


def get_channel(kanal: str) -> Channel:
    """The channel object that delivers messages of kind ``kanal`` now."""
    custom = getattr(settings, "NOTIFICATION_CHANNELS", {}) or {}
    if kanal in custom:
        channel: Channel = import_string(custom[kanal])()
        return channel
    if settings.NOTIFICATION_BACKEND == "dev":
        return DevOutboxChannel()
    if kanal not in _LIVE:
        raise ImproperlyConfigured(f"No channel for {kanal!r}.")
    live: Channel = _LIVE[kanal]()
    return live
