"""Choices of the notifications app."""

from __future__ import annotations

from django.db import models


class Kanal(models.TextChoices):
    """The channel a message goes out through."""

    WHATSAPP = "whatsapp", "WhatsApp"
    EMAIL = "email", "Email"


class StatusPesan(models.TextChoices):
    """Delivery state of an outbox row."""

    PENDING = "pending", "Menunggu"
    SENDING = "sending", "Sedang dikirim"
    SENT = "sent", "Terkirim"
    FAILED = "failed", "Gagal"
